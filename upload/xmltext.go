package upload

import (
	"io"
	"unicode"
	"unicode/utf8"
)

// What ends a run of bytes that text copies as they are, by what is read:
// character data, an attribute value in double or single quotes, or a
// CDATA section.
const (
	inText uint8 = 1 << iota
	inDouble
	inSingle
	inCDATA
)

// special marks, for each byte, where it may end a run.
var special = func() (t [256]uint8) {
	t['<'] = inText | inDouble | inSingle
	t['&'] = inText | inDouble | inSingle
	t['\r'] = inText | inDouble | inSingle | inCDATA
	t[']'] = inText | inCDATA
	t['>'] = inText | inCDATA
	t['"'] = inDouble
	t['\''] = inSingle
	return t
}()

// text reads character data as encoding/xml did: up to a '<', which it
// leaves unread, or the closing quote of an attribute value (quote >= 0),
// or the "]]>" that ends a CDATA section. Entities are decoded, and "\r\n"
// and "\r" read as "\n"; then every character is checked. It returns the
// text, in the window while it is as read, in scratch once it is not. A
// text cut short by an error of the part is returned (the error kept for
// the next token), unless it is a CDATA section or holds a bad character.
func (s *scanner) text(quote int, cdata bool) (span, bool) {
	mask := inText
	switch {
	case cdata:
		mask = inCDATA
	case quote == '"':
		mask = inDouble
	case quote == '\'':
		mask = inSingle
	}
	out := span{off: s.at(), end: s.at()}
	var b0, b1 byte // the last two bytes read, but none after an entity
	trunc := 0
	for {
		if b1 != '\r' {
			s.run(&out, mask, &b0, &b1)
		}
		b, ok := s.getc()
		if !ok {
			if cdata {
				if s.err == io.EOF {
					s.err = errSyntax
				}
				return span{}, false
			}
			break
		}
		if quote < 0 && b0 == ']' && b1 == ']' && b == '>' {
			if !cdata {
				return span{}, s.fail(errSyntax)
			}
			trunc = 2
			break
		}
		if b == '<' && !cdata {
			if quote >= 0 {
				return span{}, s.fail(errSyntax)
			}
			s.r--
			break
		}
		if quote >= 0 && b == byte(quote) {
			break
		}
		if b == '&' && !cdata {
			r, ok := s.entity()
			if !ok {
				return span{}, false
			}
			s.toScratch(&out)
			s.scratch = utf8.AppendRune(s.scratch, r)
			out.end = len(s.scratch)
			b0, b1 = 0, 0
			continue
		}
		switch {
		case b == '\r':
			s.toScratch(&out)
			s.scratch = append(s.scratch, '\n')
			out.end++
		case b1 == '\r' && b == '\n': // written as the "\r" was
			s.toScratch(&out)
		case out.scratch:
			s.scratch = append(s.scratch, b)
			out.end++
		default:
			out.end++
		}
		b0, b1 = b1, b
	}
	out.end -= trunc
	if !xmlChars(s.bytes(out)) {
		return span{}, s.fail(errSyntax)
	}
	return out, true
}

// run takes the bytes up to the next that may end a run, adding them to
// out as they are.
func (s *scanner) run(out *span, mask uint8, b0, b1 *byte) {
	buf := s.buf[:s.end]
	i := s.r
	for i < len(buf) && special[buf[i]]&mask == 0 {
		i++
	}
	n := i - s.r
	if n == 0 {
		return
	}
	if out.scratch {
		s.scratch = append(s.scratch, buf[s.r:i]...)
	}
	out.end += n
	if n > 1 {
		*b0 = buf[i-2]
	} else {
		*b0 = *b1
	}
	*b1, s.r = buf[i-1], i
}

// toScratch moves out, a text as read so far, to scratch, where the rest
// of it will be written as decoded.
func (s *scanner) toScratch(out *span) {
	if out.scratch {
		return
	}
	from := len(s.scratch)
	s.scratch = append(s.scratch, s.bytes(*out)...)
	*out = span{off: from, end: len(s.scratch), scratch: true}
}

// entity reads a character reference after its '&': "&#233;", "&#xE9;",
// or one of the five entities XML predefines. Any other is a syntax error.
// A reference to a surrogate reads as U+FFFD, as it did.
func (s *scanner) entity() (rune, bool) {
	b, ok := s.mustgetc()
	if !ok {
		return 0, false
	}
	if b != '#' {
		s.r--
		return s.namedEntity()
	}
	if b, ok = s.mustgetc(); !ok {
		return 0, false
	}
	base := rune(10)
	if b == 'x' {
		base = 16
		if b, ok = s.mustgetc(); !ok {
			return 0, false
		}
	}
	n, digits := rune(0), 0
	for d := digit(b, base); d >= 0; d = digit(b, base) {
		n, digits = min(n*base+d, unicode.MaxRune+1), digits+1
		if b, ok = s.mustgetc(); !ok {
			return 0, false
		}
	}
	if b != ';' || digits == 0 || n > unicode.MaxRune {
		return 0, s.fail(errSyntax)
	}
	return n, true
}

// digit returns the value of b as a digit in base 10 or 16, or -1.
func digit(b byte, base rune) rune {
	switch {
	case '0' <= b && b <= '9':
		return rune(b - '0')
	case base == 16 && 'a' <= b && b <= 'f':
		return rune(b-'a') + 10
	case base == 16 && 'A' <= b && b <= 'F':
		return rune(b-'A') + 10
	}
	return -1
}

// namedEntity reads "amp;", "lt;", "gt;", "apos;" or "quot;".
func (s *scanner) namedEntity() (rune, bool) {
	from := s.at()
	if !s.readName() && s.err != nil {
		return 0, false
	}
	name := string(s.bytes(span{off: from, end: s.at()}))
	b, ok := s.mustgetc()
	if !ok {
		return 0, false
	}
	if b == ';' {
		switch name {
		case "amp":
			return '&', true
		case "lt":
			return '<', true
		case "gt":
			return '>', true
		case "apos":
			return '\'', true
		case "quot":
			return '"', true
		}
	}
	return 0, s.fail(errSyntax)
}

// xmlChars reports whether b is UTF-8 of characters XML may hold.
func xmlChars(b []byte) bool {
	for i := 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || r > 0xD7FF && r < 0xE000 || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += size
	}
	return true
}
