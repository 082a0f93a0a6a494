package upload

import "bytes"

// The scanner's fast paths read the tokens that make up nearly all of a
// sheet, when the window holds the whole token and it is plain: an
// element's start or end of ASCII names and values without entities or
// "\r", or a text without entities, "\r", ']' or '>'. Anything else, or a
// token that runs past the window, they leave to the general path, which
// reads it from its start again: they take no byte the general path would
// not take, and return what it would return.

// plain marks the bytes that the fast paths take as they are: in a text,
// any character but '<', '&', ']', '>' and "\r" (those not ASCII are
// checked once the text is read); in a value, any ASCII character but
// '<', '&' and "\r".
const (
	plainText uint8 = 1 << iota
	plainValue
	notASCII
)

var plain = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= 0x80:
			t[c] = plainText | notASCII
		case c == '<' || c == '&' || c == '\r':
		case c == ']' || c == '>':
			t[c] = plainValue
		case c >= 0x20 || c == '\t' || c == '\n':
			t[c] = plainText | plainValue
		}
	}
	return t
}()

// fast reads the next token if it is plain and in the window.
func (s *scanner) fast() (*token, bool) {
	buf := s.buf[:s.end]
	i := s.r
	if i+1 >= len(buf) {
		return nil, false
	}
	switch {
	case buf[i] != '<':
		return s.fastText(buf)
	case buf[i+1] == '/':
		return s.fastEnd(buf)
	}
	return s.fastStart(buf)
}

// fastText reads a text that a '<' ends in the window.
func (s *scanner) fastText(buf []byte) (*token, bool) {
	i, seen := s.r, uint8(0)
	for i < len(buf) && plain[buf[i]]&plainText != 0 {
		seen |= plain[buf[i]]
		i++
	}
	if i == len(buf) || buf[i] != '<' || seen&notASCII != 0 && !xmlChars(buf[s.r:i]) {
		return nil, false
	}
	s.tok.kind, s.tok.text = charData, buf[s.r:i]
	s.r, s.pushed = i, true
	return &s.tok, true
}

// fastEnd reads an element's end, "</c>".
func (s *scanner) fastEnd(buf []byte) (*token, bool) {
	name, local, i, ok := fastName(buf, s.r+2)
	i = skipSpace(buf, i)
	if !ok || i == len(buf) || buf[i] != '>' {
		return nil, false
	}
	s.tok.kind, s.tok.name, s.tok.local, s.tok.attrs = endElement, buf[name.off:name.end], buf[local.off:local.end], s.tok.attrs[:0]
	s.r = i + 1
	return &s.tok, true
}

// fastStart reads an element's start, "<c r="A1" t="s">" or "<c/>".
func (s *scanner) fastStart(buf []byte) (*token, bool) {
	name, local, i, ok := fastName(buf, s.r+1)
	if !ok {
		return nil, false
	}
	attrs := s.tok.attrs[:0]
	for {
		i = skipSpace(buf, i)
		if i == len(buf) {
			return nil, false
		}
		if buf[i] == '>' {
			i++
			break
		}
		if buf[i] == '/' {
			if i+1 == len(buf) || buf[i+1] != '>' {
				return nil, false
			}
			s.needClose = true
			i += 2
			break
		}
		var a xmlAttr
		if a, i, ok = fastAttr(buf, i); !ok {
			return nil, false
		}
		attrs = append(attrs, a)
	}
	s.tok.kind, s.tok.name, s.tok.local, s.tok.attrs = startElement, buf[name.off:name.end], buf[local.off:local.end], attrs
	s.r = i
	return &s.tok, true
}

// fastAttr reads name="value" at i, and returns where it ends.
func fastAttr(buf []byte, i int) (xmlAttr, int, bool) {
	_, local, i, ok := fastName(buf, i)
	if i = skipSpace(buf, i); !ok || i == len(buf) || buf[i] != '=' {
		return xmlAttr{}, 0, false
	}
	if i = skipSpace(buf, i+1); i == len(buf) || buf[i] != '"' && buf[i] != '\'' {
		return xmlAttr{}, 0, false
	}
	quote, from := buf[i], i+1
	end := bytes.IndexByte(buf[from:], quote)
	if end < 0 {
		return xmlAttr{}, 0, false
	}
	value := buf[from : from+end]
	for _, c := range value {
		if plain[c]&plainValue == 0 {
			return xmlAttr{}, 0, false
		}
	}
	return xmlAttr{local: buf[local.off:local.end], value: value}, from + end + 1, true
}

// fastName reads an ASCII name at i, and returns it, its local part (as
// nsname returns them, but as offsets in buf) and where it ends.
func fastName(buf []byte, i int) (name, local span, end int, ok bool) {
	from, colon := i, -1
	if i == len(buf) || !nameStart(buf[i]) {
		return span{}, span{}, i, false
	}
	for ; i < len(buf) && nameByte[buf[i]]; i++ {
		switch c := buf[i]; {
		case c >= 0x80 || c == ':' && colon >= 0:
			return span{}, span{}, i, false
		case c == ':':
			colon = i
		}
	}
	if i == len(buf) {
		return span{}, span{}, i, false
	}
	name = span{off: from, end: i}
	if colon <= from || colon == i-1 {
		return name, name, i, true
	}
	return name, span{off: colon + 1, end: i}, i, true
}

// nameStart reports whether c, ASCII, may start a name.
func nameStart(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
}

// skipSpace returns where the white space at i ends.
func skipSpace(buf []byte, i int) int {
	for i < len(buf) && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t' || buf[i] == '\r') {
		i++
	}
	return i
}
