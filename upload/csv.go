package upload

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"baove"
	"baove/vn"
)

// utf8BOM opens CSV files that Excel saves as "CSV UTF-8".
var utf8BOM = []byte("\xEF\xBB\xBF")

// readCSV reads a UTF-8 CSV file, with or without a byte order mark,
// separated by commas or, as Excel writes it where the comma is the decimal
// mark (Vietnamese settings), by semicolons.
func readCSV(data []byte) ([]rawRow, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		return nil, baove.Invalid("file", "not an XLSX file, nor a CSV file in UTF-8: in Excel, save as \"CSV UTF-8\"", nil)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1 // rows may end early; missing cells are empty
	var rows []rawRow
	var rowOf sheetRow
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return nil, baove.Invalid("file", fmt.Sprintf("not valid CSV at line %d: %v", perr.StartLine, perr.Err), nil)
		} else if err != nil {
			return nil, fmt.Errorf("exports: read csv: %w", err)
		}
		row := rawRow{number: rowOf.next(r, record), cells: make([]cell, min(len(record), maxColumns))}
		for i := range row.cells {
			row.cells[i].text = vn.NFC(record[i])
		}
		if row.empty() {
			continue
		}
		if len(rows) >= maxRows {
			return nil, tooLarge("the file has more than %d rows", maxRows)
		}
		rows = append(rows, row)
	}
}

// sheetRow numbers CSV records as a spreadsheet shows the file: the reader
// skips blank lines, which a spreadsheet shows as empty rows, and a quoted
// cell may span lines, which a spreadsheet shows as one row.
type sheetRow struct {
	row     int // the last record's row
	endLine int // the line the last record ended on
}

func (s *sheetRow) next(r *csv.Reader, record []string) int {
	start, _ := r.FieldPos(0)
	s.row += 1 + max(start-s.endLine-1, 0)
	last := len(record) - 1
	end, _ := r.FieldPos(last)
	s.endLine = end + strings.Count(record[last], "\n")
	return s.row
}

// separator picks the comma or the semicolon, whichever splits the first
// rows into more columns, the same number in each row; a separator that
// gives rows of differing widths loses to one that does not. Quotes are
// honoured, so "Xã Nậm Nèn, Mường Chà" in quotes does not count.
func separator(data []byte) rune {
	best, bestScore := ',', -1
	for _, sep := range []rune{',', ';'} {
		if score := separatorScore(data, sep); score > bestScore {
			best, bestScore = sep, score
		}
	}
	return best
}

// sampleRows is how many rows separator looks at.
const sampleRows = 20

func separatorScore(data []byte, sep rune) int {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.FieldsPerRecord = sep, -1
	width, consistent := 0, true
	for range sampleRows {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0 // this separator breaks the quoting: it is not the one
		}
		if width == 0 {
			width = len(record)
		}
		consistent = consistent && len(record) == width
	}
	if consistent {
		return 2 * width
	}
	return width
}
