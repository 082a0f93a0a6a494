package api_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"baove"
	"baove/api"
	"baove/database"
	"baove/database/dbtest"
	"baove/units"
)

// renamedList is the shipped list with its second commune renamed, its
// third gone (with its successions) and one new commune, as a file.
func renamedList(t *testing.T) []byte {
	t.Helper()
	l, err := units.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	l.ValidFrom = baove.NewDate(2026, 7, 1)
	l.Communes = slices.Clone(l.Communes)
	l.Communes[1].Name = "Phường Đổi Tên"
	gone := l.Communes[2].Code
	added := units.ListEntry{Code: "99999", ProvinceCode: "01", Name: "Xã Thử", Kind: units.Xa}
	l.Communes = append(slices.Delete(l.Communes, 2, 3), added)
	l.Successions = slices.DeleteFunc(slices.Clone(l.Successions),
		func(s units.Succession) bool { return string(s.NewCode) == gone })
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestUnitsImportAPI_DryRunAnswersTheChangesThenTheImportMakesThemOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		file := renamedList(t)
		var dry api.UnitListResult
		res, _ := e.sendRaw("admin", "POST", "/api/v1/units/import?dry_run=true", file, "application/json")
		decode(t, res.body, &dry.Body)
		c := dry.Body.Communes
		if res.StatusCode != 200 || !dry.Body.DryRun || len(c.Added) != 1 || c.Added[0].Code != "99999" || len(c.Closed) != 1 ||
			len(c.Changed) != 1 || c.Changed[0].Now.Name != "Phường Đổi Tên" || len(dry.Body.SuccessionsRemoved) == 0 {
			t.Fatalf("dry run: %d %s", res.StatusCode, res.body)
		}
		if res, _ := e.raw("admin", "GET", "/api/v1/communes/99999", nil); res.StatusCode != 404 {
			t.Errorf("the dry run added the commune: %d", res.StatusCode)
		}
		var done api.UnitListResult
		res = e.upload("admin", "/api/v1/units/import", file)
		decode(t, res.body, &done.Body)
		if res.StatusCode != 200 || done.Body.DryRun || done.Body.Summary != dry.Body.Summary {
			t.Fatalf("import: %d %s, want what the dry run said: %s", res.StatusCode, done.Body.Summary, dry.Body.Summary)
		}
		var again api.UnitListResult
		res, _ = e.sendRaw("admin", "POST", "/api/v1/units/import", file, "application/json")
		decode(t, res.body, &again.Body)
		if again.Body.Changed {
			t.Errorf("the same list again changed %s", again.Body.Summary)
		}
		var trail struct{ Items []api.AuditEntry }
		e.do("admin", "GET", "/api/v1/audit?actor=admin&entity=unit_list", nil, &trail)
		if len(trail.Items) != 1 || trail.Items[0].Action != "units.import" {
			t.Errorf("the trail of the admin's imports: %+v, want one", trail.Items)
		}
	})
}

func TestUnitsImportAPI_ABadFileIs422NamingTheProblem(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		res, _ := e.sendRaw("admin", "POST", "/api/v1/units/import?dry_run=true",
			[]byte(`{"source":"x","valid_from":"2026-07-01","provinces":[{"code":"1","name":"A","kind":"tinh"}]}`), "application/json")
		if res.StatusCode != 422 || !strings.Contains(string(res.body), "provinces[0].code") {
			t.Errorf("a malformed code: %d %s", res.StatusCode, res.body)
		}
		res, _ = e.sendRaw("planner.hanoi", "POST", "/api/v1/units/import", renamedList(t), "application/json")
		if res.StatusCode != 403 {
			t.Errorf("a planner imports units: %d", res.StatusCode)
		}
	})
}
