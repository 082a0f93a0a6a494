package upload

import (
	"archive/zip"
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"

	"baove"
	"baove/vn"
)

// An XLSX file is a zip of XML. Real sheets unpack to about ten times their
// size; a zip bomb unpacks to thousands of times. unzipFactor × the upload
// cap, but at least minUnzip, is what an upload may unpack to.
const (
	unzipFactor = 20
	minUnzip    = 16 << 20
)

// unzipLimit is how many bytes an XLSX of at most maxBytes may unpack to.
func unzipLimit(maxBytes int64) int64 {
	return max(maxBytes*unzipFactor, minUnzip)
}

// readXLSX reads the first sheet of an XLSX file with raw cell values and
// reports whether the workbook counts dates from 1904.
func readXLSX(data []byte, maxBytes int64) ([]rawRow, bool, error) {
	limit := unzipLimit(maxBytes)
	if err := checkUnzippedSize(data, limit); err != nil {
		return nil, false, err
	}
	// Both limits equal: excelize keeps every part in memory, bounded by
	// the limit, instead of spilling large sheets to temporary files.
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: limit, UnzipXMLSizeLimit: limit,
	})
	if err != nil {
		return nil, false, notXLSX()
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, false, notXLSX()
	}
	rows, err := sheetRows(f, sheets[0])
	if err != nil {
		return nil, false, err
	}
	props, err := f.GetWorkbookProps()
	return rows, err == nil && props.Date1904 != nil && *props.Date1904, nil
}

func notXLSX() error {
	return baove.Invalid("file", "not a readable XLSX file", nil)
}

// checkUnzippedSize refuses a zip whose entries unpack to more than limit
// bytes, before anything is unpacked. The sizes are those the zip declares;
// archive/zip fails a read that runs past a declared size, so they cannot
// lie.
func checkUnzippedSize(data []byte, limit int64) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return notXLSX()
	}
	var total uint64
	for _, f := range z.File {
		total += f.UncompressedSize64
		if total > uint64(limit) {
			return tooLarge("the spreadsheet unpacks to more than %d bytes", limit)
		}
	}
	return nil
}

// sheetRows reads every row of sheet, then asks for the type of the cells
// that look like numbers: only the type tells the number 1.5 (raw "1.5")
// from the text "1.500" a user typed for 1500 đồng.
func sheetRows(f *excelize.File, sheet string) ([]rawRow, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, notXLSX()
	}
	defer it.Close()
	var rows []rawRow
	for n := 1; it.Next(); n++ {
		values, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, notXLSX()
		}
		r := rawRow{number: n, cells: make([]cell, min(len(values), maxColumns))}
		for i := range r.cells {
			r.cells[i].text = vn.NFC(values[i])
		}
		if !r.empty() {
			if len(rows) >= maxRows {
				return nil, tooLarge("the sheet has more than %d rows", maxRows)
			}
			rows = append(rows, r)
		}
	}
	if err := it.Error(); err != nil {
		return nil, notXLSX()
	}
	return rows, markNumbers(f, sheet, rows)
}

func markNumbers(f *excelize.File, sheet string, rows []rawRow) error {
	for _, r := range rows {
		for i := range r.cells {
			c := &r.cells[i]
			if c.text == "" || strings.Trim(c.text, "0123456789.eE+-") != "" {
				continue
			}
			t, err := f.GetCellType(sheet, cellName(i+1, r.number))
			if err != nil {
				return notXLSX()
			}
			// A number cell has no type attribute or "n"; a formula's
			// numeric result is stored the same way.
			c.number = t == excelize.CellTypeUnset || t == excelize.CellTypeNumber
		}
	}
	return nil
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
