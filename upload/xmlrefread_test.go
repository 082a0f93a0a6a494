package upload

// The readers of a workbook's parts as they were over encoding/xml (see
// xmlref_test.go): the reference for xmldiff_test.go. Nothing may change
// here but the part a reader reads, given rather than opened.

import (
	"encoding/xml"
	"errors"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"baove/i18n"
	"baove/vn"
)

// refReadXLSX is readXLSX over the reference readers.
func refReadXLSX(data []byte, maxBytes int64) ([]rawRow, bool, error) {
	a, err := openArchive(data, unzipLimit(maxBytes))
	if err != nil {
		return nil, false, err
	}
	b, err := refBook(a)
	if err != nil {
		return nil, false, err
	}
	var t tally
	var shared []string
	if b.sharedStrings != "" {
		x, err := refXML(a, b.sharedStrings, maxSharedPart)
		if err != nil {
			return nil, false, err
		}
		defer x.Close()
		if shared, err = refSharedStrings(x, &t); err != nil {
			return nil, false, err
		}
	}
	x, err := refXML(a, b.sheet, maxPart)
	if err != nil {
		return nil, false, err
	}
	defer x.Close()
	rows, err := refSheetRows(x, shared, &t)
	return rows, b.date1904, err
}

// --- workbook.go

func refBook(a *archive) (book, error) {
	wb := defaultWorkbook
	if a.has("_rels/.rels") {
		rels, err := refRelationships(a, "_rels/.rels", "")
		if err != nil {
			return book{}, err
		}
		if target := rels.ofType("/officeDocument"); target != "" {
			wb = target
		}
	}
	first, date1904, err := refWorkbook(a, wb)
	if err != nil {
		return book{}, err
	}
	rels, err := refRelationships(a, path.Join(path.Dir(wb), "_rels", path.Base(wb)+".rels"), path.Dir(wb))
	if err != nil {
		return book{}, err
	}
	b := book{sheet: rels.byID[first], sharedStrings: rels.ofType("/sharedStrings"), date1904: date1904}
	if b.sharedStrings == "" && a.has(defaultSharedStrings) {
		b.sharedStrings = defaultSharedStrings
	}
	if b.sheet == "" {
		return book{}, notXLSX()
	}
	return b, nil
}

func refWorkbook(a *archive, name string) (first string, date1904 bool, err error) {
	err = refEachElement(a, name, func(e xml.StartElement) {
		switch e.Name.Local {
		case "workbookPr":
			v := refAttr(e, "date1904")
			date1904 = v == "1" || v == "true"
		case "sheet":
			if first == "" {
				first = refAttr(e, "id")
			}
		}
	})
	return first, date1904, err
}

func refRelationships(a *archive, name, dir string) (rels, error) {
	r := rels{byID: map[string]string{}, byType: map[string]string{}}
	err := refEachElement(a, name, func(e xml.StartElement) {
		if e.Name.Local != "Relationship" || refAttr(e, "TargetMode") == "External" {
			return
		}
		target := refAttr(e, "Target")
		if strings.HasPrefix(target, "/") {
			target = target[1:]
		} else {
			target = path.Join(dir, target)
		}
		r.byID[refAttr(e, "Id")] = target
		if typ := refAttr(e, "Type"); r.byType[typ] == "" {
			r.byType[typ] = target
		}
	})
	return r, err
}

func refEachElement(a *archive, name string, fn func(xml.StartElement)) error {
	x, err := refXML(a, name, maxSmallPart)
	if err != nil {
		return err
	}
	defer x.Close()
	for {
		t, err := x.next()
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		if e, ok := t.(xml.StartElement); ok {
			fn(e)
		}
	}
}

// --- strings.go

func refSharedStrings(x *refXMLPart, t *tally) ([]string, error) {
	var out []string
	var s refRichText
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "si" {
			s = refRichText{}
		}
		if end, ok := tok.(xml.EndElement); ok && end.Name.Local == "si" {
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

type refRichText struct {
	buf      []byte
	inText   bool
	phonetic int
}

func (r *refRichText) take(tok xml.Token) error {
	switch tok := tok.(type) {
	case xml.StartElement:
		switch tok.Name.Local {
		case "t":
			r.inText = r.phonetic == 0
		case "rPh":
			r.phonetic++
		}
	case xml.EndElement:
		switch tok.Name.Local {
		case "t":
			r.inText = false
		case "rPh":
			r.phonetic--
		}
	case xml.CharData:
		if r.inText {
			return r.add(tok)
		}
	}
	return nil
}

func (r *refRichText) add(b []byte) error {
	if len(r.buf)+len(b) > 7*maxCellText {
		return tooLongCell()
	}
	r.buf = append(r.buf, b...)
	return nil
}

func (r *refRichText) text() (string, error) {
	s := vn.NFC(unescape(string(r.buf)))
	if utf8.RuneCountInString(s) > maxCellText {
		return "", tooLongCell()
	}
	return s, nil
}

// --- sheet.go

type refSheetReader struct {
	shared []string
	t      *tally
	rows   []rawRow
	row    int
	cells  []cell
	c      refCellReader
}

type refCellReader struct {
	open    bool
	col     int
	typ     string
	inValue bool
	value   refRichText
	inline  *refRichText
}

func refSheetRows(x *refXMLPart, shared []string, t *tally) ([]rawRow, error) {
	s := &refSheetReader{shared: shared, t: t}
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			return s.rows, nil
		} else if err != nil {
			return nil, err
		}
		if end, ok := tok.(xml.EndElement); ok && end.Name.Local == "sheetData" {
			return s.rows, nil
		}
		if err := s.take(tok); err != nil {
			return nil, err
		}
	}
}

