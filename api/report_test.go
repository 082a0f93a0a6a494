package api_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baove"
	"baove/api"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/exports"
	"baove/indicators"
	"baove/upload"
	"baove/vn"
)

// pdfText returns the text of a PDF as pdftotext reads it, skipping where
// poppler-utils is missing (unless BAOVE_TEST_PDFTOTEXT is set).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("BAOVE_TEST_PDFTOTEXT") != "" {
			t.Fatal("BAOVE_TEST_PDFTOTEXT is set but pdftotext is not installed")
		}
		t.Skip("pdftotext is not installed")
	}
	cmd := exec.Command(bin, "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestReports_ProvincePDFIsADownloadWithTheSummaryTotals(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	e.loadDemo()
	res, _ := e.raw("planner.dienbien", "GET", "/api/v1/provinces/11/reports/2025.pdf", nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("%d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "filename*=UTF-8''B%C3%A1o%20c%C3%A1o") {
		t.Errorf("Content-Disposition %q lacks the RFC 5987 name", cd)
	}
	var sum api.BudgetSummary
	e.do("planner.dienbien", "GET", "/api/v1/provinces/11/budget/2025", nil, &sum)
	text := pdfText(t, res.body)
	for _, total := range []string{sum.Total.Planned, sum.Total.Disbursed, sum.Total.Remaining} {
		n, _ := strconv.ParseInt(total, 10, 64)
		if !strings.Contains(text, vn.Int(n)) {
			t.Errorf("the PDF lacks the total %s written %s", total, vn.Int(n))
		}
	}
	e.expectProblem("planner.hanoi", "GET", "/api/v1/provinces/11/reports/2025.pdf", nil, 403)
	en, _ := e.raw("reviewer", "GET", "/api/v1/provinces/11/reports/2025.pdf?lang=en", nil)
	if !strings.Contains(pdfText(t, en.body), "Child-protection work in 2025") {
		t.Error("?lang=en did not give the English report")
	}
}

func TestReports_NationalPDFListsAll34Provinces(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	e.loadDemo()
	res, _ := e.raw("reviewer", "GET", "/api/v1/reports/national/2025.pdf", nil)
	if res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, res.body)
	}
	text := pdfText(t, res.body)
	var provinces struct{ Items []api.Province }
	e.do("reviewer", "GET", "/api/v1/provinces", nil, &provinces)
	missing := 0
	for _, p := range provinces.Items {
		if !strings.Contains(text, p.Name) {
			t.Errorf("the national report lacks %s", p.Name)
			missing++
		}
	}
	if len(provinces.Items) != 34 || missing > 0 {
		t.Fatalf("%d provinces, %d missing", len(provinces.Items), missing)
	}
	e.expectProblem("planner.dienbien", "GET", "/api/v1/reports/national/2025.pdf", nil, 403)
}

