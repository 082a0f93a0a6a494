package assessment_test

import (
	"reflect"
	"testing"

	"baove"
	"baove/access"
	"baove/assessment"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// TestCompliance_PassesAndFailsEveryCheckFromStoredData sets up Điện Biên
// (11) to pass every check and Lai Châu (12) to fail every one, through the
// stores, on 28 November 2026.
func TestCompliance_PassesAndFailsEveryCheckFromStoredData(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := services(db)
		staff(t, s, "11", 2026)
		staff(t, s, "12", 2026, 5)
		for _, q := range []string{"2026-Q1", "2026-Q2", "2026-Q3"} {
			report(t, s, "11", indicators.AbuseCases, q, count(6))
		}
		report(t, s, "12", indicators.AbuseCases, "2026-Q1", count(3))
		report(t, s, "12", indicators.AbuseCases, "2026", count(3)) // a yearly figure is not quarterly data
		_, good := makePlan(t, s, "11", 2026, planOf{state: "approved", lines: []line{
			{"1.3", budget.Central, 500_000_000}, {"2.1", budget.Provincial, 1_000_000_000}, {"5.3", budget.Provincial, 200_000_000}}})
		allocate(t, s, "11", 2026, 500_000_000)
		pay(t, s, "11", 2026, good[0], 480_000_000)
		pay(t, s, "11", 2026, good[1], 1_000_000_000)
		pay(t, s, "11", 2026, good[2], 200_000_000)
		// Lai Châu: a draft with central money on 4.1, which the
		// administrator then rules out for central funds, donors' money far
		// from spent, and central payments above the allocation, as if
		// recorded before the controls.
		makePlan(t, s, "12", 2026, planOf{state: "draft", lines: []line{{"4.1", budget.Central, 900_000_000}, {"4.3", budget.Other, 5_000_000_000}}})
		allocate(t, s, "12", 2026, 500_000_000)
		no := false
		_, err := s.Plans.UpdateTaskArea(ctx, access.System("test"), "4.1", plans.TaskAreaPatch{EligibleForCentralFunds: &no})
		must(t, err)
		_, err = db.NewRaw(`INSERT INTO ledger_totals (province_code, year, line_lineage, funding_source, task_area, amount, entries)
			VALUES ('12', 2026, 'legacy', 'central', '4.1', 600000000, 1)`).Exec(ctx)
		must(t, err)
		for p, want := range map[units.ProvinceCode]assessment.CheckStatus{"11": assessment.Pass, "12": assessment.Fail} {
			c, err := s.Assessment.Compliance(ctx, reviewer, p, 2026)
			if err != nil || len(c.Results) != len(assessment.Checks()) || c.Today != baove.NewDate(2026, 11, 28) {
				t.Fatalf("%s: %d results as of %s, %v", p, len(c.Results), c.Today, err)
			}
			for _, r := range c.Results {
				if r.Status != want && !(r.Code == "DISBURSEMENT_PACE" && r.Status == assessment.Warn) {
					t.Errorf("%s %s: %s (%s), want %s", p, r.Code, r.Status, r.Evidence.EN, want)
				}
			}
		}
	})
}

func TestCompliance_WithoutPlanOrMoneyFailsThePlanChecksAndChecksTheCallerFirst(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		a := services(db).Assessment
		c, err := a.Compliance(ctx, plannerOf("11"), "11", 2026)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]assessment.CheckStatus{"HOTLINE_ACTIVITY": assessment.Fail, "COORDINATION_ACTIVITY": assessment.Fail,
			"PLAN_APPROVED": assessment.Fail, "LOCAL_BUDGET": assessment.Fail, "DISBURSEMENT_PACE": assessment.NotApplicable,
			"CENTRAL_WITHIN_ALLOCATION": assessment.NotApplicable, "ACTION_MONTH_ACTIVITY": assessment.Fail}
		for _, r := range c.Results {
			if w, ok := want[r.Code]; ok && r.Status != w {
				t.Errorf("%s without a plan or money: %s, want %s", r.Code, r.Status, w)
			}
		}
		if _, err := a.Compliance(ctx, plannerOf("79"), "11", 1900); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("another province's planner: %v, want EFORBIDDEN before the bad year is noticed", err)
		}
		if _, err := a.Compliance(ctx, access.System("test"), "11", 2026); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("administrator: %v, want EFORBIDDEN", err)
		}
		if _, err := a.Progress(ctx, reviewer, "99", 2026); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("unknown province: %v, want ENOTFOUND", err)
		}
	})
}