func (s *refSheetReader) take(tok xml.Token) error {
	switch tok := tok.(type) {
	case xml.StartElement:
		return s.start(tok)
	case xml.EndElement:
		return s.end(tok.Name.Local)
	case xml.CharData:
		switch {
		case s.c.inline != nil:
			return s.c.inline.take(tok)
		case s.c.inValue:
			return s.c.value.add(tok)
		}
	}
	return nil
}

func (s *refSheetReader) start(e xml.StartElement) error {
	switch {
	case e.Name.Local == "row":
		return s.startRow(refAttr(e, "r"))
	case e.Name.Local == "c":
		return s.startCell(refAttr(e, "r"), refAttr(e, "t"))
	case !s.c.open:
		return nil
	case s.c.inline != nil:
		return s.c.inline.take(e)
	case e.Name.Local == "v":
		s.c.inValue = true
	case e.Name.Local == "is":
		s.c.inline = &refRichText{}
	}
	return nil
}

func (s *refSheetReader) end(name string) error {
	switch {
	case name == "row":
		return s.endRow()
	case name == "c":
		return s.endCell()
	case name == "is" && s.c.inline != nil:
		s.c.value, s.c.inline, s.c.typ = *s.c.inline, nil, "inlineStr"
	case s.c.inline != nil:
		return s.c.inline.take(xml.EndElement{Name: xml.Name{Local: name}})
	case name == "v":
		s.c.inValue = false
	}
	return nil
}

func (s *refSheetReader) startRow(r string) error {
	n := s.row + 1
	if r != "" {
		var err error
		if n, err = strconv.Atoi(r); err != nil {
			return notXLSX()
		}
	}
	if n <= s.row || n > lastRow {
		return outOfOrder()
	}
	s.row, s.cells, s.c = n, s.cells[:0], refCellReader{}
	return nil
}

func (s *refSheetReader) startCell(ref, typ string) error {
	col := s.c.col + 1
	if ref != "" {
		var err error
		if col, _, err = excelize.CellNameToCoordinates(ref); err != nil {
			return notXLSX()
		}
	}
	if s.row == 0 || col <= s.c.col || col > lastColumn {
		return outOfOrder()
	}
	s.c = refCellReader{open: true, col: col, typ: typ}
	return nil
}

func (s *refSheetReader) endCell() error {
	v, fromShared, err := s.value()
	s.c.open, s.c.inValue, s.c.inline = false, false, nil
	if err != nil || v.text == "" {
		return err
	}
	if s.c.col > maxColumns {
		return tooWide(s.row, columnName(s.c.col))
	}
	if !fromShared {
		if err := s.t.addText(len(v.text)); err != nil {
			return err
		}
	}
	for len(s.cells) < s.c.col-1 {
		s.cells = append(s.cells, cell{})
	}
	s.cells = append(s.cells, v)
	return nil
}

func (s *refSheetReader) value() (v cell, fromShared bool, err error) {
	text, err := s.c.value.text()
	if err != nil {
		return cell{}, false, err
	}
	switch s.c.typ {
	case "s":
		if text == "" {
			return cell{}, false, nil
		}
		i, err := strconv.Atoi(text)
		if err != nil || i < 0 || i >= len(s.shared) {
			return cell{}, false, notXLSX()
		}
		return cell{text: s.shared[i]}, true, nil
	case "", "n":
		return cell{text: text, number: text != "" && strings.Trim(text, "0123456789.eE+-") == ""}, false, nil
	case "inlineStr":
		return cell{text: text}, false, nil
	}
	return cell{text: vn.NFC(string(s.c.value.buf))}, false, nil
}

func (s *refSheetReader) endRow() error {
	if len(s.cells) == 0 {
		return nil
	}
	if err := s.t.addRow(len(s.cells)); err != nil {
		return err
	}
	s.rows = append(s.rows, rawRow{number: s.row, cells: slices.Clone(s.cells)})
	s.cells = s.cells[:0]
	return nil
}
