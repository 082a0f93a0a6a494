package budget_test

import (
	"testing"

	"baove"
	"baove/access"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/plans"
)

// reconciles fails unless every table of sum adds up to its totals: the
// rows by source to Total, the rows by task area to Total's planned and
// disbursed, the central rows by task area to the central row's; and
// remaining is allocated − disbursed on every row.
func reconciles(t *testing.T, sum budget.Summary) {
	t.Helper()
	var bySource budget.Figures
	for _, r := range sum.BySource {
		bySource.Planned, bySource.Allocated, bySource.Disbursed = bySource.Planned+r.Planned, bySource.Allocated+r.Allocated, bySource.Disbursed+r.Disbursed
		if r.Remaining != r.Allocated-r.Disbursed {
			t.Errorf("%s: remaining %d of %d allocated, %d disbursed", r.Source, r.Remaining, r.Allocated, r.Disbursed)
		}
	}
	if bySource.Planned != sum.Total.Planned || bySource.Allocated != sum.Total.Allocated || bySource.Disbursed != sum.Total.Disbursed ||
		sum.Total.Remaining != sum.Total.Allocated-sum.Total.Disbursed {
		t.Errorf("by source %+v, total %+v", bySource, sum.Total)
	}
	for _, c := range []struct {
		rows []budget.TaskAreaFigures
		want budget.Figures
	}{{sum.ByTaskArea, sum.Total}, {sum.CentralByTaskArea, sum.Source(budget.Central)}} {
		var planned, disbursed budget.VND
		for _, r := range c.rows {
			planned, disbursed = planned+r.Planned, disbursed+r.Disbursed
		}
		if planned != c.want.Planned || disbursed != c.want.Disbursed {
			t.Errorf("task areas plan %d and disburse %d, their totals row %d and %d", planned, disbursed, c.want.Planned, c.want.Disbursed)
		}
	}
}

// TestSummary_EveryTableAddsUpToItsTotals is issue 13's fifth case: by task
// area, "allocated" was the plan's amount even for central money, so the
// rows summed to more than the total, and the table had no totals row.
func TestSummary_EveryTableAddsUpToItsTotals(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 900_000_000, 500_000_000, 700_000_000)
		for _, l := range []budget.Line{f.central, f.provinial, f.central} {
			if _, err := f.pay(l, 120_000_000); err != nil {
				t.Fatal(err)
			}
		}
		sum, err := f.budget.Summary(ctx, reviewer, "01", 2026)
		if err != nil {
			t.Fatal(err)
		}
		reconciles(t, sum)
		c := sum.Source(budget.Central)
		if !sum.InForce() || c.Planned != 900_000_000 || c.Allocated != 700_000_000 || c.Remaining != 460_000_000 || sum.Central.Remaining != c.Remaining {
			t.Errorf("central row %+v, central funds %+v: want 900,000,000 planned, 700,000,000 allocated, 460,000,000 remaining", c, sum.Central)
		}
		if len(sum.CentralByTaskArea) != 1 || sum.CentralByTaskArea[0].TaskArea.Code != "1.3" || sum.CentralByTaskArea[0].Disbursed != 240_000_000 {
			t.Errorf("central by task area %+v", sum.CentralByTaskArea)
		}
	})
}

var plannerDB = access.Caller{Username: "planner.dienbien", Role: access.Planner, Province: "11"}

// TestSummary_APlanNotInForceAllocatesNothing is issue 13's fifth case: a
// plan only submitted or returned was printed as allocated.
func TestSummary_APlanNotInForceAllocatesNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 900_000_000, 500_000_000, 700_000_000)
		_, err := f.plans.Revise(ctx, plannerHN, f.plan.ID)
		f.check(err)
		sum, err := f.budget.Summary(ctx, reviewer, "01", 2026)
		f.check(err)
		if sum.Plan.ID != f.plan.ID || sum.Source(budget.Provincial).Allocated != 500_000_000 {
			t.Errorf("with a revision under way, the plan in force counts: plan %d, provincial %+v", sum.Plan.ID, sum.Source(budget.Provincial))
		}
		p, err := f.plans.Create(ctx, plannerDB, plans.NewPlan{Province: "11", Year: 2026, Title: "Kế hoạch 2026"})
		f.check(err)
		_, a, err := f.plans.AddActivity(ctx, plannerDB, p.ID, plans.ActivityInput{TaskArea: "0", Title: "Quản lý chung"})
		f.check(err)
		_, _, err = f.budget.AddLine(ctx, plannerDB, p.ID, budget.LineInput{ActivityID: a.ID, FundingSource: budget.Provincial, Amount: 300_000_000})
		f.check(err)
		sum, err = f.budget.Summary(ctx, reviewer, "11", 2026)
		f.check(err)
		reconciles(t, sum)
		if prov := sum.Source(budget.Provincial); sum.InForce() || prov.Planned != 300_000_000 || prov.Allocated != 0 || sum.Total.Rate.Valid {
			t.Errorf("a draft's provincial row %+v, rate %v: want planned, not allocated, and no rate", prov, sum.Total.Rate)
		}
	})
}

// TestSummary_AnUnknownProvinceIsNotFound is issue 13's eighth case:
// GET /provinces/99/budget/2027 answered 200 with zeros.
func TestSummary_AnUnknownProvinceIsNotFound(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 1_000_000, 0)
		if _, err := f.budget.Summary(ctx, reviewer, "99", 2027); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("province 99: %v, want ENOTFOUND", err)
		}
	})
}
