package api_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
	"baove/exports"
)

// verified asks GET /reports/verify about sha as user as.
func (e *env) verified(as, sha string) api.VerifyOutput {
	e.t.Helper()
	var out api.VerifyOutput
	res := e.do(as, "GET", "/api/v1/reports/verify?sha256="+sha, nil, &out.Body)
	if res.StatusCode != 200 {
		e.t.Fatalf("verify %s: %d", sha, res.StatusCode)
	}
	return out
}

// A report downloaded is recognised by the SHA-256 of its bytes (what
// sha256sum prints) and by the content hash its metadata carries, as which
// report, province, year and time it was; a copy changed by one byte is
// not; a malformed hash is refused naming the field.
func TestVerify_RecognisesADownloadedReportByItsHash(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		e.loadDemo()
		res, _ := e.raw("planner.dienbien", "GET", "/api/v1/provinces/11/reports/2025.pdf", nil)
		if res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, res.body)
		}
		sum := sha256.Sum256(res.body)
		stamp, err := exports.VerifyStamp(res.body)
		if err != nil {
			t.Fatal(err)
		}
		for _, sha := range []string{hex.EncodeToString(sum[:]), strings.ToUpper(stamp.ContentSHA256)} {
			out := e.verified("finance.hanoi", sha)
			r := out.Body.Report
			if !out.Body.Verified || r == nil || r.Kind != "province_pdf" || r.ProvinceCode != "11" || r.Year != 2025 ||
				r.GeneratedAt != "2026-11-28T02:00:00Z" || r.GeneratedBy != "planner.dienbien" {
				t.Errorf("verify %s: %+v %+v", sha, out.Body, r)
			}
		}
		changed := bytes.Clone(res.body)
		changed[len(changed)/2] ^= 1
		other := sha256.Sum256(changed)
		if out := e.verified("reviewer", hex.EncodeToString(other[:])); out.Body.Verified || out.Body.Report != nil {
			t.Errorf("a changed copy is verified: %+v", out.Body)
		}
		p := e.expectProblem("reviewer", "GET", "/api/v1/reports/verify?sha256=abc", nil, 422)
		if len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Location, "sha256") {
			t.Errorf("a malformed hash: %+v", p)
		}
		e.expectProblem("", "GET", "/api/v1/reports/verify?sha256="+hex.EncodeToString(sum[:]), nil, 401)
	})
}

// Every workbook served is registered too, the national one included.
func TestVerify_RecognisesTheWorkbooks(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	e.loadDemo()
	for path, kind := range map[string]string{"/api/v1/provinces/79/reports/2026.xlsx": "province_xlsx",
		"/api/v1/reports/national/2026.xlsx?lang=en": "national_xlsx"} {
		res, _ := e.raw("reviewer", "GET", path, nil)
		sum := sha256.Sum256(res.body)
		out := e.verified("planner.hcm", hex.EncodeToString(sum[:]))
		if r := out.Body.Report; r == nil || r.Kind != kind || r.Year != 2026 {
			t.Errorf("%s: %+v", path, out.Body)
		}
	}
}

// An administrator sets how a province's report is signed and sent; the
// change is audited, the province's readers see it and the report prints
// it; nobody else may set it, and a wrong field is named.
func TestReportSettings_AdminSetsTheSignerAndTheReportPrintsIt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		e.loadDemo()
		var set api.ProvinceReportSettings
		e.do("planner.dienbien", "GET", "/api/v1/provinces/11/report-settings", nil, &set)
		if set.NumberSuffix != "BC-UBND" || set.Issuer[1] != "TỈNH ĐIỆN BIÊN" || set.UpdatedAt != nil {
			t.Fatalf("defaults %+v", set)
		}
		body := set.ProvinceSettingsBody
		body.SignerName, body.Recipients = "Lò Văn Mừng", []string{"- Bộ Y tế;", "Lưu: VT, KGVX."}
		e.expectProblem("planner.dienbien", "PUT", "/api/v1/provinces/11/report-settings", body, 403)
		e.expectProblem("reviewer", "PUT", "/api/v1/provinces/11/report-settings", body, 403)
		e.mustDo("admin", "PUT", "/api/v1/provinces/11/report-settings", body, &set)
		if set.SignerName != "Lò Văn Mừng" || strings.Join(set.Recipients, "|") != "Bộ Y tế|Lưu: VT, KGVX" || set.UpdatedBy != "admin" {
			t.Errorf("as set: %+v", set)
		}
		var trail struct{ Items []api.AuditEntry }
		e.do("admin", "GET", "/api/v1/audit?entity=report_settings&entity_id=11", nil, &trail)
		if len(trail.Items) != 1 || trail.Items[0].Action != "report_settings.update" ||
			!bytes.Contains(trail.Items[0].After, []byte("Lò Văn Mừng")) {
			t.Errorf("audit trail %+v", trail.Items)
		}
		res, _ := e.raw("planner.dienbien", "GET", "/api/v1/provinces/11/reports/2025.pdf?number=12", nil)
		text := strings.Join(strings.Fields(pdfText(t, res.body)), " ")
		for _, want := range []string{"Số: 12/BC-UBND", "Lò Văn Mừng", "- Bộ Y tế;", "- Lưu: VT, KGVX."} {
			if !strings.Contains(text, want) {
				t.Errorf("the report does not print %q", want)
			}
		}
		e.expectProblem("planner.hanoi", "GET", "/api/v1/provinces/11/report-settings", nil, 403)
		body.NumberSuffix = "bc ubnd"
		p := e.expectProblem("admin", "PUT", "/api/v1/provinces/11/report-settings", body, 422)
		if len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Location, "number_suffix") {
			t.Errorf("a bad suffix: %+v", p)
		}
	})
}

// The ministry's reviewer sets the national report's settings and how
// every report cites the 2017 letter; a province's report cites it so.
func TestReportSettings_ReviewerSetsTheLetterEveryReportCites(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	e.loadDemo()
	var set api.NationalReportSettings
	e.do("planner.dienbien", "GET", "/api/v1/report-settings/national", nil, &set)
	if set.Ministry != "Bộ Y tế" || set.Letter.Year != 2017 || set.Letter.Kind != "công văn" {
		t.Fatalf("defaults %+v", set)
	}
	body := set.NationalSettingsBody
	body.Letter.Number = "1234/LĐTBXH-BVCSTE"
	e.expectProblem("planner.dienbien", "PUT", "/api/v1/report-settings/national", body, 403)
	e.mustDo("reviewer", "PUT", "/api/v1/report-settings/national", body, &set)
	res, _ := e.raw("planner.dienbien", "GET", "/api/v1/provinces/11/reports/2025.pdf", nil)
	if text := strings.Join(strings.Fields(pdfText(t, res.body)), " "); !strings.Contains(text, "1234/LĐTBXH-BVCSTE") {
		t.Errorf("the report does not cite the letter by its number:\n%s", text[:min(len(text), 1500)])
	}
	body.Letter.Year = 1900
	p := e.expectProblem("reviewer", "PUT", "/api/v1/report-settings/national", body, 422)
	if len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Location, "letter.year") {
		t.Errorf("a letter of 1900: %+v", p)
	}
}
