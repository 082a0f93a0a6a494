package api_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baove"
	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

// untouched are the tables a request changes without changing data: the
// sessions it is made in.
var untouched = []string{"sessions"}

// sheetRows returns the rows of a workbook's sheet as raw cell values.
func sheetRows(t *testing.T, file []byte, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// fill sets cells of a workbook's first sheet ("B2" → value) and returns it.
func fill(t *testing.T, file []byte, cells map[string]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	for cell, v := range cells {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// importAs uploads file to path as the user as, expecting status, and
// decodes the answer into out.
func (e *env) importAs(t *testing.T, as, path string, file []byte, status int, out any) response {
	t.Helper()
	res := e.upload(as, path, file)
	if res.StatusCode != status {
		t.Fatalf("POST %s: %d, want %d: %s", path, res.StatusCode, status, res.body)
	}
	if out != nil {
		decode(t, res.body, out)
	}
	return res
}

// TestImportAPI_TheDisbursementTemplateIsPrefilledAndImportsBackFilledIn: the
// template lists the lines of the plan in force; as it is downloaded it
// holds no payment, and filled in it records a payment on each line of its
// rows, by the ids it was prefilled with.
func TestImportAPI_TheDisbursementTemplateIsPrefilledAndImportsBackFilledIn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		central := e.approvedLine(t)
		template := "/api/v1/provinces/11/disbursements/import-template.xlsx"
		res, _ := e.raw("finance.dienbien", "GET", template, nil)
		rows := sheetRows(t, res.body, "Giải ngân")
		if res.StatusCode != 200 || len(rows) != 3 || len(rows[0]) != 10 ||
			!strings.HasSuffix(rows[0][5], "(tham khảo, không nhập)") {
			t.Fatalf("template %d: %q", res.StatusCode, rows)
		}
		provincial, paid := rows[1], rows[2]
		if paid[0] != fmt.Sprint(central.ID) || paid[1] != "" || paid[5] != "Truyền thông Tổng đài 111 tại 45 xã" ||
			paid[6] != "1.3" || !strings.HasPrefix(paid[7], "Ngân sách trung ương") || paid[8] != "1000000" ||
			paid[9] != "1000000" || provincial[8] != "250000000" {
			t.Fatalf("the lines of the plan in force: %q", rows[1:])
		}
		help := fmt.Sprint(sheetRows(t, res.body, "Hướng dẫn"))
		if !strings.Contains(help, "Hoạt động (tham khảo, không nhập)") || !strings.Contains(help, "not read on upload") {
			t.Errorf("the instructions do not name the reference columns: %s", help)
		}
		path := "/api/v1/provinces/11/disbursements/import"
		before := dbtest.Snapshot(t, db, untouched...)
		asIs := e.importAs(t, "finance.dienbien", path+"?dry_run=true", res.body, 422, nil)
		if !strings.Contains(string(asIs.body), "holds no payment") {
			t.Errorf("the template as downloaded: %s", asIs.body)
		}
		filled := fill(t, res.body, map[string]any{"B2": 2_000_000, "C2": "10/04/2026", "D2": "PC-MAU-0",
			"B3": 300_000, "C3": "15/04/2026", "D3": "PC-MAU-1", "E3": "Chi in tờ rơi"})
		var dry, done, again api.ImportResult
		e.importAs(t, "finance.dienbien", path+"?dry_run=true", filled, 200, &dry.Body)
		if dbtest.Snapshot(t, db, untouched...) != before {
			t.Fatal("a dry run wrote to the database")
		}
		e.importAs(t, "finance.dienbien", path, filled, 200, &done.Body)
		e.importAs(t, "finance.dienbien", path, filled, 200, &again.Body)
		want := map[string]api.ImportLine{
			provincial[0]: {Rows: 1, Total: "2000000", Left: "248000000"},
			paid[0]:       {Rows: 1, Total: "300000", Left: "700000"},
		}
		if !dry.Body.DryRun || dry.Body.Recorded != 0 || dry.Body.Rows != 2 || dry.Body.Skipped != 0 ||
			!sameLines(dry.Body.ByLine, want) {
			t.Errorf("dry run %+v", dry.Body)
		}
		if done.Body.DryRun || done.Body.Recorded != 2 || done.Body.Total != "2300000" || !sameLines(done.Body.ByLine, want) {
			t.Errorf("import %+v", done.Body)
		}
		if !again.Body.Replayed || again.Body.Recorded != 0 {
			t.Errorf("the same file again %+v", again.Body)
		}
	})
}

