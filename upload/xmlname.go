package upload

import (
	"bytes"
	"encoding/xml"
	"unicode/utf8"
)

// nameByte marks the bytes a name is read through: the ASCII of names,
// and every byte of other characters, which name checks.
var nameByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '_' || c == ':' || c == '.' || c == '-'
	}
	return t
}()

// readName takes a name's bytes. It reports false, s.err nil, when the
// next byte cannot be part of a name, and leaves it unread.
func (s *scanner) readName() bool {
	b, ok := s.mustgetc()
	if !ok {
		return false
	}
	if !nameByte[b] {
		s.r--
		return false
	}
	for {
		buf := s.buf[:s.end]
		i := s.r
		for i < len(buf) && nameByte[buf[i]] {
			i++
		}
		s.r = i
		if b, ok = s.mustgetc(); !ok {
			return false
		}
		if !nameByte[b] {
			s.r--
			return true
		}
	}
}

// name reads a name and checks it is one XML allows.
func (s *scanner) name() (span, bool) {
	from := s.at()
	if !s.readName() {
		return span{}, false
	}
	name := span{off: from, end: s.at()}
	if !isName(s.bytes(name)) {
		return span{}, s.fail(errSyntax)
	}
	return name, true
}

// nsname reads an element's or an attribute's name, and returns it with
// its local part: what follows its prefix, if it has one. A name of two
// colons is refused, s.err nil.
func (s *scanner) nsname() (name, local span, ok bool) {
	if name, ok = s.name(); !ok {
		return span{}, span{}, false
	}
	b := s.bytes(name)
	switch i := bytes.IndexByte(b, ':'); {
	case i < 0:
		return name, name, true
	case bytes.IndexByte(b[i+1:], ':') >= 0:
		return span{}, span{}, false
	case i == 0 || i == len(b)-1:
		return name, name, true
	default:
		return name, span{off: name.off + i + 1, end: name.end}, true
	}
}

// isName reports whether b, a name's bytes as read, is a name XML allows.
// Spreadsheets write ASCII names; encoding/xml, which holds the tables of
// the other characters names may hold, checks the others, as a processing
// instruction's target, which it checks as a name and nothing more.
func isName(b []byte) bool {
	ascii := true
	for _, c := range b {
		ascii = ascii && c < utf8.RuneSelf
	}
	if ascii {
		c := b[0]
		return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
	}
	d := xml.NewDecoder(bytes.NewReader(append(append([]byte("<?"), b...), "?>"...)))
	_, err := d.RawToken()
	return err == nil
}

// space skips white space.
func (s *scanner) space() {
	for {
		b, ok := s.getc()
		if !ok {
			return
		}
		if b != ' ' && b != '\r' && b != '\n' && b != '\t' {
			s.r--
			return
		}
	}
}

// bang reads what starts "<!": a comment, a CDATA section, or a directive
// such as <!DOCTYPE …>, which is skipped as encoding/xml skipped it.
func (s *scanner) bang() (*token, error) {
	b, ok := s.mustgetc()
	if !ok {
		return nil, s.err
	}
	switch b {
	case '-':
		return s.comment()
	case '[':
		for i := range len("CDATA[") {
			if b, ok = s.mustgetc(); !ok {
				return nil, s.err
			} else if b != "CDATA["[i] {
				return nil, s.syntax()
			}
		}
		text, ok := s.text(-1, true)
		if !ok {
			return nil, s.err
		}
		s.tok.kind, s.tok.text = charData, s.bytes(text)
		return &s.tok, nil
	}
	if !s.directive() {
		return nil, s.err
	}
	s.tok.kind = otherToken
	return &s.tok, nil
}

// comment reads a comment after its "<!-". "--" may only end it.
func (s *scanner) comment() (*token, error) {
	if b, ok := s.mustgetc(); !ok {
		return nil, s.err
	} else if b != '-' {
		return nil, s.syntax()
	}
	var b0, b1 byte
	for {
		b, ok := s.mustgetc()
		if !ok {
			return nil, s.err
		}
		if b0 == '-' && b1 == '-' {
			if b != '>' {
				return nil, s.syntax()
			}
			break
		}
		b0, b1 = b1, b
	}
	s.tok.kind = otherToken
	return &s.tok, nil
}

// directive reads a directive up to its '>', skipping quoted text,
// nested angle brackets and comments, byte for byte as encoding/xml did.
func (s *scanner) directive() bool {
	var b, inquote byte
	var ok bool
	depth := 0
	again := false // b is yet to be handled: the end is not looked for
	for {
		if !again {
			if b, ok = s.mustgetc(); !ok {
				return false
			}
			if inquote == 0 && b == '>' && depth == 0 {
				return true
			}
		}
		again = false
		switch {
		case b == inquote:
			inquote = 0
		case inquote != 0:
		case b == '\'' || b == '"':
			inquote = b
		case b == '>':
			depth--
		case b == '<':
			for i := range len("!--") {
				if b, ok = s.mustgetc(); !ok {
					return false
				}
				if b != "!--"[i] {
					depth++
					again = true
					break
				}
			}
			if !again && !s.skipComment() {
				return false
			}
		}
	}
}

// skipComment reads a comment within a directive, after its "<!--".
func (s *scanner) skipComment() bool {
	var b0, b1 byte
	for {
		b, ok := s.mustgetc()
		if !ok {
			return false
		}
		if b0 == '-' && b1 == '-' && b == '>' {
			return true
		}
		b0, b1 = b1, b
	}
}
