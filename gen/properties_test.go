package gen_test

import (
	"testing"

	"baove/assessment"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/i18n"
	"baove/indicators"
	"baove/plans"
)

// TestRun_TheNumbersAddUpAndNoCheckPassesWithoutData is issue 13's property
// test over a generated national dataset: for every province-year, every
// table of the budget summary sums to its totals row; every national figure
// is the sum over the provinces that reported it, and says how many did;
// no check passes, and no figure is achieved or on track, without the data
// it judges.
func TestRun_TheNumbersAddUpAndNoCheckPassesWithoutData(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		mustRun(t, db, small)
		s := wire(db)
		for year := 2024; year <= 2026; year++ {
			sums, err := s.Budget.YearFigures(ctx, reviewer, year)
			if err != nil {
				t.Fatal(err)
			}
			for p, sum := range sums {
				if msg := reconcile(sum); msg != "" {
					t.Errorf("%s/%d: %s", p, year, msg)
				}
			}
			n, err := s.Assessment.National(ctx, reviewer, year, sums)
			if err != nil {
				t.Fatal(err)
			}
			checkRollup(t, year, n.Progress)
			standings, err := s.Plans.YearStandings(ctx, year)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range n.Compliance {
				p := c.Province.Code
				d := data{plan: standings[p], sum: sums[p], cov: n.Coverage[p]}
				if d.quarters, err = s.Indicators.AbuseQuarters(ctx, p, year); err != nil {
					t.Fatal(err)
				}
				for _, r := range c.Results {
					if r.Status == assessment.Pass && !d.has(r.Code) {
						t.Errorf("%s/%d %s passes without data: %s", p, year, r.Code, r.Evidence.Text(i18n.EN))
					}
				}
			}
		}
	})
}

// reconcile says how sum's tables fail to add up to their totals, or "".
func reconcile(sum budget.Summary) string {
	var by budget.Figures
	for _, r := range sum.BySource {
		by.Planned, by.Allocated, by.Disbursed = by.Planned+r.Planned, by.Allocated+r.Allocated, by.Disbursed+r.Disbursed
		if r.Remaining != r.Allocated-r.Disbursed {
			return "a source's remaining is not allocated − disbursed"
		}
	}
	if by.Planned != sum.Total.Planned || by.Allocated != sum.Total.Allocated || by.Disbursed != sum.Total.Disbursed {
		return "the rows by source do not add up to the total"
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
			return "a table by task area does not add up to its totals row"
		}
	}
	if !sum.InForce() {
		for _, r := range sum.BySource[1:] {
			if r.Allocated != 0 {
				return "a plan not in force allocates the province's own money"
			}
		}
	}
	return ""
}

// checkRollup compares each national figure of an indicator with a
// national target (so every province has it among its items) with the sum
// over the provinces that have a figure.
func checkRollup(t *testing.T, year int, np assessment.NationalProgress) {
	t.Helper()
	for _, f := range np.Figures {
		if _, ok := f.Indicator.NationalTarget(year); !ok {
			continue
		}
		sum, reporting := indicators.Measure{Unit: f.Indicator.Unit}, 0
		for _, pp := range np.Provinces {
			for _, it := range pp.Items {
				if it.Indicator.Code != f.Indicator.Code {
					continue
				}
				if it.Actual != nil {
					sum, reporting = sum.Add(it.Actual.Measure), reporting+1
				} else if it.Status != assessment.NoData {
					t.Errorf("%s/%d %s is %s without a figure", pp.Province.Code, year, it.Indicator.Code, it.Status)
				}
			}
		}
		if f.Measure != sum || f.Provinces != reporting || f.Total != len(np.Provinces) {
			t.Errorf("%d %s: national %+v over %d/%d, provinces sum to %+v over %d", year, f.Indicator.Code, f.Measure, f.Provinces, f.Total, sum, reporting)
		}
		if reporting == 0 && f.Status != assessment.NoData {
			t.Errorf("%d %s: %s with no province reporting", year, f.Indicator.Code, f.Status)
		}
	}
}

// data is what a province-year holds that the checks judge.
type data struct {
	plan     plans.Standing
	sum      budget.Summary
	cov      indicators.Coverage
	quarters []int
}

// has reports whether d holds what check code needs to pass at all.
func (d data) has(code string) bool {
	central := d.sum.Source(budget.Central)
	switch code {
	case "HOTLINE_ACTIVITY", "COORDINATION_ACTIVITY", "ACTION_MONTH_ACTIVITY", "PLAN_APPROVED":
		return d.plan.InForce != nil
	case "COMMUNE_WORKERS":
		return d.cov.Recorded > 0
	case "LOCAL_BUDGET":
		return d.sum.InForce() && d.sum.Source(budget.Provincial).Planned+d.sum.Source(budget.Commune).Planned > 0
	case "DISBURSEMENT_PACE":
		return d.plan.InForce != nil && d.sum.Total.Allocated > 0
	case "CENTRAL_ELIGIBLE":
		return central.Disbursed != 0 || d.sum.InForce() && central.Planned != 0
	case "CENTRAL_WITHIN_ALLOCATION":
		return central.Disbursed != 0
	case "ABUSE_DATA":
		return len(d.quarters) > 0
	}
	return false
}
