package demo_test

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"testing"

	"baove/access"
	"baove/app"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
	"baove/plans"
	"baove/units"
)

// deps are the services over db, on the tests' fixed clock.
func deps(db *database.DB) *app.Services { return app.MustNew(db, app.Config{Clock: dbtest.Clock}) }

func TestLoad_GivesEachProvincePlansInDifferentStatesAndIsIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		d := deps(db)
		if err := demo.Load(ctx, d, io.Discard); err != nil {
			t.Fatal(err)
		}
		if err := demo.Load(ctx, d, io.Discard); err != nil {
			t.Fatalf("second load: %v", err)
		}
		reviewer := access.Caller{Role: access.Reviewer}
		all, err := d.Plans.Plans(ctx, reviewer, plans.Filter{Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]plans.Status{}
		for _, p := range all {
			got[string(p.Province)+"v"+string(rune('0'+p.Version))] = p.Status
		}
		want := map[string]plans.Status{"01v1": plans.Approved, "01v2": plans.Submitted, "11v1": plans.Approved,
			"79v1": plans.Returned}
		if len(got) != len(want) {
			t.Fatalf("2026 plans %v, want %v", got, want)
		}
		for k, s := range want {
			if got[k] != s {
				t.Errorf("plan %s is %s, want %s", k, got[k], s)
			}
		}
		returned, _ := d.Plans.Plans(ctx, reviewer, plans.Filter{Province: "79", Year: 2026})
		p, err := d.Plans.Plan(ctx, reviewer, returned[0].ID)
		if err != nil || p.History[len(p.History)-1].Reason != demo.Reason {
			t.Fatalf("returned plan's last step: %+v (%v)", p.History, err)
		}
	})
}

// TestDemo_BudgetSummaryEqualsAHandComputation recomputes every demo
// province-year's summary from the raw rows, adding them up one by one in Go
// rather than with the store's SQL, and compares.
func TestDemo_BudgetSummaryEqualsAHandComputation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		d := deps(db)
		if err := demo.Load(ctx, d, io.Discard); err != nil {
			t.Fatal(err)
		}
		reviewer := access.Caller{Role: access.Reviewer}
		for _, province := range []string{"01", "11", "79"} {
			for _, year := range []int{2025, 2026} {
				sum, err := d.Budget.Summary(ctx, reviewer, units.ProvinceCode(province), year)
				if err != nil {
					t.Fatal(err)
				}
				hand := handSummary(t, db, province, year)
				for _, row := range sum.BySource {
					want := hand[string(row.Source)]
					if row.Planned != want.planned || row.Disbursed != want.disbursed || row.Allocated != want.allocated ||
						row.Remaining != want.allocated-want.disbursed {
						t.Errorf("%s/%d %s: summary %+v, by hand %+v", province, year, row.Source, row.Figures, want)
					}
				}
				var disbursed budget.VND
				for _, w := range hand {
					disbursed += w.disbursed
				}
				if sum.Total.Disbursed != disbursed || (year == 2025 && disbursed == 0) {
					t.Errorf("%s/%d: total disbursed %d, by hand %d", province, year, sum.Total.Disbursed, disbursed)
				}
			}
		}
	})
}

type handFigures struct{ planned, allocated, disbursed budget.VND }

func handSummary(t *testing.T, db *database.DB, province string, year int) map[string]handFigures {
	t.Helper()
	ctx := context.Background()
	out := map[string]handFigures{}
	var planID int64
	// The lines that count are those of the approved version, else the latest.
	rows, err := db.QueryContext(ctx, "SELECT id, status, version FROM plans WHERE province_code = '"+province+"' AND year = "+itoa(year))
	if err != nil {
		t.Fatal(err)
	}
	best, inForce := -1, false
	for rows.Next() {
		var id int64
		var status string
		var version int
		rows.Scan(&id, &status, &version)
		rank := version
		if status == "approved" {
			rank += 1000
		}
		if rank > best {
			best, planID, inForce = rank, id, status == "approved"
		}
	}
	rows.Close()
	each(t, db, "SELECT funding_source, amount FROM budget_lines WHERE plan_id = "+itoa(int(planID)), func(src string, amount int64) {
		f := out[src]
		f.planned += budget.VND(amount)
		if src != "central" && inForce { // only the plan in force allocates
			f.allocated += budget.VND(amount)
		}
		out[src] = f
	})
	each(t, db, "SELECT 'central', amount FROM allocations WHERE province_code = '"+province+"' AND year = "+itoa(year), func(src string, amount int64) {
		f := out[src]
		f.allocated += budget.VND(amount)
		out[src] = f
	})
	each(t, db, "SELECT funding_source, amount FROM disbursements WHERE province_code = '"+province+"' AND year = "+itoa(year), func(src string, amount int64) {
		f := out[src]
		f.disbursed += budget.VND(amount)
		out[src] = f
	})
	return out
}

func each(t *testing.T, db *database.DB, query string, fn func(string, int64)) {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		var n int64
		if err := rows.Scan(&s, &n); err != nil {
			t.Fatal(err)
		}
		fn(s, n)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestNational_ReadsJudgeAsEachProvincesOwn checks, on the demo, that the
// batched national reads answer for each province what its own reads do:
// the budget summaries and every compliance check.
func TestNational_ReadsJudgeAsEachProvincesOwn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		d := deps(db)
		if err := demo.Load(ctx, d, io.Discard); err != nil {
			t.Fatal(err)
		}
		reviewer := access.Caller{Role: access.Reviewer}
		a := d.Assessment
		for _, year := range []int{2025, 2026} {
			sums, err := d.Budget.YearFigures(ctx, reviewer, year)
			if err != nil {
				t.Fatal(err)
			}
			n, err := a.National(ctx, reviewer, year, nil)
			if err != nil || len(n.Compliance) != 34 {
				t.Fatalf("national compliance: %d provinces, %v", len(n.Compliance), err)
			}
			for _, nc := range n.Compliance {
				own, err := a.Compliance(ctx, reviewer, nc.Province.Code, year)
				if err != nil {
					t.Fatal(err)
				}
				for i, r := range own.Results {
					if nc.Results[i].Code != r.Code || nc.Results[i].Status != r.Status {
						t.Errorf("%s/%d %s: national %s, own %s", nc.Province.Code, year, r.Code, nc.Results[i].Status, r.Status)
					}
				}
				sum, err := d.Budget.Summary(ctx, reviewer, nc.Province.Code, year)
				if err != nil {
					t.Fatal(err)
				}
				if got := sums[nc.Province.Code]; fmt.Sprint(got.Total, got.BySource, got.ByTaskArea, got.Central) !=
					fmt.Sprint(sum.Total, sum.BySource, sum.ByTaskArea, sum.Central) {
					t.Errorf("%s/%d: national summary %+v, own %+v", nc.Province.Code, year, got.Total, sum.Total)
				}
			}
		}
	})
}
