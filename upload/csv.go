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
	"baove/i18n"
	"baove/vn"
)

// utf8BOM opens CSV files that Excel saves as "CSV UTF-8".
var utf8BOM = []byte("\xEF\xBB\xBF")

// readCSV reads a UTF-8 CSV file, with or without a byte order mark,
// separated by commas or, as Excel writes it where the comma is the decimal
// mark (Vietnamese settings), by semicolons. Rows that are not UTF-8 are
// EINVALID, each named; the limits on rows, columns, cells and text are
// those of an XLSX file.
func readCSV(data []byte) ([]rawRow, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if err := checkRecordWidths(data); err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1 // rows may end early; missing cells are empty
	r.ReuseRecord = true
	var rows []rawRow
	var notUTF8 baove.Problems
	var t tally
	var rowOf sheetRow
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return nil, csvProblem(perr)
		} else if err != nil {
			return nil, fmt.Errorf("upload: read csv: %w", err)
		}
		number := rowOf.next(r, record)
		if !validUTF8(record) {
			if len(notUTF8) < maxReported {
				notUTF8.AddKey(fmt.Sprintf("rows[%d]", number), "upload.csv_not_utf8", nil, nil)
			}
			continue
		}
		row, err := csvRow(number, record, &t)
		if err != nil {
			return nil, err
		}
		if row.cells != nil {
			rows = append(rows, row)
		}
	}
	return rows, notUTF8.Err()
}

func validUTF8(record []string) bool {
	for _, f := range record {
		if !utf8.ValidString(f) {
			return false
		}
	}
	return true
}

// csvRow returns the cells of a record up to the last that holds
// something, or a row without cells for a blank record.
func csvRow(number int, record []string, t *tally) (rawRow, error) {
	last := -1
	for i, f := range record {
		if strings.TrimSpace(f) != "" {
			last = i
		}
	}
	if last < 0 {
		return rawRow{}, nil
	}
	if last >= maxColumns {
		return rawRow{}, tooWide(number, columnName(last+1))
	}
	row := rawRow{number: number, cells: make([]cell, last+1)}
	for i := range row.cells {
		row.cells[i].text = vn.NFC(record[i])
		if err := t.addText(len(row.cells[i].text)); err != nil {
			return rawRow{}, err
		}
	}
	return row, t.addRow(len(row.cells))
}

// checkRecordWidths refuses a file with a record of more than maxRecord
// fields before a CSV reader splits it: a line of ten million separators
// would be ten million strings. Commas and semicolons outside quotes are
// counted alike, as the separator is not yet known.
func checkRecordWidths(data []byte) error {
	quoted, fields := false, 1
	for _, b := range data {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == '\n':
			fields = 1
		case b == ',' || b == ';':
			if fields++; fields > maxRecord {
				return tooLarge("upload.record_too_wide", i18n.Args{"max": i18n.Count(maxRecord)})
			}
		}
	}
	return nil
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

// csvProblem is the EINVALID error of a CSV file that encoding/csv cannot
// read: a quote out of place, or anything else, at a line.
func csvProblem(perr *csv.ParseError) error {
	key := "upload.csv_invalid"
	if errors.Is(perr.Err, csv.ErrBareQuote) || errors.Is(perr.Err, csv.ErrQuote) {
		key = "upload.csv_quote"
	}
	return baove.InvalidKey("file", key, i18n.Args{"line": perr.StartLine}, nil)
}
