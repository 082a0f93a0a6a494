package indicators_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"

	"baove"
	"baove/access"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
	"baove/units"
)

// fakePlans and fakeBudget stand in for the plans and budget packages:
// facts by province; a province without facts has no plan (ENOTFOUND).
type fakePlans map[units.ProvinceCode]indicators.PlanFacts

func (f fakePlans) PlanFacts(_ context.Context, p units.ProvinceCode, _ int) (indicators.PlanFacts, error) {
	if pf, ok := f[p]; ok {
		return pf, nil
	}
	return indicators.PlanFacts{}, baove.Errorf(baove.ENOTFOUND, "no plan")
}

func (f fakePlans) YearPlanFacts(_ context.Context, _ int) (map[units.ProvinceCode]indicators.PlanFacts, error) {
	return f, nil
}

type fakeBudget map[units.ProvinceCode]indicators.BudgetFacts

func (f fakeBudget) BudgetFacts(_ context.Context, p units.ProvinceCode, _ int) (indicators.BudgetFacts, error) {
	return f[p], nil
}

func (f fakeBudget) YearBudgetFacts(_ context.Context, _ int) (map[units.ProvinceCode]indicators.BudgetFacts, error) {
	return f, nil
}

// TestCompliance_PassesAndFailsEveryCheckFromStoredDataAndBothSources sets
// up Điện Biên (11) to pass every check and Lai Châu (12) to fail every one,
// through the store and fake sources, on 28 November 2026.
func TestCompliance_PassesAndFailsEveryCheckFromStoredDataAndBothSources(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		staff(t, s, db, "11", 2026)
		staff(t, s, db, "12", 2026, 5)
		for _, q := range []string{"2026-Q1", "2026-Q2", "2026-Q3"} {
			report(t, s, "11", indicators.AbuseCases, q, count(6))
		}
		report(t, s, "12", indicators.AbuseCases, "2026-Q1", count(3))
		report(t, s, "12", indicators.AbuseCases, "2026", count(3)) // a yearly figure is not quarterly data
		good := passing()
		plans := fakePlans{"11": *good.Plan, "12": {Exists: true, Status: "draft", Activities: map[string]int{"4.1": 3}}}
		budget := fakeBudget{"11": *good.Budget, "12": {Planned: map[indicators.FundingSource]int64{indicators.CentralFunds: 9e8},
			CentralIneligible: []indicators.TaskAreaMoney{{TaskArea: "0", Planned: 1e8}},
			CentralAllocated:  5e8, CentralDisbursed: 6e8, Allocated: 5e8, Disbursed: 1e8}}
		a := indicators.NewAssessor(s, plans, budget)
		for p, want := range map[units.ProvinceCode]indicators.CheckStatus{"11": indicators.Pass, "12": indicators.Fail} {
			c, err := a.Compliance(ctx, reviewer, p, 2026)
			if err != nil || len(c.Results) != len(indicators.Checks()) || c.Today != baove.NewDate(2026, 11, 28) {
				t.Fatalf("%s: %d results as of %s, %v", p, len(c.Results), c.Today, err)
			}
			for _, r := range c.Results {
				if r.Status != want && !(r.Code == "DISBURSEMENT_PACE" && r.Status == indicators.Warn) {
					t.Errorf("%s %s: %s (%s), want %s", p, r.Code, r.Status, r.Evidence.EN, want)
				}
			}
		}
	})
}

