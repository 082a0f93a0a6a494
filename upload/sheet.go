package upload

import (
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"baove"
	"baove/vn"
)

// Excel's last row and column.
const (
	lastRow    = 1 << 20
	lastColumn = 1 << 14
)

// sheetReader reads the rows of a worksheet part as a stream: it keeps the
// rows that hold something, and of the current row and cell only what
// their values need.
type sheetReader struct {
	shared []string
	t      *tally
	rows   []rawRow
	row    int    // the current row's number
	cells  []cell // its cells up to the last that holds something
	c      cellReader
}

// cellReader reads one <c> element: where it is, its type, its <v> and
// its inline string.
type cellReader struct {
	open    bool
	col     int
	typ     string
	inValue bool
	value   richText
	inline  *richText // set inside <is>
}

// sheetRows reads the non-empty rows of the sheet part name, its shared
// strings already read.
func (a *archive) sheetRows(name string, shared []string, t *tally) ([]rawRow, error) {
	x, err := a.xml(name, maxPart)
	if err != nil {
		return nil, err
	}
	defer x.Close()
	s := &sheetReader{shared: shared, t: t}
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			return s.rows, nil
		} else if err != nil {
			return nil, err
		}
		if end, ok := tok.(xml.EndElement); ok && end.Name.Local == "sheetData" {
			return s.rows, nil // what follows the data (merged cells, page setup) is not read
		}
		if err := s.take(tok); err != nil {
			return nil, err
		}
	}
}

// take reads one token of the sheet.
func (s *sheetReader) take(tok xml.Token) error {
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

func (s *sheetReader) start(e xml.StartElement) error {
	switch {
	case e.Name.Local == "row":
		return s.startRow(attr(e, "r"))
	case e.Name.Local == "c":
		return s.startCell(attr(e, "r"), attr(e, "t"))
	case !s.c.open:
		return nil
	case s.c.inline != nil:
		return s.c.inline.take(e)
	case e.Name.Local == "v":
		s.c.inValue = true
	case e.Name.Local == "is":
		s.c.inline = &richText{}
	}
	return nil
}

func (s *sheetReader) end(name string) error {
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

// startRow begins the row numbered r, or following the last when r is
// empty. Rows come in order, as every spreadsheet writes them.
func (s *sheetReader) startRow(r string) error {
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
	s.row, s.cells, s.c = n, s.cells[:0], cellReader{}
	return nil
}

// startCell begins the cell at ref ("B5"), or following the last when ref
// is empty, of type typ. Cells come in order within their row.
func (s *sheetReader) startCell(ref, typ string) error {
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
	s.c = cellReader{open: true, col: col, typ: typ}
	return nil
}

// endCell keeps the cell's value in the row if it holds one.
func (s *sheetReader) endCell() error {
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

// value returns the cell's raw value, as excelize reads it with
// RawCellValue: a shared string's text, the inline string, or the <v> as
// written. Only a numeric cell (no type, or "n") that looks like a number
// is a number: a date, a boolean, an error or a formula's text is text.
func (s *sheetReader) value() (v cell, fromShared bool, err error) {
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
	// A formula's text, a boolean, an error or an ISO date: as written,
	// without the escapes only strings use.
	return cell{text: vn.NFC(string(s.c.value.buf))}, false, nil
}

// endRow keeps the row if any of its cells holds something.
func (s *sheetReader) endRow() error {
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

// outOfOrder is the error of a row or cell that no spreadsheet writes:
// past the last row or column, or before the one it follows.
func outOfOrder() error {
	return baove.InvalidKey("file", "upload.past_excel_limits", nil, nil)
}

// columnName returns the letters of column n (1 is "A").
func columnName(n int) string {
	name, _ := excelize.ColumnNumberToName(n)
	return name
}
