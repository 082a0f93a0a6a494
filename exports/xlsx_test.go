package exports_test

import (
	"bytes"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"baove"
	"baove/exports"
)

// reopen writes wb and opens the result as Excel would.
func reopen(t *testing.T, wb exports.Workbook) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := exports.WriteXLSX(&buf, wb); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWriteXLSX_WritesNumbersDatesAndAFrozenHeader(t *testing.T) {
	table := budgetTable(3, same)
	f := reopen(t, exports.Workbook{Sheets: []exports.Sheet{
		{Name: "Giải ngân 2026", Table: table},
		{Name: "Đặc khu Côn Đảo", Table: budgetTable(1, same)},
	}})
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Giải ngân 2026" || got[1] != "Đặc khu Côn Đảo" {
		t.Fatalf("sheets = %q", got)
	}
	const sheet = "Giải ngân 2026"
	raw := func(cell string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct{ cell, raw, format string }{
		{"B1", "Tên đơn vị", ""},
		{"C2", "1234567", "#,##0"},    // money: a number, grouped by the reader's Excel
		{"C4", "3703701", "#,##0"},    //
		{"C5", "7407402", "#,##0"},    // the totals row
		{"D2", "0.875", "0.0%"},       // a percentage is the fraction Excel expects
		{"E2", "46096", "dd/mm/yyyy"}, // 15/03/2026 as an Excel date serial
		{"B3", "Xã Mường Nhé số 002 thuộc Đặc khu Côn Đảo", ""},
	}
	for _, c := range cases {
		if got := raw(c.cell); got != c.raw {
			t.Errorf("%s = %q, want %q", c.cell, got, c.raw)
		}
		if c.format != "" {
			if got := numberFormat(t, f, sheet, c.cell); got != c.format {
				t.Errorf("%s is formatted %q, want %q", c.cell, got, c.format)
			}
		}
	}
	if typ, _ := f.GetCellType(sheet, "C2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("money is stored as cell type %v, not as a number", typ)
	}
	if !bold(t, f, sheet, "C5") || bold(t, f, sheet, "C4") {
		t.Error("the totals row, and only it, should be bold")
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v, %v; want the header row frozen", panes, err)
	}
	if w, _ := f.GetColWidth(sheet, "B"); w < 30 {
		t.Errorf("the name column is %.0f wide; its names do not show", w)
	}
}

// numberFormat returns the number format code of a cell: a custom code, or
// the code of the built-in format it names.
func numberFormat(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	st := style(t, f, sheet, cell)
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return map[int]string{3: "#,##0", 9: "0%", 10: "0.00%"}[st.NumFmt]
}

func bold(t *testing.T, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	st := style(t, f, sheet, cell)
	return st.Font != nil && st.Font.Bold
}

func style(t *testing.T, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestWriteXLSX_RefusesWhatExcelWouldRefuse(t *testing.T) {
	money := exports.Column{Title: "Số tiền", Kind: exports.Money}
	good := exports.Table{Columns: []exports.Column{money}, Rows: [][]any{{int64(1)}}}
	cases := map[string][]exports.Sheet{
		"no sheet":             nil,
		"a slash in a name":    {{Name: "Kế hoạch 1/2026", Table: good}},
		"32 characters":        {{Name: "Tổng hợp kinh phí bảo vệ trẻ em!", Table: good}},
		"a name twice":         {{Name: "Điện Biên", Table: good}, {Name: "ĐIỆN BIÊN", Table: good}},
		"money as a float":     {{Name: "Tiền", Table: exports.Table{Columns: []exports.Column{money}, Rows: [][]any{{1.5e6}}}}},
		"a decimal as a float": {{Name: "Tỷ lệ", Table: exports.Table{Columns: []exports.Column{{Kind: exports.Percent}}, Rows: [][]any{{0.875}}}}},
		"a date as text":       {{Name: "Ngày", Table: exports.Table{Columns: []exports.Column{{Kind: exports.Date}}, Rows: [][]any{{"15/03/2026"}}}}},
	}
	for name, sheets := range cases {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := exports.WriteXLSX(&buf, exports.Workbook{Sheets: sheets}); err == nil {
				t.Fatal("WriteXLSX succeeded")
			}
			if buf.Len() > 0 {
				t.Errorf("wrote %d bytes before failing", buf.Len())
			}
		})
	}
}

func TestSheetName_MakesAnyTextAValidName(t *testing.T) {
	cases := map[string]string{
		"Điện Biên / 2026": "Điện Biên - 2026",
		"'Kế hoạch'":       "Kế hoạch",
		"Tổng hợp kinh phí bảo vệ trẻ em năm 2026": "Tổng hợp kinh phí bảo vệ trẻ em",
		"[]": "--",
		"  ": "Sheet",
	}
	for in, want := range cases {
		if got := exports.SheetName(in); got != want {
			t.Errorf("SheetName(%q) = %q, want %q", in, got, want)
		}
		f := reopen(t, exports.Workbook{Sheets: []exports.Sheet{{Name: exports.SheetName(in)}}})
		if f.GetSheetList()[0] != want {
			t.Errorf("Excel names the sheet %q, want %q", f.GetSheetList()[0], want)
		}
	}
}

func TestWriteXLSX_KeepsEmptyCellsEmpty(t *testing.T) {
	f := reopen(t, exports.Workbook{Sheets: []exports.Sheet{{Name: "Trống", Table: exports.Table{
		Columns: []exports.Column{{Title: "Số tiền", Kind: exports.Money}, {Title: "Tỷ lệ", Kind: exports.Percent}, {Title: "Ngày", Kind: exports.Date}},
		Rows:    [][]any{{nil, decimal.Decimal{}, baove.Date{}}},
	}}}})
	for _, cell := range []string{"A2", "C2"} {
		if v, _ := f.GetCellValue("Trống", cell); v != "" {
			t.Errorf("%s = %q, want empty", cell, v)
		}
	}
}
