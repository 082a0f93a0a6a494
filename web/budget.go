package web

import (
	"net/http"

	"github.com/shopspring/decimal"

	"baove"
	"baove/budget"
	"baove/exports"
	"baove/i18n"
)

// budgetView is what the year's budget page shows.
type budgetView struct {
	Year  int
	Today baove.Date
	Sum   budget.Summary
	// Expected is what an even pace would have disbursed of what is
	// planned by today (budget.ExpectedPace); Gap is what was disbursed
	// less that: negative when behind.
	Expected, Gap budget.VND
	Lines         []budget.PlanLine
	Months        budget.Months
	Chart         exports.BarChart
}

// budgetPage shows a province's budget of a year: the figures by source
// and by task area, the pace, the months, and the lines of the plan in
// force with what each has left.
func (s *Server) budgetPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, year, err := s.pageContext(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := viewerOf(ctx).Caller
	v := budgetView{Year: year, Today: s.svc.Clock.Today()}
	if v.Sum, err = s.svc.Budget.Summary(ctx, c, p, year); err == nil {
		v.Lines, _, err = s.svc.Budget.LinesInForce(ctx, c, p, year)
	}
	if err == nil {
		v.Months, err = s.svc.Budget.MonthlyDisbursed(ctx, c, p, year)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Expected = budget.ExpectedPace(v.Sum.Total.Planned, year, v.Today)
	v.Gap = v.Sum.Total.Disbursed - v.Expected
	v.Chart = monthsChart(r, v.Months, budget.ExpectedMonthly(v.Sum.Total.Planned))
	title := Tf(ctx, "web.budget.title", i18n.Args{"year": year})
	s.render(w, r, http.StatusOK, budgetPage(s.page(r, title), v))
}

// monthsChart is the chart of a year's disbursements by month against the
// even pace's month; the adjustment period has a bar only when something
// was paid in it.
func monthsChart(r *http.Request, m budget.Months, monthly budget.VND) exports.BarChart {
	ctx := r.Context()
	c := exports.BarChart{Kind: exports.Money, Target: decimal.NewNullDecimal(decimal.NewFromInt(int64(monthly)))}
	for i, v := range m {
		label := Tf(ctx, "web.budget.month", i18n.Args{"n": i + 1})
		if i == 12 {
			if v == 0 {
				break
			}
			label = T(ctx, "web.budget.adjustment")
		}
		c.Bars = append(c.Bars, exports.Bar{Label: label, Value: decimal.NewFromInt(int64(v))})
	}
	return c
}
