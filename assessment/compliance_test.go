package assessment_test

import (
	"slices"
	"testing"

	"baove"
	"baove/assessment"
	"baove/budget"
	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// passing returns facts that pass every check on 28 November 2026.
func passing() assessment.Facts {
	communes := []units.Commune{{Code: "00001", Name: "Xã An"}, {Code: "00002", Name: "Xã Bình"}}
	rows := []indicators.Staffing{{Commune: "00001", FullTime: 1}, {Commune: "00002", PartTime: 1}}
	return assessment.Facts{Year: 2026, Today: baove.NewDate(2026, 11, 28),
		Plan: plans.Standing{InForce: &plans.Content{Status: plans.Approved,
			Activities: map[string]int{"1.3": 2, "2.1": 1, "5.3": 1}}},
		Budget: summary(
			budget.SourceFigures{Source: budget.Central, Figures: budget.Figures{Planned: 500_000_000, Allocated: 500_000_000, Disbursed: 400_000_000}},
			budget.SourceFigures{Source: budget.Provincial, Figures: budget.Figures{Planned: 1_000_000_000, Allocated: 1_000_000_000, Disbursed: 1_000_000_000}}),
		Coverage:      indicators.NewCoverage("11", 2026, communes, rows),
		AbuseQuarters: []int{1, 2, 3},
	}
}

// summary returns a budget summary of the rows by source, with their
// totals.
func summary(rows ...budget.SourceFigures) budget.Summary {
	s := budget.Summary{Province: "11", Year: 2026}
	for _, src := range budget.Sources {
		r := budget.SourceFigures{Source: src}
		for _, given := range rows {
			if given.Source == src {
				r = given
			}
		}
		s.BySource = append(s.BySource, r)
		s.Total.Planned += r.Planned
		s.Total.Allocated += r.Allocated
		s.Total.Disbursed += r.Disbursed
	}
	return s
}

// failing breaks, for each check, exactly what the check looks at.
var failing = map[string]func(f *assessment.Facts){
	"HOTLINE_ACTIVITY":      func(f *assessment.Facts) { delete(f.Plan.InForce.Activities, "1.3") },
	"COORDINATION_ACTIVITY": func(f *assessment.Facts) { delete(f.Plan.InForce.Activities, "2.1") },
	"ACTION_MONTH_ACTIVITY": func(f *assessment.Facts) { delete(f.Plan.InForce.Activities, "5.3") },
	"COMMUNE_WORKERS": func(f *assessment.Facts) {
		f.Coverage = indicators.NewCoverage("11", 2026, []units.Commune{{Code: "00001", Name: "Xã An"}, {Code: "00002", Name: "Xã Bình"}},
			[]indicators.Staffing{{Commune: "00001", FullTime: 1}})
	},
	"PLAN_APPROVED": func(f *assessment.Facts) {
		f.Plan.InForce.Status = plans.Submitted
		f.Plan.InForce, f.Plan.Pending = nil, f.Plan.InForce
	},
	"LOCAL_BUDGET":      func(f *assessment.Facts) { f.Budget.BySource[1].Planned = 0 },
	"DISBURSEMENT_PACE": func(f *assessment.Facts) { f.Budget.Total.Disbursed = 800_000_000 },
	"CENTRAL_ELIGIBLE": func(f *assessment.Facts) {
		f.Budget.CentralByTaskArea = []budget.TaskAreaFigures{{TaskArea: plans.TaskArea{Code: "0"}, Figures: budget.Figures{Planned: 50_000_000}}}
	},
	"CENTRAL_WITHIN_ALLOCATION": func(f *assessment.Facts) { f.Budget.BySource[0].Disbursed = 600_000_000 },
	"ABUSE_DATA":                func(f *assessment.Facts) { f.AbuseQuarters = []int{1, 3} },
}

func result(t *testing.T, f assessment.Facts, code string) assessment.Result {
	t.Helper()
	for _, r := range assessment.Evaluate(f) {
		if r.Code == code {
			return r
		}
	}
	t.Fatalf("no check %s", code)
	return assessment.Result{}
}

func TestChecks_EachPassesAndFails(t *testing.T) {
	for _, c := range assessment.Checks() {
		t.Run(c.Code+"/pass", func(t *testing.T) {
			if r := result(t, passing(), c.Code); r.Status != assessment.Pass {
				t.Errorf("%s: %s (%s), want pass", c.Code, r.Status, r.Evidence.EN)
			}
		})
		t.Run(c.Code+"/fail", func(t *testing.T) {
			breakIt, ok := failing[c.Code]
			if !ok {
				t.Fatalf("check %s has no failing case: add one", c.Code)
			}
			f := passing()
			breakIt(&f)
			want := assessment.Fail
			if c.Code == "DISBURSEMENT_PACE" {
				want = assessment.Warn // behind pace is a warning, not a failure
			}
			if r := result(t, f, c.Code); r.Status != want {
				t.Errorf("%s: %s (%s), want %s", c.Code, r.Status, r.Evidence.EN, want)
			}
			for _, r := range assessment.Evaluate(f) {
				if r.Code != c.Code && r.Status != assessment.Pass {
					t.Errorf("breaking %s also made %s %s", c.Code, r.Code, r.Status)
				}
			}
		})
	}
}

func TestCommuneWorkers_NamesTheUncoveredCommunes(t *testing.T) {
	f := passing()
	failing["COMMUNE_WORKERS"](&f)
	r := result(t, f, "COMMUNE_WORKERS")
	if want := []assessment.Item{{Code: "00002", Name: "Xã Bình"}}; !slices.Equal(r.Evidence.Items, want) {
		t.Errorf("items %v, want %v", r.Evidence.Items, want)
	}
	if !slices.Contains(r.Evidence.Figures, assessment.Figure{Name: "coverage_percent", Value: "50.00"}) {
		t.Errorf("figures %v lack coverage_percent 50.00", r.Evidence.Figures)
	}
}

func TestAbuseData_NamesTheMissingQuartersAndWaitsForTheFirstToEnd(t *testing.T) {
	f := passing()
	failing["ABUSE_DATA"](&f)
	if r := result(t, f, "ABUSE_DATA"); len(r.Evidence.Items) != 1 || r.Evidence.Items[0].Code != "2026-Q2" {
		t.Errorf("missing %v, want 2026-Q2", r.Evidence.Items)
	}
	f.Today, f.AbuseQuarters = baove.NewDate(2026, 3, 31), nil
	if r := result(t, f, "ABUSE_DATA"); r.Status != assessment.NotApplicable {
		t.Errorf("on 31 March, before any quarter ended: %s, want not_applicable", r.Status)
	}
}

func TestChecks_WithoutMoneyTheMoneyChecksAreNotApplicable(t *testing.T) {
	f := passing()
	f.Budget = summary()
	for code, want := range map[string]assessment.CheckStatus{"DISBURSEMENT_PACE": assessment.NotApplicable,
		"CENTRAL_WITHIN_ALLOCATION": assessment.NotApplicable, "LOCAL_BUDGET": assessment.Fail,
		"COMMUNE_WORKERS": assessment.Pass, "ABUSE_DATA": assessment.Pass} {
		if r := result(t, f, code); r.Status != want {
			t.Errorf("%s: %s, want %s", code, r.Status, want)
		}
	}
}

func TestChecks_WithoutAPlanFailThePlanChecks(t *testing.T) {
	f := passing()
	f.Plan = plans.Standing{}
	for _, code := range []string{"PLAN_APPROVED", "HOTLINE_ACTIVITY", "COORDINATION_ACTIVITY", "ACTION_MONTH_ACTIVITY"} {
		if r := result(t, f, code); r.Status != assessment.Fail {
			t.Errorf("%s without a plan: %s, want fail", code, r.Status)
		}
	}
}

func TestExpectedPace_IsLinearOverTheYear(t *testing.T) {
	for _, c := range []struct {
		today baove.Date
		want  string
		ok    bool
	}{
		{baove.NewDate(2025, 12, 31), "0", false},
		{baove.NewDate(2026, 1, 1), "0.27", true},    // 1 day of 365
		{baove.NewDate(2026, 7, 2), "50.14", true},   // 183 of 365
		{baove.NewDate(2026, 11, 28), "90.96", true}, // 332 of 365
		{baove.NewDate(2026, 12, 31), "100.00", true},
		{baove.NewDate(2027, 1, 15), "100.00", true},
	} {
		got, ok := assessment.ExpectedPace(2026, c.today)
		if ok != c.ok || (ok && got.StringFixed(2) != c.want) {
			t.Errorf("on %s: %s %v, want %s %v", c.today, got.StringFixed(2), ok, c.want, c.ok)
		}
	}
}