func TestReports_XLSXGivesTheLedgersExactSums(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	e.loadDemo()
	res, _ := e.raw("finance.hanoi", "GET", "/api/v1/provinces/01/reports/2025.xlsx", nil)
	if res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, res.body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(res.body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Sổ giải ngân", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var sum int64
	for _, r := range rows[headerRow(t, rows)+1 : len(rows)-1] {
		n, err := strconv.ParseInt(r[7], 10, 64)
		if err != nil {
			t.Fatalf("amount cell %q: %v", r[7], err)
		}
		sum += n
	}
	total := rows[len(rows)-1][7]
	var summary api.BudgetSummary
	e.do("finance.hanoi", "GET", "/api/v1/provinces/01/budget/2025", nil, &summary)
	if fmt.Sprint(sum) != summary.Total.Disbursed || total != summary.Total.Disbursed {
		t.Fatalf("ledger sheet sums to %d, its total row says %s, the API %s", sum, total, summary.Total.Disbursed)
	}
}

// headerRow is the index of a sheet's header row, under its title, period
// and unit lines: the first row whose first cell is a column title.
func headerRow(t *testing.T, rows [][]string) int {
	t.Helper()
	for i, r := range rows {
		if len(r) > 1 && r[0] != "" && r[1] != "" {
			return i
		}
	}
	t.Fatalf("no header row in %q", rows)
	return 0
}

// upload posts file as a multipart form, as a browser would.
func (e *env) upload(as, path string, file []byte) response {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", "giai-ngan.xlsx")
	part.Write(file)
	w.Close()
	res, _ := e.sendRaw(as, "POST", path, body.Bytes(), w.FormDataContentType())
	return res
}

func TestImport_OneBadRowAmong500RecordsNothingThenTheFixedFileRecordsOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		line := e.approvedLine(t)
		e.do("reviewer", "POST", "/api/v1/allocations", map[string]any{"province_code": "11", "year": 2026,
			"amount": "200000000", "decision_no": "56/QĐ-BYT", "decided_on": "2026-02-01"}, nil)
		rows := make([][]any, 500)
		for i := range rows {
			rows[i] = []any{int64(line.ID), int64(1_000), baove.NewDate(2026, 3, 1+i%28), fmt.Sprintf("NK-%03d", i), "Chi hỗ trợ trẻ em"}
		}
		rows[250][3] = rows[10][3] // a voucher number used twice: spreadsheet row 252
		path := "/api/v1/provinces/11/disbursements/import"
		bad := e.upload("finance.dienbien", path, workbook(t, rows))
		// A voucher used twice breaks a rule of the ledger: 409, as a single
		// payment with that voucher would get.
		if bad.StatusCode != 409 || !strings.Contains(string(bad.body), "rows[252].voucher_no") || strings.Count(string(bad.body), `"location"`) != 1 {
			t.Fatalf("one bad row: %d %s", bad.StatusCode, bad.body)
		}
		var ledger struct{ Items []api.Disbursement }
		e.do("finance.dienbien", "GET", fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", line.ID), nil, &ledger)
		if len(ledger.Items) != 0 {
			t.Fatalf("the bad file recorded %d payments", len(ledger.Items))
		}
		rows[250][3] = "NK-250"
		good := workbook(t, rows)
		var first, again api.ImportResult
		for _, out := range []*api.ImportResult{&first, &again} {
			res := e.upload("finance.dienbien", path, good)
			if res.StatusCode != 200 {
				t.Fatalf("%d %s", res.StatusCode, res.body)
			}
			decode(t, res.body, &out.Body)
		}
		if first.Body.Recorded != 500 || again.Body.Recorded != 0 || !again.Body.Replayed {
			t.Fatalf("first %+v, again %+v; want 500 then nothing", first.Body, again.Body)
		}
		e.do("finance.dienbien", "GET", fmt.Sprintf("/api/v1/budget-lines/%d/disbursements?limit=500", line.ID), nil, &ledger)
		if len(ledger.Items) != 500 {
			t.Fatalf("ledger has %d entries, want 500", len(ledger.Items))
		}
	})
}

func TestImport_FileOverTheCapIs413(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	res, _ := e.sendRaw("finance.dienbien", "POST", "/api/v1/provinces/11/disbursements/import",
		bytes.Repeat([]byte("x"), upload.MaxSize+128<<10), "text/csv")
	if res.StatusCode != 413 {
		t.Fatalf("oversized upload: %d %s", res.StatusCode, res.body)
	}
	big := e.upload("finance.dienbien", "/api/v1/provinces/11/disbursements/import", bytes.Repeat([]byte("y"), upload.MaxSize+1))
	if big.StatusCode != 413 {
		t.Fatalf("oversized multipart upload: %d %s", big.StatusCode, big.body)
	}
}

