package exports

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf16"

	"baove/vn"
)

// Workbook is a spreadsheet file of one or more sheets.
type Workbook struct {
	// Title names the workbook in its document properties, e.g. "Số liệu
	// bảo vệ trẻ em - Điện Biên - 2026".
	Title string
	// Generated is when the workbook was made: its creation time in the
	// document properties and, with its content's hash, in its stamp (see
	// Stamp). Zero leaves the times out, as for an import template.
	Generated time.Time
	Sheets    []Sheet
}

// Sheet is one worksheet: optional heading lines (a title, the period, the
// unit), a bold header row of column titles that stays in view, the rows,
// and an optional bold totals row. Cells are typed as in a Table: counts
// and money become numeric cells shown as "#,##0" (Excel shows its
// reader's own thousands separator), decimals and percentages numeric
// cells with Places decimals, dates real Excel dates, a Sum a SUM formula
// with its value stored. Text that a spreadsheet would read as a formula
// (starting with =, +, -, @, a tab or a carriage return) is kept as text:
// its cell is marked quote-prefixed, as Excel marks text typed after an
// apostrophe, so that editing the cell or saving the sheet as CSV never
// turns it into a live formula.
type Sheet struct {
	// Name is at most 31 characters, none of []:*?/\ (see SheetName).
	Name string
	// Heading are the lines above the header row: the first in bold (the
	// title), the others in italics ("Kỳ báo cáo: Năm 2026", "Đơn vị tính:
	// đồng"), then an empty row. Without them the header is the first row,
	// as an import template needs it.
	Heading []string
	Table
	// Stream, when set, produces the rows in place of Table.Rows and
	// Table.Totals, for a sheet too long to hold in memory (a year's
	// ledger).
	Stream RowStream
}

// RowStream produces a sheet's rows in order, calling yield with each;
// yield does not keep the row, so the stream may reuse it. It returns the
// totals row (nil for none) once every row is yielded, or the first error
// of its source or of yield. WriteXLSX runs a stream once.
type RowStream func(yield func(row []any) error) (totals []any, err error)

// each calls yield with each row of s, from its stream or its table, and
// returns its totals row.
func (s Sheet) each(yield func(row []any) error) ([]any, error) {
	if s.Stream != nil {
		return s.Stream(yield)
	}
	for _, r := range s.Rows {
		if err := yield(r); err != nil {
			return nil, err
		}
	}
	return s.Totals, nil
}

// Column widths in characters, as Excel measures them.
const (
	minColumnWidth = 8
	maxColumnWidth = 60
)

// WriteXLSX writes wb as an XLSX file to w. Each sheet is written in one
// pass over its rows, a stream's rows straight from their source: rows are
// never held as values, only as the compressed file (and, until the
// column widths are known, as the sheet's XML, on disk past 16 MiB). The
// file carries its stamp (see Stamp) as custom document properties. It
// returns an error, and writes nothing, when wb has no sheet, a sheet name
// Excel refuses or repeats, a cell whose type does not fit its column or a
// Sum that is not the sum of its cells; it returns a stream's error, or the
// writer's when writing fails.
func WriteXLSX(w io.Writer, wb Workbook) error {
	f, err := RenderXLSX(wb)
	if err != nil {
		return err
	}
	_, err = w.Write(f.Bytes)
	return err
}

// RenderXLSX writes wb as WriteXLSX does and returns the file with its
// hashes. It returns WriteXLSX's errors.
func RenderXLSX(wb Workbook) (File, error) {
	if err := checkSheetNames(wb.Sheets); err != nil {
		return File{}, err
	}
	var buf bytes.Buffer
	p := newPackage(&buf, wb.Generated)
	st := newStyleSheet()
	for i, s := range wb.Sheets {
		if err := p.sheet(i+1, st, s); err != nil {
			return File{}, fmt.Errorf("%w (sheet %q)", err, vn.NFC(s.Name))
		}
	}
	stamp, err := p.finish(st, wb)
	if err != nil {
		return File{}, err
	}
	return fileOf(buf.Bytes(), stamp), nil
}

// newZip returns a zip writer that deflates at the fastest level: a
// workbook's XML is repetitive, so it still shrinks about tenfold.
func newZip(w io.Writer) *zip.Writer {
	z := zip.NewWriter(w)
	z.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return z
}

// checkSheetNames applies Excel's rules to every name and refuses a name
// used twice, which Excel compares without case.
func checkSheetNames(sheets []Sheet) error {
	if len(sheets) == 0 {
		return errors.New("exports: a workbook needs a sheet")
	}
	seen := map[string]bool{}
	for _, s := range sheets {
		name := vn.NFC(s.Name)
		if name == "" || len(utf16.Encode([]rune(name))) > 31 || strings.ContainsAny(name, `[]:*?/\`) ||
			strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'") {
			return fmt.Errorf("exports: %q is not a sheet name Excel accepts: 1 to 31 characters, none of []:*?/\\", name)
		}
		key := strings.ToLower(name)
		if seen[key] {
			return fmt.Errorf("exports: two sheets are named %q", name)
		}
		seen[key] = true
	}
	return nil
}

// SheetName makes a valid sheet name of any text, e.g. a province name with
// a year: it replaces the characters Excel refuses with "-", trims
// apostrophes and space from the ends and cuts it to 31 characters. It
// returns "Sheet" for text with nothing left.
func SheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, vn.NFC(s))
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	s = strings.Trim(s, "' ")
	if s == "" {
		return "Sheet"
	}
	return s
}

// formulaLike reports whether text would be read as a formula by a
// spreadsheet that is given it as typed input (an edited cell, a CSV file):
// it starts with =, +, -, @, a tab or a carriage return (OWASP's list for
// CSV injection).
func formulaLike(s string) bool {
	return s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
}
