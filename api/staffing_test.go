package api_test

import (
	"slices"
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

func item(code string, villagesWithCollaborator int) map[string]any {
	return map[string]any{"commune_code": code, "full_time": 1, "part_time": 0, "collaborators": 5, "villages": 8,
		"villages_with_collaborator": villagesWithCollaborator}
}

func TestProvinceStaffing_BulkNamesEachBadItemAndWritesNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		body := map[string]any{"items": []any{item("00004", 5), item("00008", 5), item("03127", 5), item("00025", 9)}}
		p := e.expectProblem(planner, "PUT", "/api/v1/provinces/01/staffing/2026", body, 422)
		var got []string
		for _, f := range p.Errors {
			got = append(got, f.Location)
		}
		if want := []string{"items[2].commune_code", "items[3].villages_with_collaborator"}; !slices.Equal(got, want) {
			t.Errorf("422 names %v, want %v", got, want)
		}
		var sum api.StaffingSummary
		e.do("reviewer", "GET", "/api/v1/provinces/01/staffing/2026", nil, &sum)
		if sum.CommunesRecorded != 0 {
			t.Errorf("%d communes recorded by a refused request", sum.CommunesRecorded)
		}
	})
}

func TestProvinceStaffing_AnswersCoverageAsADecimalStringAndNamesTheUncovered(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		vacant := item("00008", 0)
		vacant["full_time"] = 0
		var out struct {
			Changed int `json:"changed"`
			api.StaffingSummary
		}
		res := e.do(planner, "PUT", "/api/v1/provinces/01/staffing/2026", map[string]any{"items": []any{item("00004", 5), vacant}}, &out)
		if res.StatusCode != 200 || out.Changed != 2 {
			t.Fatalf("bulk put: %d, changed %d", res.StatusCode, out.Changed)
		}
		if out.CommunesTotal != 126 || out.CommunesCovered != 1 || out.CoveragePercent != "0.79" || out.CollaboratorShare != "31.25" {
			t.Errorf("summary %d of %d = %q, collaborators %q; want 1 of 126 = \"0.79\" and 5 of 16 = \"31.25\"",
				out.CommunesCovered, out.CommunesTotal, out.CoveragePercent, out.CollaboratorShare)
		}
		if len(out.Uncovered) != 125 || !slices.ContainsFunc(out.Uncovered, func(c api.Commune) bool { return c.Code == "00008" && c.Name != "" }) {
			t.Errorf("%d uncovered communes; want 125 with 00008 named", len(out.Uncovered))
		}
		var one api.Staffing
		e.do(planner, "PUT", "/api/v1/communes/00008/staffing/2026", map[string]any{"full_time": 0, "part_time": 1,
			"collaborators": 0, "villages": 8, "villages_with_collaborator": 0}, &one)
		if !one.Covered || one.PartTime != 1 || one.UpdatedBy != planner {
			t.Errorf("commune put answered %+v", one)
		}
	})
}
