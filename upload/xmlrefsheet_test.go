package upload

// The reader of a sheet as it was over encoding/xml (see xmlref_test.go
// and xmlrefread_test.go). Nothing may change here.

import (
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"baove/vn"
)

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