// sameLines reports whether lines are want, keyed by line id.
func sameLines(lines []api.ImportLine, want map[string]api.ImportLine) bool {
	got := map[string]api.ImportLine{}
	for _, l := range lines {
		id := fmt.Sprint(l.BudgetLineID)
		l.BudgetLineID = 0
		got[id] = l
	}
	return fmt.Sprint(got) == fmt.Sprint(want)
}

func TestImportAPI_ADryRunOfABadFileAnswersAsTheImport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		line := e.approvedLine(t)
		day, late := baove.NewDate(2026, 4, 2), baove.NewDate(2027, 3, 1)
		file := workbook(t, [][]any{{line.ID, int64(900_000), day, "X-1", nil}, {line.ID, int64(1), late, "X-2", nil}})
		path := "/api/v1/provinces/11/disbursements/import"
		before := dbtest.Snapshot(t, db, untouched...)
		dry := e.importAs(t, "finance.dienbien", path+"?dry_run=true", file, 422, nil)
		if dbtest.Snapshot(t, db, untouched...) != before {
			t.Fatal("a dry run wrote to the database")
		}
		real := e.importAs(t, "finance.dienbien", path, file, 422, nil)
		if string(dry.body) != string(real.body) || !strings.Contains(string(dry.body), "rows[3].paid_on") {
			t.Fatalf("dry run %s; import %s", dry.body, real.body)
		}
		file = workbook(t, [][]any{{line.ID, int64(900_000), day, "X-1", nil}}) // over the central allocation
		dry = e.importAs(t, "finance.dienbien", path+"?dry_run=true", file, 409, nil)
		real = e.importAs(t, "finance.dienbien", path, file, 409, nil)
		if string(dry.body) != string(real.body) {
			t.Fatalf("dry run %s; import %s", dry.body, real.body)
		}
		e.importAs(t, "finance.hanoi", path+"?dry_run=true", file, 403, nil)
	})
}

// TestImportAPI_TheStaffingTemplateIsPrefilledAndImportsBackUnchanged: the
// template of a year without records starts from last year's, and
// uploaded as it is records exactly those figures; the template of a year
// with records, uploaded as it is, changes nothing.
func TestImportAPI_TheStaffingTemplateIsPrefilledAndImportsBackUnchanged(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		items := []map[string]any{
			{"commune_code": "03151", "full_time": 1, "part_time": 0, "collaborators": 12, "villages": 15,
				"villages_with_collaborator": 12},
			{"commune_code": "03158", "full_time": 0, "part_time": 1, "collaborators": 3, "villages": 9,
				"villages_with_collaborator": 3, "note": "Báo cáo của UBND xã"},
		}
		body := map[string]any{"items": items}
		if res := e.do("planner.dienbien", "PUT", "/api/v1/provinces/11/staffing/2025", body, nil); res.StatusCode != 200 {
			t.Fatalf("staffing 2025: %d", res.StatusCode)
		}
		var communes struct{ Items []api.Commune }
		e.do("planner.dienbien", "GET", "/api/v1/provinces/11/communes", nil, &communes)
		template := e.staffingTemplate(t, len(communes.Items))
		rows := sheetRows(t, template, "Nhân lực xã")
		prefilled := 0
		for _, r := range rows[1:] {
			if r[0] == "03158" && (r[3] != "1" || r[7] != "Báo cáo của UBND xã" || r[8] != "Xã" || r[9] != "2025") {
				t.Errorf("03158 prefilled with %q", r)
			}
			if len(r) > 9 && r[9] != "" {
				prefilled++
			}
		}
		if prefilled != 2 {
			t.Fatalf("%d communes prefilled, want 2", prefilled)
		}
		path := "/api/v1/provinces/11/staffing/2026/import"
		before := dbtest.Snapshot(t, db, untouched...)
		var dry, done api.StaffingImportResult
		e.importAs(t, "planner.dienbien", path+"?dry_run=true", template, 200, &dry.Body)
		if dbtest.Snapshot(t, db, untouched...) != before {
			t.Fatal("a dry run wrote to the database")
		}
		e.importAs(t, "planner.dienbien", path, template, 200, &done.Body)
		if !dry.Body.DryRun || dry.Body.Recorded != 0 || dry.Body.Changed != 2 || dry.Body.Skipped != len(communes.Items)-2 ||
			dry.Body.Changes[0].CommuneCode != "03151" || dry.Body.Changes[0].Before != nil ||
			dry.Body.Changes[0].CommuneName != "Phường Mường Lay" || done.Body.Recorded != 2 {
			t.Errorf("dry run %+v; import %+v", dry.Body, done.Body)
		}
		if last, now := recordedFigures(t, e, 2025), recordedFigures(t, e, 2026); now != last {
			t.Errorf("the template of 2026 recorded %s, want last year's %s", now, last)
		}
		var again api.StaffingImportResult
		e.importAs(t, "planner.dienbien", path, e.staffingTemplate(t, len(communes.Items)), 200, &again.Body)
		if again.Body.Recorded != 0 || again.Body.Changed != 0 || again.Body.Unchanged != 2 {
			t.Errorf("the template of a year with records, as it is: %+v", again.Body)
		}
	})
}