func TestCompliance_WithoutSourcesAnswersNotApplicableAndChecksTheCallerFirst(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		a := indicators.NewAssessor(newStore(db), nil, nil)
		c, err := a.Compliance(ctx, plannerOf("11"), "11", 2026)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range c.Results {
			if want := indicators.NotApplicable; r.Code != "COMMUNE_WORKERS" && r.Code != "ABUSE_DATA" && r.Status != want {
				t.Errorf("%s without sources: %s, want %s", r.Code, r.Status, want)
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
		s := newStore(db)
		staff(t, s, db, "11", 2026)
		report(t, s, "11", "CP_CSS_RATE", "2026-Q1", ratio(96, 2000))  // 4.8 %
		report(t, s, "11", "CP_CSS_RATE", "2026-Q2", ratio(104, 2000)) // 5.2 %: the latest quarter stands for the year
		report(t, s, "11", "CP_CHILD_LABOUR", "2026-Q3", ratio(90, 1000))
		report(t, s, "11", "CP_CHILD_LABOUR", "2026", ratio(30, 1000)) // the yearly figure beats any quarter
		targets := map[indicators.Code]decimal.Decimal{"CP_CSS_RATE": d("5"), "CP_CHILD_LABOUR": d("4.9"),
			"CP_STAFF_TRAINED": d("100"), indicators.CommuneWorker: d("100")}
		plans := fakePlans{"11": {Exists: true, Status: "approved", Approved: true, Targets: targets}}
		pp, err := indicators.NewAssessor(s, plans, nil).Progress(ctx, plannerOf("11"), "11", 2026)
		if err != nil {
			t.Fatal(err)
		}
		want := map[indicators.Code]indicators.Status{
			indicators.CommuneWorker: indicators.OnTrack, // 45 of 45 communes, from staffing
			"CP_CSS_RATE":            indicators.AtRisk,  // lower is better: 5.2 against 5
			"CP_CHILD_LABOUR":        indicators.OnTrack, // lower is better: 3 under 4.9
			"CP_STAFF_TRAINED":       indicators.NoData,
			"CP_SWC":                 indicators.NoData, // no plan target: the national one, every year
		}
		if len(pp.Items) != len(want) || pp.PlanStatus != "approved" {
			t.Fatalf("plan %q, %d items, want approved and %d: %+v", pp.PlanStatus, len(pp.Items), len(want), pp.Items)
		}
		for _, it := range pp.Items {
			if it.Status != want[it.Indicator.Code] {
				t.Errorf("%s: %s, want %s", it.Indicator.Code, it.Status, want[it.Indicator.Code])
			}
		}
		if css := pp.Items[2]; css.Indicator.Code != "CP_CSS_RATE" || css.Actual.Period.Quarter != 2 || css.Target.Source != indicators.FromPlan {
			t.Errorf("CP_CSS_RATE: figure of %s from a %s target, want 2026-Q2 against the plan", css.Actual.Period, css.Target.Source)
		}
	})
}

func TestNationalProgress_RollsUpSumOverSumNotAnAverage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		report(t, s, "01", "CP_CSS_SUPPORTED", "2026", ratio(1, 2))    // 50 %
		report(t, s, "79", "CP_CSS_SUPPORTED", "2026", ratio(99, 100)) // 99 %: the average would be 74.50
		staff(t, s, db, "11", 2026, 0, 1, 2, 3, 4)                     // 40 of 45: 88.89 %
		cs := communes(t, db, "12", 2026)
		vacant := make([]int, len(cs)/2)
		for i := range vacant {
			vacant[i] = i
		}
		staff(t, s, db, "12", 2026, vacant...) // 19 of 38: 50 %
		a := indicators.NewAssessor(s, nil, nil)
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
		s := newStore(db)
		staff(t, s, db, "11", 2026, 0, 3)
		staff(t, s, db, "12", 2026)
		report(t, s, "11", "CP_CSS_RATE", "2026-Q2", ratio(104, 2000))
		report(t, s, "12", indicators.AbuseCases, "2026-Q3", count(4))
		plans := fakePlans{"11": {Exists: true, Status: "approved", Approved: true,
			Targets: map[indicators.Code]decimal.Decimal{"CP_CSS_RATE": d("5"), indicators.CommuneWorker: d("100")}},
			"12": {Exists: true, Status: "draft"}}
		a := indicators.NewAssessor(s, plans, nil)
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
