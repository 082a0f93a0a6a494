package upload

import (
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"baove/i18n"
	"baove/vn"
)

// sharedStrings reads the workbook's shared strings, NFC-normalised, with
// their text counted against t. The part is held in memory, so it has its
// own limit and at most maxCells strings.
func (a *archive) sharedStrings(name string, t *tally) ([]string, error) {
	if name == "" {
		return nil, nil
	}
	x, err := a.xml(name, maxSharedPart)
	if err != nil {
		return nil, err
	}
	defer x.Close()
	return readShared(x, t)
}

// readShared reads the strings of the shared strings part x.
func readShared(x *xmlPart, t *tally) ([]string, error) {
	var out []string
	var s richText
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		if tok.kind == startElement && tok.is("si") {
			s = richText{buf: s.buf[:0]}
		}
		if tok.kind == endElement && tok.is("si") {
			text, err := s.text()
			if err != nil {
				return nil, err
			}
			if out = append(out, text); len(out) > maxCells {
				return nil, tooLarge("upload.too_many_strings", i18n.Args{"max": i18n.Count(maxCells)})
			}
			if err := t.addText(len(text)); err != nil {
				return nil, err
			}
			continue
		}
		if err := s.take(tok); err != nil {
			return nil, err
		}
	}
}

// richText gathers the text of a shared string or an inline string: its
// <t> elements, directly or in runs of formatting, but not the phonetic
// guides (<rPh>) of East Asian text.
type richText struct {
	buf      []byte
	inText   bool
	phonetic int // depth inside <rPh>
}

// take reads one token of the string's XML.
func (r *richText) take(tok *token) error {
	switch tok.kind {
	case startElement:
		switch {
		case tok.is("t"):
			r.inText = r.phonetic == 0
		case tok.is("rPh"):
			r.phonetic++
		}
	case endElement:
		switch {
		case tok.is("t"):
			r.inText = false
		case tok.is("rPh"):
			r.phonetic--
		}
	case charData:
		if r.inText {
			return r.add(tok.text)
		}
	}
	return nil
}

// add appends text of a cell, refusing more than a cell holds.
func (r *richText) add(b []byte) error {
	// A character takes at most 4 bytes, and the escapes _xHHHH_ 7.
	if len(r.buf)+len(b) > 7*maxCellText {
		return tooLongCell()
	}
	r.buf = append(r.buf, b...)
	return nil
}

// text returns the string with its escapes decoded, NFC-normalised and
// trimmed.
func (r *richText) text() (string, error) {
	s := vn.NFC(unescape(string(r.buf)))
	if utf8.RuneCountInString(s) > maxCellText {
		return "", tooLongCell()
	}
	return s, nil
}

func tooLongCell() error {
	return tooLarge("upload.cell_too_long", i18n.Args{"max": i18n.Count(maxCellText)})
}

// escaped matches the escapes that spreadsheets write for characters XML
// cannot hold: _x000D_ for a carriage return, _x005F_ for "_" itself.
var escaped = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)

// unescape decodes the _xHHHH_ escapes of s. An escaped lone surrogate
// becomes the bytes UTF-8 would give it, which are not valid UTF-8, so
// that the cell is refused as such.
func unescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	return escaped.ReplaceAllStringFunc(s, func(e string) string {
		n, _ := strconv.ParseUint(e[2:6], 16, 32)
		if n >= 0xD800 && n <= 0xDFFF {
			return string([]byte{0xED, byte(0x80 | (n>>6)&0x3F), byte(0x80 | n&0x3F)})
		}
		return string(rune(n))
	})
}