// staffingTemplate returns the staffing template of province 11 for 2026,
// checking it has a row per commune in force.
func (e *env) staffingTemplate(t *testing.T, communes int) []byte {
	t.Helper()
	res, _ := e.raw("planner.dienbien", "GET", "/api/v1/provinces/11/staffing/2026/import-template.xlsx", nil)
	rows := sheetRows(t, res.body, "Nhân lực xã")
	if res.StatusCode != 200 || len(rows) != communes+1 || len(rows[0]) != 10 {
		t.Fatalf("template %d: %d rows for %d communes", res.StatusCode, len(rows), communes)
	}
	return res.body
}

// recordedFigures returns the figures recorded for the communes of
// province 11 in year, as text.
func recordedFigures(t *testing.T, e *env, year int) string {
	t.Helper()
	var s api.StaffingSummary
	e.do("planner.dienbien", "GET", fmt.Sprintf("/api/v1/provinces/11/staffing/%d", year), nil, &s)
	var out []string
	for _, i := range s.Items {
		if i.Recorded {
			out = append(out, fmt.Sprintf("%s %+v", i.CommuneCode, i.StaffingFields))
		}
	}
	return strings.Join(out, "; ")
}

func TestImportAPI_TemplatesArePrefilledOnlyForWhoeverMayReadTheProvince(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		e.approvedLine(t)
		template := "/api/v1/provinces/11/disbursements/import-template.xlsx"
		readers := map[string]bool{"reviewer": true, "planner.dienbien": true, "finance.hanoi": false, "admin": false}
		for as, prefilled := range readers {
			res, _ := e.raw(as, "GET", template, nil)
			rows := sheetRows(t, res.body, "Giải ngân")
			text := fmt.Sprint(rows)
			empty := len(rows) == 2 && len(rows[0]) == 5
			if res.StatusCode != 200 || strings.Contains(text, "Tổng đài 111") != prefilled || (!prefilled && !empty) {
				t.Errorf("%s: %d, prefilled %v: %q", as, res.StatusCode, prefilled, rows)
			}
		}
		res, _ := e.raw("finance.hanoi", "GET", "/api/v1/provinces/11/staffing/2026/import-template.xlsx", nil)
		if rows := sheetRows(t, res.body, "Nhân lực xã"); res.StatusCode != 200 || len(rows) != 2 || rows[1][0] != "03151" {
			t.Errorf("another province's staffing template: %d %q", res.StatusCode, rows)
		}
		e.expectProblem("finance.dienbien", "GET", "/api/v1/provinces/99/disbursements/import-template.xlsx", nil, 404)
		e.expectProblem("finance.dienbien", "GET", template+"?year=1999", nil, 422)
	})
}
