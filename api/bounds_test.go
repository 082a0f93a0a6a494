package api_test

import (
	"strings"
	"testing"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
	"baove/plans"
)

// The OpenAPI document states each bound the domain enforces, read from the
// domain's constant, so that a client learns the rule where the server keeps
// it.
func TestOpenAPI_StatesTheDomainBoundsFromItsConstants(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	var doc map[string]any
	e.do("", "GET", "/openapi.json", nil, &doc)
	schemas := dig(doc, "components", "schemas")
	for _, c := range []struct {
		schema, property, keyword string
		want                      int
	}{
		{"CreatePlanInputBody", "year", "minimum", baove.FirstYear},
		{"CreatePlanInputBody", "year", "maximum", baove.LastYear},
		{"AllocateInputBody", "year", "minimum", baove.FirstYear},
		{"AllocateInputBody", "year", "maximum", baove.LastYear},
		{"StaffingFields", "full_time", "maximum", indicators.MaxStaff},
		{"StaffingItem", "villages_with_collaborator", "maximum", indicators.MaxStaff},
		{"StaffingFields", "note", "maxLength", indicators.MaxNote},
		{"PutValueInputBody", "note", "maxLength", indicators.MaxNote},
		{"CreateIndicatorInputBody", "name_vi", "maxLength", indicators.MaxName},
		{"CreatePlanInputBody", "title", "maxLength", plans.MaxTitle},
		{"UpdatePlanInputBody", "narrative", "maxLength", plans.MaxNarrative},
		{"ActivityBody", "lead_agency", "maxLength", plans.MaxLeadAgency},
		{"ActivityBody", "partners", "maxLength", plans.MaxPartners},
		{"UpdateActivityInputBody", "expected_output", "maxLength", plans.MaxExpectedOutput},
		{"UpdateTaskAreaInputBody", "name_en", "maxLength", plans.MaxTitle},
		{"BudgetLineBody", "description", "maxLength", budget.MaxDescription},
		{"DisburseInputBody", "description", "maxLength", budget.MaxDescription},
		{"LoginInputBody", "username", "maxLength", access.MaxUsernameLength},
		{"PasswordInputBody", "new_password", "maxLength", access.MaxPasswordLength},
	} {
		got, ok := dig(schemas, c.schema, "properties", c.property)[c.keyword].(float64)
		if !ok || int(got) != c.want {
			t.Errorf("%s.%s %s = %v, want %d", c.schema, c.property, c.keyword, got, c.want)
		}
	}
	years := 0
	for path, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			for _, p := range asSlice(op.(map[string]any)["parameters"]) {
				p := p.(map[string]any)
				s := p["schema"].(map[string]any)
				switch {
				case p["name"] == "year":
					years++
					first := float64(baove.FirstYear)
					if p["in"] == "query" && s["minimum"] == 0.0 {
						first = 0 // a filter: 0 selects every year
					}
					if s["minimum"] != first || s["maximum"] != float64(baove.LastYear) {
						t.Errorf("%s %s: year from %v to %v", method, path, s["minimum"], s["maximum"])
					}
				case p["name"] == "limit" && strings.HasSuffix(path, "/audit"):
					if s["maximum"] != float64(audit.MaxLimit) || s["default"] != float64(audit.DefaultLimit) {
						t.Errorf("audit limit: maximum %v default %v", s["maximum"], s["default"])
					}
				}
			}
		}
	}
	if years < 15 {
		t.Errorf("only %d year parameters found", years)
	}
}

// A year before the directive, or past the last, is refused with 422 naming
// the field, wherever it is written; so is a staffing number past the
// domain's maximum.
func TestAPI_RefusesYearsOutOfRangeNamingTheField(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	for _, c := range []struct {
		as, method, path string
		body             any
		location         string
	}{
		{"planner.hanoi", "GET", "/api/v1/provinces/01/staffing/2016", nil, "path.year"},
		{"planner.hanoi", "GET", "/api/v1/provinces/01/progress/2101", nil, "path.year"},
		{"reviewer", "GET", "/api/v1/provinces/01/budget/2016", nil, "path.year"},
		{"planner.hanoi", "GET", "/api/v1/provinces/01/indicator-values?year=2016", nil, "query.year"},
		{"planner.hanoi", "GET", "/api/v1/plans?year=2101", nil, "query.year"},
		{"planner.hanoi", "POST", "/api/v1/plans", map[string]any{"province_code": "01", "year": 2016, "title": "Kế hoạch"}, "body.year"},
		{"reviewer", "POST", "/api/v1/allocations", map[string]any{"province_code": "01", "year": 2016, "amount": "1000",
			"decision_no": "1/QĐ", "decided_on": "2016-01-10"}, "body.year"},
		{"planner.hanoi", "PUT", "/api/v1/communes/00004/staffing/2026", map[string]any{"full_time": indicators.MaxStaff + 1,
			"part_time": 0, "collaborators": 0, "villages": 1, "villages_with_collaborator": 0}, "body.full_time"},
	} {
		p := e.expectProblem(c.as, c.method, c.path, c.body, 422)
		if len(p.Errors) == 0 || p.Errors[0].Location != c.location {
			t.Errorf("%s %s: errors %+v, want one at %s", c.method, c.path, p.Errors, c.location)
		}
	}
}
