package exports_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"baove/access"
	"baove/database"
	"baove/database/dbtest"
	"baove/exports"
	"baove/plans"
)

// render writes wb and returns the file.
func renderXLSX(t *testing.T, wb exports.Workbook) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exports.WriteXLSX(&buf, wb); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	return buf.Bytes()
}

// open opens file as Excel would.
func open(t *testing.T, file []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatalf("open the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// quotePrefixed reports whether a cell's style marks its text as typed
// after an apostrophe: text, never a formula.
func quotePrefixed(t *testing.T, file []byte, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	var styles struct {
		Xfs []struct {
			QuotePrefix string `xml:"quotePrefix,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal([]byte(parts(t, file)["xl/styles.xml"]), &styles); err != nil {
		t.Fatal(err)
	}
	return id < len(styles.Xfs) && styles.Xfs[id].QuotePrefix == "1"
}

// Text that a spreadsheet would take for a formula stays text in every
// cell, and is marked so that editing it or saving the sheet as CSV keeps
// it text; other text is left unmarked.
func TestWriteXLSX_KeepsFormulaLikeTextText(t *testing.T) {
	cells := []string{`=HYPERLINK("http://example.com","x")`, "+cmd", "@SUM(1)", "-2+3", "\tTab", "\rCR", "Xã Mường Nhé", "3 - 2"}
	table := exports.Table{Columns: []exports.Column{{Title: "Nội dung"}}}
	for _, c := range cells {
		table.Rows = append(table.Rows, []any{c})
	}
	file := renderXLSX(t, exports.Workbook{Sheets: []exports.Sheet{{Name: "Văn bản", Table: table}}})
	f := open(t, file)
	for i, want := range cells {
		cell := "A" + strconv.Itoa(i+2)
		got, _ := f.GetCellValue("Văn bản", cell)
		formula, _ := f.GetCellFormula("Văn bản", cell)
		if got != want || formula != "" {
			t.Errorf("%s = %q with formula %q, want the text %q", cell, got, formula, want)
		}
		if quoted := quotePrefixed(t, file, f, "Văn bản", cell); quoted != (i < 6) {
			t.Errorf("%s (%q) quote-prefixed: %v", cell, want, quoted)
		}
	}
}

// Activity titles typed as formulas reach the province's workbook as text.
func TestProvinceWorkbook_KeepsActivityTitlesThatLookLikeFormulasText(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	src := demoSources(t, db)
	ctx := context.Background()
	planner := access.Caller{Username: "planner.laichau", Role: access.Planner, Province: "12"}
	p, err := src.Plans.Create(ctx, planner, plans.NewPlan{Province: "12", Year: 2026, Title: "Kế hoạch năm 2026"})
	if err != nil {
		t.Fatal(err)
	}
	titles := []string{`=HYPERLINK("http://example.com/x","Bấm vào đây")`, "+cmd|' /C calc'!A0", "@SUM(1)"}
	for _, title := range titles {
		if _, _, err := src.Plans.AddActivity(ctx, planner, p.ID, plans.ActivityInput{TaskArea: "1.1", Title: title}); err != nil {
			t.Fatal(err)
		}
	}
	wb, err := exports.BuildProvinceWorkbook(ctx, src, exports.Request{Caller: planner, Province: "12", Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	file := renderXLSX(t, wb)
	f := open(t, file)
	rows, _ := f.GetRows("Hoạt động")
	found := 0
	for r, row := range rows {
		for c, v := range row {
			for _, title := range titles {
				if v != title {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula("Hoạt động", cell); formula != "" || !quotePrefixed(t, file, f, "Hoạt động", cell) {
					t.Errorf("%s holds %q as formula %q, quote-prefixed %v", cell, v, formula, quotePrefixed(t, file, f, "Hoạt động", cell))
				}
				found++
			}
		}
	}
	if found != len(titles) {
		t.Errorf("%d of the %d titles found in the workbook: %q", found, len(titles), rows)
	}
}

// A province's workbook heads each sheet with its title, the period and
// the unit; names indicators beside their codes; closes its tables with
// SUM formulas whose values are stored; and says who made it and when.
func TestProvinceWorkbook_ReadsAsAReport(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	src := demoSources(t, db)
	ctx := context.Background()
	wb, err := exports.BuildProvinceWorkbook(ctx, src, exports.Request{Caller: reviewer, Province: "01", Year: 2025})
	if err != nil {
		t.Fatal(err)
	}
	file := renderXLSX(t, wb)
	f := open(t, file)
	a1, _ := f.GetCellValue("Sổ giải ngân", "A1")
	a2, _ := f.GetCellValue("Sổ giải ngân", "A2")
	a3, _ := f.GetCellValue("Sổ giải ngân", "A3")
	if a1 != "SỔ GIẢI NGÂN - THÀNH PHỐ HÀ NỘI" || a2 != "Kỳ báo cáo: Năm 2025" || a3 != "Đơn vị tính: đồng" {
		t.Errorf("the ledger is headed %q, %q, %q", a1, a2, a3)
	}
	checkSums(t, f, "Sổ giải ngân", "H")
	checkSums(t, f, "Dòng ngân sách", "F")
	values, _ := f.GetRows("Chỉ số")
	if len(values) < 5 || values[3][0] != "Mã chỉ tiêu" || values[3][1] != "Tên chỉ tiêu" || values[4][1] == "" {
		t.Errorf("the indicator values are not named beside their codes: %q", values[:min(len(values), 6)])
	}
	props, err := f.GetDocProps()
	if err != nil || props.Creator != "baove" || !strings.Contains(props.Title, "Thành phố Hà Nội") ||
		props.Created != "2026-11-28T02:00:00Z" {
		t.Errorf("document properties %+v, %v", props, err)
	}
	s, err := exports.VerifyStamp(file)
	if err != nil || !s.Generated.Equal(time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)) {
		t.Errorf("stamp %+v, %v", s, err)
	}
}

// checkSums checks that the last row of column col on sheet is a SUM of
// the column's cells above it, with their sum stored as its value.
func checkSums(t *testing.T, f *excelize.File, sheet, col string) {
	t.Helper()
	rows, _ := f.GetRows(sheet)
	last := strconv.Itoa(len(rows))
	formula, _ := f.GetCellFormula(sheet, col+last)
	v, _ := f.GetCellValue(sheet, col+last, excelize.Options{RawCellValue: true})
	var sum int64
	for r := 6; r < len(rows); r++ {
		c, _ := f.GetCellValue(sheet, col+strconv.Itoa(r), excelize.Options{RawCellValue: true})
		n, _ := strconv.ParseInt(c, 10, 64)
		sum += n
	}
	if formula != "SUM("+col+"6:"+col+strconv.Itoa(len(rows)-1)+")" || v != strconv.FormatInt(sum, 10) {
		t.Errorf("%s!%s%s = %q with formula %q, want SUM of the rows above = %d", sheet, col, last, v, formula, sum)
	}
}

// --lang en and ?lang=en give an English workbook.
func TestProvinceWorkbook_InEnglish(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	src := demoSources(t, db)
	wb, err := exports.BuildProvinceWorkbook(context.Background(), src, exports.Request{Caller: reviewer, Province: "11", Year: 2026,
		Lang: exports.English})
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, renderXLSX(t, wb))
	want := []string{"Budget summary", "Activities", "Budget lines", "Ledger", "Commune staffing", "Indicator values"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %q, want %q", got, want)
	}
	a2, _ := f.GetCellValue("Ledger", "A2")
	a3, _ := f.GetCellValue("Ledger", "A3")
	if a2 != "Period: 2026" || a3 != "Unit: VND" {
		t.Errorf("the English ledger is headed %q, %q", a2, a3)
	}
}

// A total that is not the sum of its cells is a bug of the report model:
// the workbook refuses it rather than print it.
func TestWriteXLSX_RefusesATotalThatIsNotItsCellsSum(t *testing.T) {
	table := budgetTable(3, same)
	table.Totals = []any{nil, "Tổng cộng", exports.Sum{Value: 1}, nil, nil}
	var buf bytes.Buffer
	if err := exports.WriteXLSX(&buf, exports.Workbook{Sheets: []exports.Sheet{{Name: "Sai", Table: table}}}); err == nil || buf.Len() > 0 {
		t.Errorf("a wrong total: %v, %d bytes written", err, buf.Len())
	}
}
