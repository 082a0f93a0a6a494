package upload

import (
	"bytes"
	"strconv"

	"github.com/xuri/excelize/v2"

	"baove/vn"
)

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

// rowCell is a cell of the row being read. The text of a cell that is not
// a shared string is kept in the row's text, from..to, until the row ends.
type rowCell struct {
	cell
	inText   bool
	from, to int
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
	v, err := s.value()
	s.c.open, s.c.inValue, s.c.inInline = false, false, false
	if err != nil || v.text == "" && v.to == v.from {
		return err
	}
	if s.c.col > maxColumns {
		return tooWide(s.row, columnName(s.c.col))
	}
	if v.inText {
		if err := s.t.addText(v.to - v.from); err != nil {
			return err
		}
	}
	for len(s.cells) < s.c.col-1 {
		s.cells = append(s.cells, rowCell{})
	}
	s.cells = append(s.cells, v)
	return nil
}

// value returns the cell's raw value, as excelize reads it with
// RawCellValue: a shared string's text, the inline string, or the <v> as
// written. Only a numeric cell (no type, or "n") that looks like a number
// is a number: a date, a boolean, an error or a formula's text is text.
// Text other than a shared string's is added to the row's text.
func (s *sheetReader) value() (rowCell, error) {
	text, err := s.c.value.text()
	if err != nil {
		return rowCell{}, err
	}
	switch s.c.typ {
	case sharedCell:
		if len(text) == 0 {
			return rowCell{}, nil
		}
		i, ok := atoi(text)
		if !ok || i < 0 || i >= len(s.shared) {
			return rowCell{}, notXLSX()
		}
		return rowCell{cell: cell{text: s.shared[i]}}, nil
	case numberCell:
		v := s.keep(text)
		v.number = len(text) > 0 && isNumeric(text)
		return v, nil
	case inlineCell:
		return s.keep(text), nil
	}
	// A formula's text, a boolean, an error or an ISO date: as written,
	// without the escapes only strings use.
	return s.keep(nfc(s.c.value.buf)), nil
}

// keep adds text to the row's text.
func (s *sheetReader) keep(text []byte) rowCell {
	from := len(s.text)
	s.text = append(s.text, text...)
	return rowCell{inText: true, from: from, to: len(s.text)}
}

// nfc returns b as vn.NFC returns it, without a copy when b is in NFC.
func nfc(b []byte) []byte {
	if isNFC(b) {
		return bytes.TrimSpace(b)
	}
	return []byte(vn.NFC(string(b)))
}

// isNumeric reports whether b is made of digits, '.', 'e', 'E', '+'
// and '-' only.
func isNumeric(b []byte) bool {
	for _, c := range b {
		if (c < '0' || c > '9') && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-' {
			return false
		}
	}
	return true
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
