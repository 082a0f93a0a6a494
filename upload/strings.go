package upload

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

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
	var out stringStore
	var s richText
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			return out.all(), nil
		} else if err != nil {
			return nil, err
		}
		if tok.kind == startElement && tok.is("si") {
			s = richText{buf: s.buf[:0]}
		}
		if tok.kind == endElement && tok.is("si") {
			b, err := s.text()
			if err != nil {
				return nil, err
			}
			if out.add(b); len(out.strings) > maxCells {
				return nil, tooLarge("upload.too_many_strings", i18n.Args{"max": i18n.Count(maxCells)})
			}
			if err := t.addText(len(b)); err != nil {
				return nil, err
			}
			continue
		}
		if err := s.take(tok); err != nil {
			return nil, err
		}
	}
}

// stringStore keeps the shared strings as they are read, cut from strings
// of the text of many of them (as rowStore keeps rows' text).
type stringStore struct {
	strings []string
	text    []byte // the text of strings[cut:], one after the other
	ends    []int  // where each of them ends in text
	cut     int
}

// add keeps a string of b.
func (st *stringStore) add(b []byte) {
	if len(st.text)+len(b) > textChunk {
		st.seal()
	}
	st.text = append(st.text, b...)
	st.ends = append(st.ends, len(st.text))
	st.strings = append(st.strings, "")
}

// seal makes a string of the text kept and cuts the strings from it.
func (st *stringStore) seal() {
	text, from := string(st.text), 0
	for i, end := range st.ends {
		st.strings[st.cut+i], from = text[from:end], end
	}
	st.cut, st.text, st.ends = len(st.strings), st.text[:0], st.ends[:0]
}

// all returns the strings kept.
func (st *stringStore) all() []string {
	st.seal()
	return st.strings
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
// trimmed: a slice of r's buffer when the buffer is in NFC without
// escapes, as nearly every string is.
func (r *richText) text() ([]byte, error) {
	b := r.buf
	if bytes.Contains(b, []byte("_x")) || !isNFC(b) {
		b = []byte(vn.NFC(unescape(string(b))))
	} else {
		b = bytes.TrimSpace(b)
	}
	if len(b) > maxCellText && utf8.RuneCount(b) > maxCellText {
		return nil, tooLongCell()
	}
	return b, nil
}

// isNFC reports whether b is in NFC. Text of ASCII and of letters that
// are in NFC whatever surrounds them, as the letters of Vietnamese typed
// precomposed are, is; other text is checked by norm.
func isNFC(b []byte) bool {
	safe := nfcSafe()
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if int(r) >= len(safe) || !safe[r] {
			return norm.NFC.IsNormal(b)
		}
		i += n
	}
	return true
}

// nfcSafe marks the characters below U+3000 that are in NFC whatever
// surrounds them: in NFC alone (the NFC quick check is not No), of
// combining class 0, and combining with no character before them (nor
// Maybe), so that a text of them and ASCII needs no normalisation (UAX
// #15, the quick check).
var nfcSafe = sync.OnceValue(func() []bool {
	safe := make([]bool, 0x3000)
	var buf [utf8.UTFMax]byte
	for r := range rune(len(safe)) {
		b := utf8.AppendRune(buf[:0], r)
		p := norm.NFC.Properties(b)
		safe[r] = p.CCC() == 0 && p.BoundaryBefore() && norm.NFC.IsNormal(b)
	}
	return safe
})

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