func TestProgress_FollowsThePlanTargetsAndTheirDirection(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := services(db)
		staff(t, s, "11", 2026)
		report(t, s, "11", "CP_CSS_RATE", "2026-Q1", ratio(96, 2000))  // 4.8 %
		report(t, s, "11", "CP_CSS_RATE", "2026-Q2", ratio(104, 2000)) // 5.2 %: the latest quarter stands for the year
		report(t, s, "11", "CP_CHILD_LABOUR", "2026-Q3", ratio(90, 1000))
		report(t, s, "11", "CP_CHILD_LABOUR", "2026", ratio(30, 1000)) // the yearly figure beats any quarter
		makePlan(t, s, "11", 2026, planOf{state: "approved", lines: []line{{"1.1", budget.Provincial, 1_000_000}},
			targets: map[indicators.Code]string{"CP_CSS_RATE": "5", "CP_CHILD_LABOUR": "4.9", "CP_STAFF_TRAINED": "100"}})
		pp, err := s.Assessment.Progress(ctx, plannerOf("11"), "11", 2026)
		if err != nil {
			t.Fatal(err)
		}
		want := map[indicators.Code]assessment.Status{
			indicators.CommuneWorker: assessment.OnTrack, // 45 of 45 communes, from staffing
			"CP_CSS_RATE":            assessment.AtRisk,  // lower is better: 5.2 against 5
			"CP_CHILD_LABOUR":        assessment.OnTrack, // lower is better: 3 under 4.9
			"CP_STAFF_TRAINED":       assessment.NoData,
			"CP_SWC":                 assessment.NoData, // no plan target: the national one, every year
		}
		if len(pp.Items) != len(want) || pp.PlanStatus != "approved" {
			t.Fatalf("plan %q, %d items, want approved and %d: %+v", pp.PlanStatus, len(pp.Items), len(want), pp.Items)
		}
		for _, it := range pp.Items {
			if it.Status != want[it.Indicator.Code] {
				t.Errorf("%s: %s, want %s", it.Indicator.Code, it.Status, want[it.Indicator.Code])
			}
		}
		if css := pp.Items[2]; css.Indicator.Code != "CP_CSS_RATE" || css.Actual.Period.Quarter != 2 || css.Target.Source != assessment.FromPlan {
			t.Errorf("CP_CSS_RATE: figure of %s from a %s target, want 2026-Q2 against the plan", css.Actual.Period, css.Target.Source)
		}
	})
}

func TestNationalProgress_RollsUpSumOverSumNotAnAverage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := services(db)
		report(t, s, "01", "CP_CSS_SUPPORTED", "2026", ratio(1, 2))    // 50 %
		report(t, s, "79", "CP_CSS_SUPPORTED", "2026", ratio(99, 100)) // 99 %: the average would be 74.50
		staff(t, s, "11", 2026, 0, 1, 2, 3, 4)                         // 40 of 45: 88.89 %
		cs := communes(t, s, "12", 2026)
		vacant := make([]int, len(cs)/2)
		for i := range vacant {
			vacant[i] = i
		}
		staff(t, s, "12", 2026, vacant...) // 19 of 38: 50 %
		a := s.Assessment
		if _, err := a.NationalProgress(ctx, plannerOf("01"), 2026); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Fatalf("planner: %v, want EFORBIDDEN", err)
		}
		np, err := a.NationalProgress(ctx, reviewer, 2026)
		if err != nil || len(np.Provinces) != 34 {
			t.Fatalf("%d provinces, %v", len(np.Provinces), err)
		}
		want := map[indicators.Code]struct {
			value     string
			provinces int
		}{"CP_CSS_SUPPORTED": {"98.04", 2}, indicators.CommuneWorker: {"71.08", 2}}
		for _, f := range np.Figures {
			w, ok := want[f.Indicator.Code]
			if got, _ := f.Measure.Rounded(2); ok && (got.StringFixed(2) != w.value || f.Provinces != w.provinces) {
				t.Errorf("%s: %s over %d provinces, want %s (sum over sum) over %d", f.Indicator.Code, got.StringFixed(2), f.Provinces, w.value, w.provinces)
			}
		}
	})
}

func TestNationalProgress_GivesEachProvinceWhatItsOwnProgressGives(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := services(db)
		staff(t, s, "11", 2026, 0, 3)
		staff(t, s, "12", 2026)
		report(t, s, "11", "CP_CSS_RATE", "2026-Q2", ratio(104, 2000))
		report(t, s, "12", indicators.AbuseCases, "2026-Q3", count(4))
		makePlan(t, s, "11", 2026, planOf{state: "approved", lines: []line{{"1.1", budget.Provincial, 1_000_000}},
			targets: map[indicators.Code]string{"CP_CSS_RATE": "5"}})
		makePlan(t, s, "12", 2026, planOf{state: "draft", lines: []line{{"1.1", budget.Provincial, 1_000_000}}})
		a := s.Assessment
		np, err := a.NationalProgress(ctx, reviewer, 2026)
		if err != nil {
			t.Fatal(err)
		}
		for _, got := range np.Provinces {
			want, err := a.Progress(ctx, reviewer, got.Province.Code, 2026)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s in the roll-up:\n%+v\nalone:\n%+v (%v)", got.Province.Code, got, want, err)
			}
		}
	})
}