func TestImport_StaffingFromAFileNamesBadRows(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	var communes struct{ Items []api.Commune }
	e.do("planner.dienbien", "GET", "/api/v1/provinces/11/communes", nil, &communes)
	sheet := exports.Workbook{Sheets: []exports.Sheet{{Name: "Nhân lực", Table: exports.Table{Columns: staffingColumns()}}}}
	for i, c := range communes.Items {
		sheet.Sheets[0].Rows = append(sheet.Sheets[0].Rows, []any{c.Code, c.Name, int64(1), int64(i % 2), int64(5), int64(8), int64(6), nil})
	}
	sheet.Sheets[0].Rows[3][6] = int64(9) // more villages with a collaborator than villages: row 5
	var b bytes.Buffer
	if err := exports.WriteXLSX(&b, sheet); err != nil {
		t.Fatal(err)
	}
	res := e.upload("planner.dienbien", "/api/v1/provinces/11/staffing/2026/import", b.Bytes())
	if res.StatusCode != 422 || !strings.Contains(string(res.body), "rows[5].villages_with_collaborator") {
		t.Fatalf("bad staffing file: %d %s", res.StatusCode, res.body)
	}
	e.expectProblem("planner.hanoi", "GET", "/api/v1/provinces/11/reports/2026.xlsx", nil, 403)
}

func staffingColumns() []exports.Column {
	cols := make([]exports.Column, len(indicators.StaffingFields))
	for i, f := range indicators.StaffingFields {
		cols[i] = exports.Column{Title: f.Title, Kind: f.Kind}
	}
	return cols
}

// workbook writes rows under the disbursement import's header.
func workbook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	cols := make([]exports.Column, len(budget.ImportFields))
	for i, f := range budget.ImportFields {
		cols[i] = exports.Column{Title: f.Title, Kind: f.Kind}
	}
	var b bytes.Buffer
	if err := exports.WriteXLSX(&b, exports.Workbook{Sheets: []exports.Sheet{{Name: "Giải ngân", Table: exports.Table{Columns: cols, Rows: rows}}}}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The national workbook lists the 34 provinces in the order of their codes
// (Resolution 202/2025/QH15), each with the budget the API gives, and
// totals them with SUM formulas whose stored values are the rows' sums.
func TestReports_NationalXLSXListsThe34ProvincesInCodeOrderWithTheAPIsSums(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	e.loadDemo()
	res, _ := e.raw("reviewer", "GET", "/api/v1/reports/national/2025.xlsx", nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != xlsxType {
		t.Fatalf("%d %s", res.StatusCode, res.body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(res.body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Tổng hợp", excelize.Options{RawCellValue: true})
	body := rows[headerRow(t, rows)+1 : len(rows)-1]
	if len(body) != 34 {
		t.Fatalf("%d province rows, want 34", len(body))
	}
	var planned, disbursed int64
	for i, r := range body {
		if i > 0 && body[i-1][0] >= r[0] {
			t.Errorf("%s comes before %s", body[i-1][0], r[0])
		}
		var sum api.BudgetSummary
		e.do("reviewer", "GET", "/api/v1/provinces/"+r[0]+"/budget/2025", nil, &sum)
		if r[3] != sum.Total.Planned || r[5] != sum.Total.Disbursed {
			t.Errorf("%s plans %s and disbursed %s; the API says %s and %s", r[1], r[3], r[5], sum.Total.Planned, sum.Total.Disbursed)
		}
		planned, disbursed = planned+mustInt(t, r[3]), disbursed+mustInt(t, r[5])
	}
	total := rows[len(rows)-1]
	last := strconv.Itoa(len(rows))
	formula, _ := f.GetCellFormula("Tổng hợp", "D"+last)
	if total[3] != fmt.Sprint(planned) || total[5] != fmt.Sprint(disbursed) || !strings.HasPrefix(formula, "SUM(D") {
		t.Errorf("totals %s and %s (formula %q), want %d and %d", total[3], total[5], formula, planned, disbursed)
	}
	e.expectProblem("planner.dienbien", "GET", "/api/v1/reports/national/2025.xlsx", nil, 403)
	en, _ := e.raw("reviewer", "GET", "/api/v1/reports/national/2025.xlsx?lang=en", nil)
	if fe, err := excelize.OpenReader(bytes.NewReader(en.body)); err != nil || fe.GetSheetList()[0] != "Summary" {
		t.Errorf("?lang=en did not give the English workbook: %v", err)
	}
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("%q is not a whole number", s)
	}
	return n
}
