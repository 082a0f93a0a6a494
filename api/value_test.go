package api_test

import (
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

func TestIndicatorValues_DeriveRatiosAndRefuseComputedIndicators(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		var v api.IndicatorValue
		res := e.do(planner, "PUT", "/api/v1/provinces/01/indicator-values/CP_STAFF_TRAINED/2026", map[string]any{"numerator": 162, "denominator": 168, "estimate": true}, &v)
		if res.StatusCode != 200 || v.Value != "96.43" || *v.Numerator != 162 || v.Period != "2026" || !v.Estimate {
			t.Fatalf("%d: %+v, want the decimal string 96.43, an estimate", res.StatusCode, v)
		}
		p := e.expectProblem(planner, "PUT", "/api/v1/provinces/01/indicator-values/CP_COMMUNE_WORKER/2026", map[string]any{"numerator": 1, "denominator": 2}, 422)
		if len(p.Errors) != 1 || p.Errors[0].Location != "indicator_code" {
			t.Errorf("computed indicator: %+v, want 422 naming indicator_code", p)
		}
		var list struct{ Items []api.IndicatorValue }
		e.do("finance.hanoi", "GET", "/api/v1/provinces/01/indicator-values?year=2026", nil, &list)
		if len(list.Items) != 1 || list.Items[0].Value != "96.43" {
			t.Errorf("finance reads %+v", list.Items)
		}
	})
}

// TestIndicatorValues_OnlyForPeriodsThatEndedAndDeletable is the values
// part of issue 13's sixth case: a value for 2030 was accepted and could
// never be removed (DELETE answered 405).
func TestIndicatorValues_OnlyForPeriodsThatEndedAndDeletable(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		path := "/api/v1/provinces/01/indicator-values/CP_ABUSE_CASES/"
		for _, period := range []string{"2030", "2026-Q4", "2026"} {
			p := e.expectProblem(planner, "PUT", path+period, map[string]any{"value": 4}, 422)
			if len(p.Errors) != 1 || p.Errors[0].Location != "period" {
				t.Errorf("%s: %+v, want 422 naming period", period, p)
			}
		}
		if res := e.do(planner, "PUT", path+"2026-Q3", map[string]any{"value": 4}, nil); res.StatusCode != 200 {
			t.Fatalf("2026-Q3, ended: %d", res.StatusCode)
		}
		e.expectProblem("reviewer", "DELETE", path+"2026-Q3", nil, 403)
		if res, _ := e.raw(planner, "DELETE", path+"2026-Q3", nil); res.StatusCode != 204 {
			t.Fatalf("DELETE: %d %s, want 204", res.StatusCode, res.body)
		}
		e.expectProblem(planner, "DELETE", path+"2026-Q3", nil, 404)
		var list struct{ Items []api.IndicatorValue }
		if e.do(planner, "GET", "/api/v1/provinces/01/indicator-values?year=2026", nil, &list); len(list.Items) != 0 {
			t.Errorf("after DELETE: %+v", list.Items)
		}
	})
}

func TestCreateIndicator_AddsAnIndicatorForAnAdministrator(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	body := map[string]any{"code": "CP_SCHOOL_COUNSEL", "name_vi": "Tỷ lệ trường có điểm tham vấn", "name_en": "Schools with a counselling point",
		"unit": "percent", "direction": "higher", "national_targets": []any{map[string]any{"year": 2030, "comparator": ">=", "value": "80", "source": "baove"}}}
	var ind api.Indicator
	if res := e.do("admin", "POST", "/api/v1/indicators", body, &ind); res.StatusCode != 201 || ind.Targets[0].Value != "80" {
		t.Fatalf("%d: %+v", res.StatusCode, ind)
	}
	e.expectProblem("admin", "POST", "/api/v1/indicators", body, 409)
	e.expectProblem("reviewer", "POST", "/api/v1/indicators", body, 403)
}

// TestIndicators_BadInputAnswers4xxNever500 sends malformed paths, queries
// and bodies to every new operation.
func TestIndicators_BadInputAnswers4xxNever500(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	for _, c := range []struct {
		as, method, path string
		body             any
		status           int
	}{
		{planner, "GET", "/api/v1/provinces/01/staffing/abc", nil, 422},
		{planner, "GET", "/api/v1/provinces/01/staffing/1999", nil, 422},
		{"reviewer", "GET", "/api/v1/provinces/99/staffing/2026", nil, 404},
		{"reviewer", "GET", "/api/v1/progress/0", nil, 422},
		{"reviewer", "GET", "/api/v1/provinces/99/compliance/2026", nil, 404},
		{"reviewer", "GET", "/api/v1/provinces/01/progress/2101", nil, 422},
		{planner, "GET", "/api/v1/provinces/01/indicator-values?year=abc", nil, 422},
		{planner, "PUT", "/api/v1/provinces/01/indicator-values/CP_SWC/2026-Q9", map[string]any{"value": 1}, 422},
		{planner, "PUT", "/api/v1/provinces/01/indicator-values/CP_NOTHING/2026", map[string]any{"value": 1}, 404},
		{planner, "PUT", "/api/v1/provinces/01/indicator-values/CP_SWC/2026", map[string]any{"value": "two"}, 422},
		{planner, "PUT", "/api/v1/provinces/01/indicator-values/CP_SWC/2026", map[string]any{"value": 9e18}, 422},
		{planner, "PUT", "/api/v1/provinces/01/indicator-values/CP_STAFF_TRAINED/2026", map[string]any{"numerator": 5}, 422},
		{planner, "PUT", "/api/v1/provinces/01/staffing/2026", map[string]any{"items": "all"}, 422},
		{planner, "PUT", "/api/v1/provinces/01/staffing/2026", map[string]any{"items": []any{}}, 422},
		{planner, "PUT", "/api/v1/communes/99999/staffing/2026", map[string]any{"full_time": 1, "part_time": 0, "collaborators": 0,
			"villages": 0, "villages_with_collaborator": 0}, 404},
		{planner, "PUT", "/api/v1/communes/00004/staffing/2026", map[string]any{"full_time": -1}, 422},
		{"admin", "POST", "/api/v1/indicators", map[string]any{"code": "CP_X1", "name_vi": "x", "name_en": "x", "unit": "percent",
			"direction": "higher", "national_targets": []any{map[string]any{"year": 2030, "comparator": ">=", "value": "1.2.3", "source": "x"}}}, 422},
	} {
		e.expectProblem(c.as, c.method, c.path, c.body, c.status)
	}
}
