package assessment_test

import (
	"slices"
	"testing"

	"strings"

	"baove"
	"baove/assessment"
	"baove/budget"
	"baove/i18n"
	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// passing returns facts that pass every check on 28 November 2026.
func passing() assessment.Facts {
	communes := []units.Commune{{Code: "00001", Name: "Xã An"}, {Code: "00002", Name: "Xã Bình"}}
	rows := []indicators.Staffing{{Commune: "00001", FullTime: 1}, {Commune: "00002", PartTime: 1}}
	return assessment.Facts{Year: 2026, Today: baove.NewDate(2026, 11, 28),
		Plan: plans.Standing{InForce: &plans.Content{Status: plans.Approved, Version: 1,
			Activities: map[string]int{"1.3": 2, "2.1": 1, "5.3": 1}}},
		Budget: summary(
			budget.SourceFigures{Source: budget.Central, Figures: budget.Figures{Planned: 500_000_000, Allocated: 500_000_000, Disbursed: 400_000_000}},
			budget.SourceFigures{Source: budget.Provincial, Figures: budget.Figures{Planned: 1_000_000_000, Allocated: 1_000_000_000, Disbursed: 1_000_000_000}}),
		Coverage:   indicators.NewCoverage("11", 2026, communes, rows),
		SignedScan: true,
		Reports: []indicators.Report{reportOf(1, indicators.OnTime, 0), reportOf(2, indicators.OnTime, 0),
			reportOf(3, indicators.OnTime, 0), reportOf(4, indicators.NotDue, 0)},
	}
}

// reportOf is CP_ABUSE_CASES of quarter q of 2026, in state.
func reportOf(q int, state indicators.ReportState, daysLate int) indicators.Report {
	p := indicators.Period{Year: 2026, Quarter: q}
	return indicators.Report{Indicator: indicators.AbuseCases, Period: p, DueOn: p.End().AddDays(15), State: state, DaysLate: daysLate}
}

// summary returns a budget summary of the approved plan's rows by source,
// with their totals and the central money on task area 1.3.
func summary(rows ...budget.SourceFigures) budget.Summary {
	s := budget.Summary{Province: "11", Year: 2026, Plan: &plans.Plan{Status: plans.Approved}}
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
	if c := s.Source(budget.Central); c.Planned != 0 || c.Disbursed != 0 {
		s.CentralByTaskArea = []budget.TaskAreaFigures{{TaskArea: plans.TaskArea{Code: "1.3", EligibleForCentralFunds: true},
			Planned: c.Planned, Disbursed: c.Disbursed}}
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
		f.Budget.Plan.Status = plans.Submitted
	},
	"LOCAL_BUDGET":      func(f *assessment.Facts) { f.Budget.BySource[1].Planned = 0 },
	"DISBURSEMENT_PACE": func(f *assessment.Facts) { f.Budget.Total.Disbursed = 800_000_000 },
	"CENTRAL_ELIGIBLE": func(f *assessment.Facts) {
		f.Budget.CentralByTaskArea = append(f.Budget.CentralByTaskArea, budget.TaskAreaFigures{TaskArea: plans.TaskArea{Code: "0"}, Planned: 50_000_000})
	},
	"CENTRAL_WITHIN_ALLOCATION": func(f *assessment.Facts) { f.Budget.BySource[0].Disbursed = 600_000_000 },
	"ABUSE_DATA":                func(f *assessment.Facts) { f.Reports[1] = reportOf(2, indicators.Missing, 135) },
	"SIGNED_PLAN":               func(f *assessment.Facts) { f.SignedScan = false },
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

// collateral are the checks that a broken check takes with it: without a
// plan in force, its content does not count and nothing can be paid.
var collateral = map[string]map[string]assessment.CheckStatus{
	"PLAN_APPROVED": {"HOTLINE_ACTIVITY": assessment.Fail, "COORDINATION_ACTIVITY": assessment.Fail, "ACTION_MONTH_ACTIVITY": assessment.Fail,
		"LOCAL_BUDGET": assessment.Fail, "DISBURSEMENT_PACE": assessment.NotApplicable, "SIGNED_PLAN": assessment.NotApplicable},
}

// broken is what each check says when failing breaks it on 28 November
// 2026: behind pace and a commune without a worker while the year runs are
// warnings, not failures, and so is a plan in force without its signed
// scan.
var broken = map[string]assessment.CheckStatus{"DISBURSEMENT_PACE": assessment.Warn, "COMMUNE_WORKERS": assessment.Warn,
	"SIGNED_PLAN": assessment.Warn}

func TestChecks_EachPassesAndFails(t *testing.T) {
	for _, c := range assessment.Checks() {
		t.Run(c.Code+"/pass", func(t *testing.T) {
			if r := result(t, passing(), c.Code); r.Status != assessment.Pass {
				t.Errorf("%s: %s (%s), want pass", c.Code, r.Status, r.Evidence.Text(i18n.EN))
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
			if w, ok := broken[c.Code]; ok {
				want = w
			}
			if r := result(t, f, c.Code); r.Status != want {
				t.Errorf("%s: %s (%s), want %s", c.Code, r.Status, r.Evidence.Text(i18n.EN), want)
			}
			for _, r := range assessment.Evaluate(f) {
				also, expected := collateral[c.Code][r.Code]
				if r.Code != c.Code && r.Status != assessment.Pass && (!expected || r.Status != also) {
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

func TestAbuseData_NamesTheLateAndMissingValuesAndWaitsForTheFirstDueDate(t *testing.T) {
	f := passing()
	f.Reports[1], f.Reports[2] = reportOf(2, indicators.Missing, 135), reportOf(3, indicators.Late, 18)
	r := result(t, f, "ABUSE_DATA")
	want := []assessment.Item{{Code: "CP_ABUSE_CASES/2026-Q2", State: indicators.Missing, DaysLate: 135},
		{Code: "CP_ABUSE_CASES/2026-Q3", State: indicators.Late, DaysLate: 18}}
	if r.Status != assessment.Fail || !slices.Equal(r.Evidence.Items, want) {
		t.Errorf("a missing and a late quarter: %s, items %v; want fail naming both", r.Status, r.Evidence.Items)
	}
	for lang, text := range map[i18n.Lang]string{i18n.VI: "quý III/2026 (muộn 18 ngày so với hạn 15/10/2026)",
		i18n.EN: "CP_ABUSE_CASES for Q2 2026 (due 15 July 2026, 135 days overdue)"} {
		if got := r.Evidence.Text(lang); !strings.Contains(got, text) {
			t.Errorf("%s evidence %q does not say %q", lang, got, text)
		}
	}
	f.Reports[1] = reportOf(2, indicators.OnTime, 0)
	if r := result(t, f, "ABUSE_DATA"); r.Status != assessment.Warn || len(r.Evidence.Items) != 1 {
		t.Errorf("only a late quarter: %s %v, want a warning naming it", r.Status, r.Evidence.Items)
	}
	f.Today, f.Reports = baove.NewDate(2026, 4, 15), []indicators.Report{reportOf(1, indicators.NotDue, 0)}
	if r := result(t, f, "ABUSE_DATA"); r.Status != assessment.NotApplicable {
		t.Errorf("on 15 April, the first quarter not yet due: %s, want not_applicable", r.Status)
	}
}

func TestSignedPlan_WarnsWithoutTheScanAndWaitsForAPlanInForce(t *testing.T) {
	f := passing()
	f.SignedScan = false
	r := result(t, f, "SIGNED_PLAN")
	if r.Status != assessment.Warn || !strings.Contains(r.Evidence.Text(i18n.VI), "chưa đính kèm bản scan có chữ ký") ||
		!strings.Contains(r.Evidence.Text(i18n.EN), "signed and sealed scan") {
		t.Errorf("no scan: %s %q / %q, want a warning in both languages", r.Status, r.Evidence.Text(i18n.VI), r.Evidence.Text(i18n.EN))
	}
	f.Plan = plans.Standing{Pending: f.Plan.InForce}
	if r := result(t, f, "SIGNED_PLAN"); r.Status != assessment.NotApplicable {
		t.Errorf("no plan in force: %s, want not_applicable", r.Status)
	}
}

// TestChecks_WithNothingToCheckAreNotApplicable is issue 13's third case:
// "central funds only on eligible task areas" passed for provinces with no
// plan and no money.
func TestChecks_WithNothingToCheckAreNotApplicable(t *testing.T) {
	f := passing()
	f.Budget = summary()
	for code, want := range map[string]assessment.CheckStatus{"DISBURSEMENT_PACE": assessment.NotApplicable,
		"CENTRAL_WITHIN_ALLOCATION": assessment.NotApplicable, "CENTRAL_ELIGIBLE": assessment.NotApplicable,
		"LOCAL_BUDGET": assessment.Fail, "COMMUNE_WORKERS": assessment.Pass, "ABUSE_DATA": assessment.Pass} {
		if r := result(t, f, code); r.Status != want {
			t.Errorf("%s: %s, want %s", code, r.Status, want)
		}
	}
	f.Plan, f.Budget = plans.Standing{}, budget.Summary{}
	f.Coverage = indicators.NewCoverage("11", 2026, nil, nil)
	f.Today, f.Reports, f.SignedScan = baove.NewDate(2026, 2, 1), nil, false
	for _, r := range assessment.Evaluate(f) {
		if r.Status == assessment.Pass {
			t.Errorf("%s passes with no plan, no money, no commune, no quarter over: %s", r.Code, r.Evidence.Text(i18n.EN))
		}
	}
}

// TestChecks_JudgeThePlanInForceOnly is issue 13's third case: checks 1.3,
// 2.1, 5.3 and the local budget passed on a plan only submitted or
// returned, and the pace check warned a province that could not pay.
func TestChecks_JudgeThePlanInForceOnly(t *testing.T) {
	for _, status := range []plans.Status{plans.Submitted, plans.Returned, plans.Draft} {
		f := passing()
		f.Plan = plans.Standing{Pending: f.Plan.InForce}
		f.Plan.Pending.Status, f.Budget.Plan.Status = status, status
		want := map[string]assessment.CheckStatus{"HOTLINE_ACTIVITY": assessment.Fail, "COORDINATION_ACTIVITY": assessment.Fail,
			"ACTION_MONTH_ACTIVITY": assessment.Fail, "LOCAL_BUDGET": assessment.Fail, "PLAN_APPROVED": assessment.Fail,
			"DISBURSEMENT_PACE": assessment.NotApplicable}
		for code, w := range want {
			r := result(t, f, code)
			if r.Status != w {
				t.Errorf("%s plan, %s: %s (%s), want %s", status, code, r.Status, r.Evidence.Text(i18n.EN), w)
			}
			if code != "DISBURSEMENT_PACE" && !slices.Contains(r.Evidence.Figures, assessment.Figure{Name: "pending_status", Value: string(status)}) {
				t.Errorf("%s plan, %s: evidence %v does not name the plan waiting", status, code, r.Evidence.Figures)
			}
		}
	}
	f := passing()
	f.Plan.Pending = &plans.Content{Version: 2, Status: plans.Draft}
	if r := result(t, f, "HOTLINE_ACTIVITY"); r.Status != assessment.Pass || !strings.Contains(r.Evidence.Text(i18n.EN), "revision (version 2, draft)") {
		t.Errorf("a revision under way beside the plan in force: %s (%s)", r.Status, r.Evidence.Text(i18n.EN))
	}
}

// TestCommuneWorkers_SaysWhenNothingWasReported is issue 13's second case:
// "102 of 102 communes have no worker" for a province that recorded no
// staffing at all.
func TestCommuneWorkers_SaysWhenNothingWasReported(t *testing.T) {
	f := passing()
	communes := []units.Commune{{Code: "00001", Name: "Xã An"}, {Code: "00002", Name: "Xã Bình"}}
	f.Coverage = indicators.NewCoverage("11", 2026, communes, nil)
	r := result(t, f, "COMMUNE_WORKERS")
	if r.Status != assessment.Fail || len(r.Evidence.Items) != 0 || !strings.HasPrefix(r.Evidence.Text(i18n.VI), "Chưa có số liệu") ||
		strings.Contains(r.Evidence.Text(i18n.EN), "have no child-protection worker") {
		t.Errorf("no staffing recorded: %s, %q / %q, items %v; want a failure for want of a report, naming no commune", r.Status, r.Evidence.Text(i18n.VI), r.Evidence.Text(i18n.EN), r.Evidence.Items)
	}
}

// TestCommuneWorkers_AgreesWithProgress is issue 13's fourth case: the
// figure that progress calls at risk while the year runs is a warning, and
// once the year is over both say not achieved.
func TestCommuneWorkers_AgreesWithProgress(t *testing.T) {
	f := passing()
	failing["COMMUNE_WORKERS"](&f)
	a := assessment.Actual{Measure: f.Coverage.Workers(), Year: 2026}
	target := assessment.Target{Value: d("100")}
	for _, c := range []struct {
		today  baove.Date
		status assessment.Status
		check  assessment.CheckStatus
	}{{baove.NewDate(2026, 11, 28), assessment.AtRisk, assessment.Warn}, {baove.NewDate(2027, 1, 5), assessment.NotAchieved, assessment.Fail}} {
		f.Today = c.today
		got := assessment.StatusOf(indicators.Higher, target, &a, assessment.Closed(2026, c.today))
		if r := result(t, f, "COMMUNE_WORKERS"); got != c.status || r.Status != c.check {
			t.Errorf("on %s: progress %s and check %s, want %s and %s", c.today, got, r.Status, c.status, c.check)
		}
	}
}

// TestCentralEligible_JudgesTheYearsEligibility is issue 13's seventh case:
// an administrator's change from 2027 on leaves 2026's check as it was.
func TestCentralEligible_JudgesTheYearsEligibility(t *testing.T) {
	f := passing()
	f.Budget.CentralByTaskArea[0].TaskArea.Eligibility = []plans.Eligibility{{FromYear: 2016, ToYear: 2026, Eligible: true}, {FromYear: 2027, Eligible: false}}
	if r := result(t, f, "CENTRAL_ELIGIBLE"); r.Status != assessment.Pass {
		t.Errorf("2026, eligible until 2026: %s (%s)", r.Status, r.Evidence.Text(i18n.EN))
	}
	f.Year = 2027
	if r := result(t, f, "CENTRAL_ELIGIBLE"); r.Status != assessment.Fail {
		t.Errorf("2027, not eligible from 2027: %s (%s)", r.Status, r.Evidence.Text(i18n.EN))
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

// A task area the central-funds check names reads in the reader's
// language: its Vietnamese name for a Vietnamese reader, its English name
// for an English one.
func TestCentralEligible_NamesTheTaskAreaInTheReadersLanguage(t *testing.T) {
	f := passing()
	f.Budget.CentralByTaskArea = append(f.Budget.CentralByTaskArea, budget.TaskAreaFigures{Planned: 50_000_000,
		TaskArea: plans.TaskArea{Code: "0", NameVI: "Nhiệm vụ khác", NameEN: "Other work"}})
	r := result(t, f, "CENTRAL_ELIGIBLE")
	if r.Status != assessment.Fail || len(r.Evidence.Items) != 1 {
		t.Fatalf("an ineligible area: %s, items %+v", r.Status, r.Evidence.Items)
	}
	it := r.Evidence.Items[0]
	if it.NameIn(i18n.VI) != "Nhiệm vụ khác" || it.NameIn(i18n.EN) != "Other work" {
		t.Errorf("the area reads %q in Vietnamese and %q in English", it.NameIn(i18n.VI), it.NameIn(i18n.EN))
	}
}
