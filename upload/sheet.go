package upload

import (
	"errors"
	"io"

	"github.com/xuri/excelize/v2"

	"baove"
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
	rows   rowStore
	row    int       // the current row's number
	cells  []rowCell // its cells up to the last that holds something
	text   []byte    // the text of its cells, one after the other
	c      cellReader
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
			return s.rows.all(), nil
		} else if err != nil {
			return nil, err
		}
		if tok.kind == endElement && tok.is("sheetData") {
			return s.rows.all(), nil // what follows the data (merged cells, page setup) is not read
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
	s.row, s.cells, s.text = n, s.cells[:0], s.text[:0]
	s.c.reset(false, 0, numberCell)
	return nil
}

// endRow keeps the row if any of its cells holds something.
func (s *sheetReader) endRow() error {
	if len(s.cells) == 0 {
		return nil
	}
	if err := s.t.addRow(len(s.cells)); err != nil {
		return err
	}
	s.rows.add(s.row, s.cells, s.text)
	s.cells, s.text = s.cells[:0], s.text[:0]
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
