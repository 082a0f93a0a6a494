package upload

import (
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

// cellType is a cell's type (its t attribute) as far as reading its value
// goes.
type cellType uint8

const (
	numberCell cellType = iota // no type, or "n"
	sharedCell                 // "s"
	inlineCell                 // "inlineStr"
	otherCell                  // a formula's text, a boolean, an error or an ISO date
)

// typeOf returns the type a t attribute names.
func typeOf(t []byte) cellType {
	switch string(t) {
	case "", "n":
		return numberCell
	case "s":
		return sharedCell
	case "inlineStr":
		return inlineCell
	}
	return otherCell
}

// cellReader reads one <c> element: where it is, its type, its <v> and
// its inline string. Its buffers are kept from cell to cell.
type cellReader struct {
	open     bool
	col      int
	typ      cellType
	inValue  bool
	value    richText
	inInline bool // inside <is>
	inline   richText
}

// reset starts reading the cell at col, of type typ, or (open false) no cell.
func (c *cellReader) reset(open bool, col int, typ cellType) {
	*c = cellReader{open: open, col: col, typ: typ,
		value: richText{buf: c.value.buf[:0]}, inline: richText{buf: c.inline.buf[:0]}}
}

// sheetRows reads the non-empty rows of the sheet part name, its shared
// strings already read.
func (a *archive) sheetRows(name string, shared []string, t *tally) ([]rawRow, error) {
	x, err := a.xml(name, maxPart)
	if err != nil {
		return nil, err
	}
	defer x.Close()
	return readSheet(x, shared, t)
}

// readSheet reads the non-empty rows of the sheet part x.
func readSheet(x *xmlPart, shared []string, t *tally) ([]rawRow, error) {
	s := &sheetReader{shared: shared, t: t}
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			return s.rows, nil
		} else if err != nil {
			return nil, err
		}
		if tok.kind == endElement && tok.is("sheetData") {
			return s.rows, nil // what follows the data (merged cells, page setup) is not read
		}
		if err := s.take(tok); err != nil {
			return nil, err
		}
	}
}

// take reads one token of the sheet.
func (s *sheetReader) take(tok *token) error {
	switch tok.kind {
	case startElement:
		return s.start(tok)
	case endElement:
		return s.end(tok)
	case charData:
		switch {
		case s.c.inInline:
			return s.c.inline.take(tok)
		case s.c.inValue:
			return s.c.value.add(tok.text)
		}
	}
	return nil
}

func (s *sheetReader) start(e *token) error {
	switch {
	case e.is("row"):
		return s.startRow(e.attr("r"))
	case e.is("c"):
		return s.startCell(e.attr("r"), e.attr("t"))
	case !s.c.open:
		return nil
	case s.c.inInline:
		return s.c.inline.take(e)
	case e.is("v"):
		s.c.inValue = true
	case e.is("is"):
		s.c.inInline, s.c.inline = true, richText{buf: s.c.inline.buf[:0]}
	}
	return nil
}

func (s *sheetReader) end(e *token) error {
	switch {
	case e.is("row"):
		return s.endRow()
	case e.is("c"):
		return s.endCell()
	case e.is("is") && s.c.inInline:
		s.c.value, s.c.inline = s.c.inline, s.c.value
		s.c.inInline, s.c.typ = false, inlineCell
	case s.c.inInline:
		return s.c.inline.take(e)
	case e.is("v"):
		s.c.inValue = false
	}
	return nil
}

// startRow begins the row numbered r, or following the last when r is
// empty. Rows come in order, as every spreadsheet writes them.
func (s *sheetReader) startRow(r []byte) error {
	n := s.row + 1
	if len(r) > 0 {
		var ok bool
		if n, ok = atoi(r); !ok {
			return notXLSX()
		}
	}
	if n <= s.row || n > lastRow {
		return outOfOrder()
	}
	s.row, s.cells = n, s.cells[:0]
	s.c.reset(false, 0, numberCell)
	return nil
}

// startCell begins the cell at ref ("B5"), or following the last when ref
// is empty, of type typ. Cells come in order within their row.
func (s *sheetReader) startCell(ref, typ []byte) error {
	col := s.c.col + 1
	if len(ref) > 0 {
		var ok bool
		if col, ok = cellColumn(ref); !ok {
			return notXLSX()
		}
	}
	if s.row == 0 || col <= s.c.col || col > lastColumn {
		return outOfOrder()
	}
	s.c.reset(true, col, typeOf(typ))
	return nil
}

// endCell keeps the cell's value in the row if it holds one.
func (s *sheetReader) endCell() error {
	v, fromShared, err := s.value()
	s.c.open, s.c.inValue, s.c.inInline = false, false, false
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
	case sharedCell:
		if text == "" {
			return cell{}, false, nil
		}
		i, err := strconv.Atoi(text)
		if err != nil || i < 0 || i >= len(s.shared) {
			return cell{}, false, notXLSX()
		}
		return cell{text: s.shared[i]}, true, nil
	case numberCell:
		return cell{text: text, number: text != "" && strings.Trim(text, "0123456789.eE+-") == ""}, false, nil
	case inlineCell:
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

// atoi reads a row number as strconv.Atoi does.
func atoi(b []byte) (int, bool) {
	if len(b) > 0 && len(b) < 19 {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				n = -1
				break
			}
			n = n*10 + int(c-'0')
		}
		if n >= 0 {
			return n, true
		}
	}
	n, err := strconv.Atoi(string(b))
	return n, err == nil
}

// cellColumn returns the column of a cell reference ("B5" is 2), as
// excelize.CellNameToCoordinates reads it: the common form is read here,
// any other ("$b$5") by excelize.
func cellColumn(ref []byte) (int, bool) {
	letters := 0
	for letters < len(ref) && letters < 4 && 'A' <= ref[letters] && ref[letters] <= 'Z' {
		letters++
	}
	digits := ref[letters:]
	if letters == 0 || letters > 3 || len(digits) == 0 || len(digits) > 7 {
		return excelizeColumn(ref)
	}
	row, col := 0, 0
	for _, c := range digits {
		if c < '0' || c > '9' {
			return excelizeColumn(ref)
		}
		row = row*10 + int(c-'0')
	}
	for _, c := range ref[:letters] {
		col = col*26 + int(c-'A'+1)
	}
	return col, row > 0 && row <= excelize.TotalRows && col <= excelize.MaxColumns
}

func excelizeColumn(ref []byte) (int, bool) {
	col, _, err := excelize.CellNameToCoordinates(string(ref))
	return col, err == nil
}
