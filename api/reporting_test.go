package api_test

import (
	"slices"
	"strings"
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

// reporting is GET /reporting/{period} as the tests read it.
type reporting struct {
	AsOf     string        `json:"as_of"`
	DueRules []api.DueRule `json:"due_rules"`
	Summary  api.ReportingSummary
	Items    []api.ProvinceReporting `json:"provinces"`
}

// state returns the state of province p and of its first item, with the
// item's days late.
func (r reporting) state(t *testing.T, p string) (string, api.ReportItem) {
	t.Helper()
	for _, pr := range r.Items {
		if pr.ProvinceCode == p && len(pr.Items) > 0 {
			return pr.Status, pr.Items[0]
		}
	}
	t.Fatalf("no province %s with an item due in %+v", p, r)
	return "", api.ReportItem{}
}

// TestReporting_ListsEveryProvinceWithItsState reads the demo's third
// quarter of 2026 on 28 November: Hà Nội reported it on time, TP Hồ Chí
// Minh 18 days late, Điện Biên not at all (44 days overdue), and the 31
// other provinces have reported nothing; TP Hồ Chí Minh's compliance says
// it was late.
func TestReporting_ListsEveryProvinceWithItsState(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		e.loadDemo()
		var r reporting
		e.mustDo("reviewer", "GET", "/api/v1/reporting/2026-Q3", nil, &r)
		codes := make([]string, len(r.Items))
		for i, pr := range r.Items {
			codes[i] = pr.ProvinceCode
		}
		if len(r.Items) != 34 || !slices.IsSorted(codes) || r.AsOf != "2026-11-28" || len(r.DueRules) != 1 {
			t.Fatalf("%d provinces in order %v as of %s, rules %v; want the 34 in code order", len(r.Items), slices.IsSorted(codes), r.AsOf, r.DueRules)
		}
		for p, want := range map[string]api.ReportItem{"01": {Status: "reported"}, "79": {Status: "late", DaysLate: 18},
			"11": {Status: "missing", DaysLate: 44}, "12": {Status: "missing", DaysLate: 44}} {
			status, it := r.state(t, p)
			if status != want.Status || it.Status != want.Status || it.DaysLate != want.DaysLate || it.DueOn != "2026-10-15" ||
				(it.ReportedAt == nil) != (want.Status == "missing") {
				t.Errorf("%s: %s %+v, want %s %d days late, due 2026-10-15", p, status, it, want.Status, want.DaysLate)
			}
		}
		if s := r.Summary; s.OnTime != 1 || s.Late != 1 || s.Missing != 32 || s.Completeness != "1/34" {
			t.Errorf("summary %+v, want 1 on time, 1 late, 32 missing: 1/34", s)
		}
		e.expectProblem("planner.hanoi", "GET", "/api/v1/reporting/2026-Q3", nil, 403)
		e.expectProblem("reviewer", "GET", "/api/v1/reporting/2026-Q5", nil, 422)
		var c struct{ Checks []api.ComplianceCheck }
		e.mustDo("planner.hcm", "GET", "/api/v1/provinces/79/compliance/2026", nil, &c)
		for _, chk := range c.Checks {
			if chk.Code != "ABUSE_DATA" {
				continue
			}
			items := chk.Evidence.Items
			if chk.Status != "warn" || len(items) != 1 || items[0].Code != "CP_ABUSE_CASES/2026-Q3" || items[0].State != "late" ||
				items[0].DaysLate != 18 || !strings.Contains(chk.Evidence.TextVI, "quý III/2026 (muộn 18 ngày") {
				t.Errorf("TP Hồ Chí Minh's 3.3: %s %+v", chk.Status, chk.Evidence)
			}
		}
	})
}

// TestReporting_DueDatesAreTheAdministrators: an administrator moves the
// quarterly due date, which judges the quarter anew, and takes an
// indicator off the calendar; no one else may, and the trail says who did.
func TestReporting_DueDatesAreTheAdministrators(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		e.loadDemo()
		var rules struct{ Items []api.DueRule }
		e.mustDo("planner.dienbien", "GET", "/api/v1/reporting/due-dates", nil, &rules)
		want := []api.DueRule{{"CP_ABUSE_RATE", "yearly", 31}, {"CP_ABUSE_CASES", "quarterly", 15}, {"CP_ABUSE_HANDLED", "yearly", 31}}
		if !slices.Equal(rules.Items, want) {
			t.Fatalf("calendar %+v, want %+v", rules.Items, want)
		}
		path := "/api/v1/reporting/due-dates/CP_ABUSE_CASES"
		e.expectProblem("reviewer", "PUT", path, map[string]any{"frequency": "quarterly", "days_after": 60}, 403)
		p := e.expectProblem("admin", "PUT", "/api/v1/reporting/due-dates/CP_COMMUNE_WORKER", map[string]any{"frequency": "yearly", "days_after": 31}, 422)
		if len(p.Errors) != 1 || p.Errors[0].Location != "indicator_code" {
			t.Errorf("a computed indicator: %+v, want 422 naming indicator_code", p)
		}
		e.mustDo("admin", "PUT", path, map[string]any{"frequency": "quarterly", "days_after": 60}, nil)
		var r reporting
		e.mustDo("reviewer", "GET", "/api/v1/reporting/2026-Q3", nil, &r)
		if s11, _ := r.state(t, "11"); s11 != "not_due" {
			t.Errorf("due 29 November, Điện Biên on the 28th: %s, want not_due", s11)
		}
		if s79, _ := r.state(t, "79"); s79 != "reported" {
			t.Errorf("due 29 November, TP Hồ Chí Minh reported on 2 November: %s, want reported", s79)
		}
		e.mustDo("admin", "DELETE", path, nil, nil)
		e.mustDo("reviewer", "GET", "/api/v1/reporting/2026-Q3", nil, &r)
		if len(r.DueRules) != 0 || r.Summary.NotDue != 34 {
			t.Errorf("no quarterly indicator: %+v, want nothing due", r.Summary)
		}
		var trail struct{ Items []api.AuditEntry }
		e.mustDo("admin", "GET", "/api/v1/audit?entity=due_rule", nil, &trail)
		if len(trail.Items) != 2 || trail.Items[0].Action != "due_rule.delete" || trail.Items[1].Action != "due_rule.set" {
			t.Errorf("trail %+v, want the change and the removal", trail.Items)
		}
	})
}
