package gen

import (
	"fmt"
	"math/rand/v2"
	"time"

	"baove"
	"baove/budget"
	"baove/units"
)

// decision is a central allocation, or with a negative amount a
// correction, that gen proposes to the controls, recorded at at.
type decision struct {
	budget.NewAllocation
	at time.Time
}

// decisions draws the ministry's decisions for a province-year with central
// lines: one in the first quarter (sometimes a second in summer), now and
// then a correction. It returns them with the day of the first, from which
// the province pays from its central lines (zero without one).
func (g *generator) decisions(r *rand.Rand, ps *planSet) ([]decision, baove.Date) {
	planned := centralPlanned(ps.counting())
	first := baove.NewDate(ps.year, 1, 10).AddDays(r.IntN(80))
	if planned == 0 || ps.scenario == draft || first.After(g.yesterday) {
		return nil, baove.Date{}
	}
	amount := max(roundDown(float64(planned)*between(r, 0.85, 1.1), 1_000_000), 1_000_000)
	second := int64(0)
	if chance(r, 0.3) {
		amount, second = roundDown(float64(amount)*0.7, 1_000_000), amount-roundDown(float64(amount)*0.7, 1_000_000)
	}
	out := []decision{allocation(r, ps, amount, first)}
	if on := baove.NewDate(ps.year, 6, 1).AddDays(r.IntN(100)); second > 0 && !on.After(g.yesterday) {
		out = append(out, allocation(r, ps, second, on))
	}
	if on := baove.NewDate(ps.year, 7, 1).AddDays(r.IntN(100)); chance(r, 0.1) && !on.After(g.yesterday) {
		cut := -max(roundDown(float64(amount)*between(r, 0.02, 0.08), 1_000_000), 1_000_000)
		d := newDecision(r, ps, cut, on)
		d.Reason = pick(r, correctionReasons)
		out = append(out, d)
	}
	return out, first
}

// allocation is an allocation decision of the ministry in charge of
// children: MOLISA until 2025, the Ministry of Health since.
func allocation(r *rand.Rand, ps *planSet, amount int64, on baove.Date) decision {
	ministry := "BYT"
	if ps.year < 2025 {
		ministry = "LĐTBXH"
	}
	d := newDecision(r, ps, amount, on)
	d.DecisionNo = fmt.Sprintf("%d/QĐ-%s", 100+r.IntN(3900), ministry)
	return d
}

// newDecision returns a decision of amount for the province-year of ps,
// made on day on.
func newDecision(r *rand.Rand, ps *planSet, amount int64, on baove.Date) decision {
	n := budget.NewAllocation{Province: units.ProvinceCode(ps.province.code), Year: ps.year, Amount: budget.VND(amount), DecidedOn: on}
	return decision{n, officeTime(r, on)}
}

// centralPlanned sums a version's central lines.
func centralPlanned(v *version) int64 {
	var sum int64
	for _, l := range v.lines {
		if l.FundingSource == budget.Central {
			sum += l.Amount
		}
	}
	return sum
}

// closing is the close of a budget year that gen proposes to the controls.
type closing struct {
	year        int
	disposition string
	on          baove.Date
	at          time.Time
}

// closing draws the close of a province's past budget year in February or
// March of the next, once the adjustment period is over, if that day has
// come (last year's is closed by three provinces in four): unspent central
// funds are carried over (three closes in five) or returned. It returns
// nil for a year that stays open.
func (g *generator) closing(p *province, year int) *closing {
	r := stream(g.o.Seed, "close", p.code, year)
	on := baove.NewDate(year+1, 2, 10).AddDays(r.IntN(50))
	if year < g.first || year >= g.last || on.After(g.yesterday) || (year == g.last-1 && !chance(r, 0.75)) {
		return nil
	}
	c := &closing{year: year, disposition: budget.CarryOver, on: on, at: officeTime(r, on)}
	if chance(r, 0.4) {
		c.disposition = budget.Return
	}
	return c
}

func maxDate(a, b baove.Date) baove.Date {
	if a.Before(b) {
		return b
	}
	return a
}
