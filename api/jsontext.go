package api

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"baove"
	"baove/vn"
)

// freeText names the body fields whose text may hold tabs and line breaks:
// descriptions, narratives, notes, reasons, expected outputs, partner lists
// and the text of comments. Every other string (titles, names, codes,
// numbers written as strings) is one line.
var freeText = map[string]bool{"narrative": true, "description": true, "note": true, "reason": true,
	"expected_output": true, "partners": true, "text": true}

// freeTextNames lists the free-text fields for the API's description.
func freeTextNames() string {
	names := slices.Sorted(maps.Keys(freeText))
	return strings.Join(names, ", ")
}

// maxTextProblems bounds the problems one answer lists.
const maxTextProblems = 20

// maxDepth is encoding/json's nesting limit: deeper documents are refused
// by the decoder, so the scan need not go further.
const maxDepth = 10000

// textScan walks the bytes of a JSON document and records each string, key
// or value, that vn.TextFault refuses (a NUL or another control character,
// invalid UTF-8 or a lone surrogate escape, a tab or line break outside free
// text), naming it by its place: body.items[3].note. It decodes nothing:
// Huma decodes the body afterwards, and where the document is malformed the
// scan stops and leaves the answer to Huma's decoder.
type textScan struct {
	data  []byte
	i     int
	path  []segment
	probs baove.Problems
}

// segment is a step of the path to a value: an object key (index -1) or
// an array index.
type segment struct {
	key   []byte
	index int
}

// scanText returns a problem for each unfit string of the JSON document.
func scanText(data []byte) baove.Problems {
	s := &textScan{data: data}
	s.value(false)
	return s.probs
}

// value scans the value at s.i; it returns false where the document is
// malformed.
func (s *textScan) value(multiline bool) bool {
	s.space()
	if s.i >= len(s.data) || len(s.path) > maxDepth {
		return false
	}
	switch s.data[s.i] {
	case '{':
		return s.object()
	case '[':
		return s.array(multiline)
	case '"':
		_, ok := s.str(multiline, "")
		return ok
	}
	for s.i < len(s.data) && !strings.ContainsRune(",]} \t\r\n", rune(s.data[s.i])) {
		s.i++ // a number, true, false or null
	}
	return true
}

func (s *textScan) object() bool {
	s.i++
	if s.space(); s.at('}') {
		return true
	}
	for {
		if s.space(); s.i >= len(s.data) || s.data[s.i] != '"' {
			return false
		}
		key, ok := s.str(false, "key")
		if s.space(); !ok || !s.at(':') {
			return false
		}
		s.path = append(s.path, segment{key: key, index: -1})
		ok = s.value(freeText[strings.ToLower(string(key))]) // encoding/json matches keys without case
		s.path = s.path[:len(s.path)-1]
		if s.space(); !ok {
			return false
		}
		if !s.at(',') {
			return s.at('}')
		}
	}
}

func (s *textScan) array(multiline bool) bool {
	s.i++
	if s.space(); s.at(']') {
		return true
	}
	for n := 0; ; n++ {
		s.path = append(s.path, segment{index: n})
		ok := s.value(multiline)
		s.path = s.path[:len(s.path)-1]
		if s.space(); !ok {
			return false
		}
		if !s.at(',') {
			return s.at(']')
		}
	}
}

// str scans the string literal at s.i, records its first fault (for a key,
// named with what), and returns its raw content.
func (s *textScan) str(multiline bool, what string) ([]byte, bool) {
	start, fault := s.i+1, ""
	for s.i++; s.i < len(s.data); {
		r, size := s.char()
		switch {
		case size == 0:
			return nil, false
		case r == '"' && size == 1:
			s.i++
			s.report(s.data[start:s.i-1], what, fault)
			return s.data[start : s.i-1], true
		case r == utf8.RuneError && size == 1:
			fault = cmp.Or(fault, vn.NotUTF8)
		default:
			fault = cmp.Or(fault, vn.RuneFault(r, multiline))
		}
		s.i += size
	}
	return nil, false
}

// char returns the character at s.i within a string literal and how many
// bytes it takes: an escape is decoded (a surrogate pair to one rune, a lone
// surrogate to itself), a raw byte above ASCII as UTF-8. It returns size 0
// for a malformed escape.
func (s *textScan) char() (rune, int) {
	switch {
	case s.data[s.i] != '\\':
		return utf8.DecodeRune(s.data[s.i:])
	case s.i+1 >= len(s.data):
		return 0, 0
	}
	if r, ok := shortEscapes[s.data[s.i+1]]; ok {
		return r, 2
	}
	r, ok := s.hex(s.i + 1)
	if !ok {
		return 0, 0
	}
	if r >= 0xd800 && r < 0xdc00 {
		if low, ok := s.hex(s.i + 7); ok && s.data[s.i+6] == '\\' && low >= 0xdc00 && low <= 0xdfff {
			return (r-0xd800)<<10 + (low - 0xdc00) + 0x10000, 12
		}
	}
	return r, 6
}

// shortEscapes are the one-letter escapes of JSON strings.
var shortEscapes = map[byte]rune{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// hex reads the escape \uXXXX whose u is at i.
func (s *textScan) hex(i int) (rune, bool) {
	if i+5 > len(s.data) || s.data[i] != 'u' {
		return 0, false
	}
	n, err := strconv.ParseUint(string(s.data[i+1:i+5]), 16, 32)
	return rune(n), err == nil
}

func (s *textScan) report(raw []byte, what, fault string) {
	if fault == "" || len(s.probs) >= maxTextProblems {
		return
	}
	field := s.field()
	if what == "key" {
		field += "." + strings.ToValidUTF8(string(raw), "\uFFFD")
	}
	s.probs.AddKey(field, "text."+fault, nil, nil)
}

// field returns the path to the value being scanned: body.items[3].note.
func (s *textScan) field() string {
	var b strings.Builder
	b.WriteString("body")
	for _, seg := range s.path {
		if seg.index >= 0 {
			b.WriteString("[" + strconv.Itoa(seg.index) + "]")
		} else {
			b.WriteString("." + strings.ToValidUTF8(string(seg.key), "\uFFFD"))
		}
	}
	return b.String()
}

func (s *textScan) space() {
	for s.i < len(s.data) && (s.data[s.i] == ' ' || s.data[s.i] == '\t' || s.data[s.i] == '\r' || s.data[s.i] == '\n') {
		s.i++
	}
}

// at consumes c when it is next.
func (s *textScan) at(c byte) bool {
	if s.i < len(s.data) && s.data[s.i] == c {
		s.i++
		return true
	}
	return false
}
