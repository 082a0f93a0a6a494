package exports

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"baove"
	"baove/vn"
)

// Workbook is a spreadsheet file of one or more sheets.
type Workbook struct {
	Sheets []Sheet
}

// Sheet is one worksheet: a bold, frozen header row of column titles, the
// rows, and an optional bold totals row. Cells are typed as in a Table:
// counts and money become numeric cells shown as "#,##0" (Excel shows its
// reader's own thousands separator), decimals and percentages numeric cells
// with Places decimals, dates real Excel dates. Table.Unit is not written:
// a title such as "Số tiền (đồng)" says it where it matters.
type Sheet struct {
	// Name is at most 31 characters, none of []:*?/\ (see SheetName).
	Name string
	Table
	// Stream, when set, produces the rows in place of Table.Rows and
	// Table.Totals, for a sheet too long to hold in memory (a year's
	// ledger).
	Stream RowStream
}

// RowStream produces a sheet's rows in order, calling yield with each;
// yield does not keep the row, so the stream may reuse it. It returns the
// totals row (nil for none) once every row is yielded, or the first error
// of its source or of yield. WriteXLSX runs a stream twice: once to fit
// the column widths, once to write the rows.
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

// WriteXLSX writes wb as an XLSX file to w, each sheet through excelize's
// stream writer, row by row: a streamed sheet is never held in memory
// (excelize keeps what it has written in a temporary file past 16 MiB;
// the zip of the workbook is held whole before it is written to w). It
// returns an error, and writes nothing, when wb has no sheet, a sheet name
// Excel refuses or repeats, or a cell whose type does not fit its column;
// it returns a stream's error, or the writer's when writing fails.
func WriteXLSX(w io.Writer, wb Workbook) error {
	if err := checkSheetNames(wb.Sheets); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, s := range wb.Sheets {
		name := vn.NFC(s.Name)
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
				return fmt.Errorf("exports: sheet %q: %w", name, err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("exports: sheet %q: %w", name, err)
		}
		if err := writeSheet(f, st, name, s); err != nil {
			return fmt.Errorf("%w (sheet %q)", err, name)
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func writeSheet(f *excelize.File, st *styles, name string, s Sheet) error {
	widths, err := columnWidths(s)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, width := range widths {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	// The header stays in view while the reader scrolls down the rows.
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", headerCells(st, s.Columns)); err != nil {
		return err
	}
	n := 2 // the next row of the sheet
	write := func(r []any, bold bool) error {
		cells, err := st.row(s.Columns, r, bold)
		if err != nil {
			return fmt.Errorf("%w in row %d", err, n)
		}
		n++
		return sw.SetRow(cellName(1, n-1), cells)
	}
	totals, err := s.each(func(r []any) error { return write(r, false) })
	if err != nil {
		return err
	}
	if totals != nil {
		if err := write(totals, true); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func headerCells(st *styles, cols []Column) []any {
	cells := make([]any, len(cols))
	for i, c := range cols {
		cells[i] = excelize.Cell{StyleID: st.header, Value: vn.NFC(c.Title)}
	}
	return cells
}

// xlsxValue turns a table cell into the value excelize writes: money and
// counts stay integers; decimals become spreadsheet numbers, which are
// binary floating point in every spreadsheet, exact to 15 significant
// digits; dates become times that the stream writer turns into serials.
func xlsxValue(c Column, v any) (any, error) {
	switch n := v.(type) {
	case nil:
		return nil, nil
	case Note:
		return vn.NFC(string(n)), nil
	}
	switch c.Kind {
	case Text:
		if s, ok := v.(string); ok {
			return vn.NFC(s), nil
		}
	case Count, Money:
		if n, ok := wholeNumber(v); ok {
			return n, nil
		}
	case Decimal, Percent:
		if d, ok := v.(decimal.Decimal); ok {
			return d.InexactFloat64(), nil
		}
	case Date:
		if d, ok := v.(baove.Date); ok && !d.IsZero() {
			return d.Time(), nil
		} else if ok {
			return nil, nil
		}
	}
	return nil, fmt.Errorf("exports: column %q holds %s, not %T", c.Title, c.Kind, v)
}

// columnWidths fits each column to its title and its longest value as a
// Vietnamese reader sees it, totals included, within bounds. It returns
// the error of s's stream.
func columnWidths(s Sheet) ([]float64, error) {
	longest := make([]int, len(s.Columns))
	fit := func(r []any) error {
		for i, c := range s.Columns {
			if i < len(r) {
				text, _ := Vietnamese.cell(c, r[i])
				longest[i] = max(longest[i], utf8.RuneCountInString(text))
			}
		}
		return nil
	}
	totals, err := s.each(fit)
	if err != nil {
		return nil, err
	}
	fit(totals)
	widths := make([]float64, len(s.Columns))
	for i, c := range s.Columns {
		n := max(longest[i], utf8.RuneCountInString(vn.NFC(c.Title)))
		widths[i] = float64(min(max(n+2, minColumnWidth), maxColumnWidth))
	}
	return widths, nil
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

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
