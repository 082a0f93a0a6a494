package upload

import "strings"

// tokenKind is what a token is.
type tokenKind uint8

const (
	startElement tokenKind = iota + 1
	endElement
	charData
	otherToken // a comment, a processing instruction or a directive
)

// token is one token of a part, its slices valid until the next token.
type token struct {
	kind  tokenKind
	name  []byte // an element's name as written, prefix and all
	local []byte // the name without its prefix
	attrs []xmlAttr
	text  []byte // character data, decoded
}

// xmlAttr is an attribute: its name without prefix, and its value decoded.
type xmlAttr struct {
	local, value []byte
}

// attrSpan is an attribute while its element is read.
type attrSpan struct {
	local, value span
}

// is reports whether the token's name, without prefix, is local.
func (t *token) is(local string) bool {
	return string(t.local) == local
}

// attr returns the value of the first attribute whose name, without
// prefix, is local, or nil.
func (t *token) attr(local string) []byte {
	for _, a := range t.attrs {
		if string(a.local) == local {
			return a.value
		}
	}
	return nil
}

// next reads the next token, as encoding/xml's rawToken did. At the end of
// the part it returns io.EOF.
func (s *scanner) next() (*token, error) {
	if s.err != nil {
		return nil, s.err
	}
	if s.needClose { // the end of an empty element, "<c/>"
		s.needClose, s.refused = false, -1
		s.tok.kind, s.tok.attrs = endElement, s.tok.attrs[:0]
		return &s.tok, nil
	}
	s.begin()
	if s.r < s.end {
		if t, ok := s.fast(); ok {
			return t, nil
		}
	}
	b, ok := s.getc()
	if !ok {
		return nil, s.err
	}
	if b != '<' {
		s.r--
		return s.charData()
	}
	if b, ok = s.mustgetc(); !ok {
		return nil, s.err
	}
	switch b {
	case '/':
		return s.endTag()
	case '?':
		return s.instruction()
	case '!':
		return s.bang()
	}
	s.r--
	return s.startTag()
}

// charData reads a text up to the next '<'.
func (s *scanner) charData() (*token, error) {
	text, ok := s.text(-1, false)
	if !ok {
		return nil, s.err
	}
	s.pushed = s.err == nil
	s.tok.kind, s.tok.text = charData, s.bytes(text)
	return &s.tok, nil
}

// startTag reads an element's start, "<c r="A1" t="s">" or "<c/>".
func (s *scanner) startTag() (*token, error) {
	name, local, ok := s.nsname()
	if !ok {
		return nil, s.syntaxUnlessFailed()
	}
	for {
		s.space()
		b, ok := s.mustgetc()
		if !ok {
			return nil, s.err
		}
		if b == '/' {
			if b, ok = s.mustgetc(); !ok {
				return nil, s.err
			} else if b != '>' {
				return nil, s.syntax()
			}
			s.needClose = true
			break
		}
		if b == '>' {
			break
		}
		s.r--
		if err := s.attribute(); err != nil {
			return nil, err
		}
	}
	s.tok.kind, s.tok.name, s.tok.local = startElement, s.bytes(name), s.bytes(local)
	s.tok.attrs = s.tok.attrs[:0]
	for _, a := range s.spans {
		s.tok.attrs = append(s.tok.attrs, xmlAttr{local: s.bytes(a.local), value: s.bytes(a.value)})
	}
	return &s.tok, nil
}

// attribute reads one attribute of an element: name="value" or 'value'.
func (s *scanner) attribute() error {
	_, local, ok := s.nsname()
	if !ok {
		return s.syntaxUnlessFailed()
	}
	s.space()
	if b, ok := s.mustgetc(); !ok {
		return s.err
	} else if b != '=' {
		return s.syntax()
	}
	s.space()
	quote, ok := s.mustgetc()
	if !ok {
		return s.err
	} else if quote != '"' && quote != '\'' {
		return s.syntax()
	}
	value, ok := s.text(int(quote), false)
	if !ok {
		return s.err
	}
	s.spans = append(s.spans, attrSpan{local: local, value: value})
	return nil
}

// endTag reads an element's end after its "</".
func (s *scanner) endTag() (*token, error) {
	name, local, ok := s.nsname()
	if !ok {
		return nil, s.syntaxUnlessFailed()
	}
	s.space()
	if b, ok := s.mustgetc(); !ok {
		return nil, s.err
	} else if b != '>' {
		return nil, s.syntax()
	}
	s.tok.kind, s.tok.name, s.tok.local, s.tok.attrs = endElement, s.bytes(name), s.bytes(local), s.tok.attrs[:0]
	return &s.tok, nil
}

// instruction reads a processing instruction after its "<?". The XML
// declaration may declare version 1.0 and UTF-8 only.
func (s *scanner) instruction() (*token, error) {
	target, ok := s.name()
	if !ok {
		return nil, s.syntaxUnlessFailed()
	}
	s.space()
	from := s.at()
	var b0 byte
	for {
		b, ok := s.mustgetc()
		if !ok {
			return nil, s.err
		}
		if b0 == '?' && b == '>' {
			break
		}
		b0 = b
	}
	if string(s.bytes(target)) == "xml" {
		content := string(s.bytes(span{off: from, end: s.at() - 2}))
		ver, enc := procInst("version", content), procInst("encoding", content)
		if ver != "" && ver != "1.0" || enc != "" && !strings.EqualFold(enc, "utf-8") {
			return nil, s.syntax()
		}
	}
	s.tok.kind = otherToken
	return &s.tok, nil
}

// procInst returns the value of param in the content of a processing
// instruction, parsed exactly as encoding/xml parses it.
func procInst(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// syntax fails with a syntax error.
func (s *scanner) syntax() error {
	s.fail(errSyntax)
	return s.err
}

// syntaxUnlessFailed fails with a syntax error unless reading failed first.
func (s *scanner) syntaxUnlessFailed() error {
	if s.err == nil {
		s.fail(errSyntax)
	}
	return s.err
}
