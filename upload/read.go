package upload

import (
	"bytes"
	"fmt"
	"io"

	"baove"
	"baove/i18n"
	"baove/vn"
)

// File is the first sheet of an uploaded XLSX or CSV file: its header row
// and the non-empty rows under it.
type File struct {
	// Header holds the column titles as written, NFC-normalised.
	Header []string
	// Rows are the rows under the header that hold anything, in order.
	Rows []Row

	columns  map[string]int // folded title → index into a row's cells
	date1904 bool           // the workbook counts days from 1904 (old Mac Excel)
}

// Row is one row of a File.
type Row struct {
	// Number is the row's 1-based number in the sheet, as the spreadsheet
	// shows it, so that a problem can be reported as "row 12".
	Number int
	cells  []cell
	upload *File
}

// cell is one cell's raw value: text as typed (NFC), or a number as the
// spreadsheet stores it ("1500000", "0.875", "46096" for 15/03/2026).
type cell struct {
	text   string
	number bool // a numeric XLSX cell; CSV cells are always text
}

// rawRow is a row as a reader finds it, before the header is known.
type rawRow struct {
	number int
	cells  []cell
}

// Value returns the cell of r under the column titled title, compared
// without case or diacritics, or "" when there is no such column.
func (r Row) Value(title string) string {
	i, ok := r.upload.columns[vn.Fold(title)]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return r.cells[i].text
}

// Read reads an XLSX or CSV file (told apart by content, not by name)
// of at most maxBytes bytes. It returns an ETOOLARGE error, naming the
// limit, as soon as the file, a part of it unpacked, its rows, columns,
// cells or text pass a limit (see limits.go), so that memory stays bounded
// whatever the file; and an EINVALID error for a file that is neither XLSX
// nor CSV, a CSV row that is not UTF-8 (naming each such row), or a file
// with no header row or a column title twice. Cells are read raw: a
// numeric cell gives "1500000", never the "1,500,000" its format shows.
// At most maxReading files are read at once; a file that waits longer
// than readWait for its turn is EUNAVAILABLE, with a Retry-After.
func Read(r io.Reader, maxBytes int64) (*File, error) {
	if err := waitTurn(); err != nil {
		return nil, err
	}
	defer func() { <-reading }()
	data, err := readCapped(r, maxBytes)
	if err != nil {
		return nil, err
	}
	u := &File{}
	var rows []rawRow
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		rows, u.date1904, err = readXLSX(data, maxBytes)
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		err = baove.InvalidKey("file", "upload.xls", nil, nil)
	default:
		rows, err = readCSV(data)
	}
	if err != nil {
		return nil, err
	}
	if err := u.setRows(rows); err != nil {
		return nil, err
	}
	return u, nil
}

// readCapped reads all of r, refusing more than maxBytes before reading
// the rest.
func readCapped(r io.Reader, maxBytes int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("upload: read upload: %w", err)
	}
	if int64(len(data)) > maxBytes {
		return nil, tooLarge("upload.too_large_file", size(maxBytes))
	}
	return data, nil
}

// setRows takes the first non-empty row as the header and keeps the
// non-empty rows under it.
func (u *File) setRows(rows []rawRow) error {
	for len(rows) > 0 && rows[0].empty() {
		rows = rows[1:]
	}
	if len(rows) == 0 {
		return baove.InvalidKey("file", "upload.empty", nil, nil)
	}
	if err := u.setHeader(rows[0].cells); err != nil {
		return err
	}
	u.Rows = make([]Row, 0, len(rows)-1)
	for _, r := range rows[1:] {
		if !r.empty() {
			u.Rows = append(u.Rows, Row{Number: r.number, cells: r.cells, upload: u})
		}
	}
	return nil
}

func (u *File) setHeader(cells []cell) error {
	u.columns = make(map[string]int, len(cells))
	for i, c := range cells {
		title := vn.NFC(c.text)
		u.Header = append(u.Header, title)
		if title == "" {
			continue
		}
		key := vn.Fold(title)
		if _, dup := u.columns[key]; dup {
			return baove.InvalidKey("file", "upload.column_twice", i18n.Args{"title": title}, title)
		}
		u.columns[key] = i
	}
	return nil
}

func (r rawRow) empty() bool {
	for _, c := range r.cells {
		if c.text != "" {
			return false
		}
	}
	return true
}
