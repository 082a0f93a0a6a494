package gen

import (
	"fmt"
	"math/rand/v2"
	"time"

	"baove"
	"baove/vn"
)

// carryIn is unspent central money that closing a year carried into the
// next (chuyển nguồn).
type carryIn struct {
	amount int64
	on     baove.Date
	at     time.Time
	from   int // the closed year
}

// central is a province-year's central support: its allocation ledger and
// what the disbursement ledger may spend of it.
type central struct {
	allocations []allocationRow
	// from is the first day central payments may be made: after the first
	// decision (and any carry-in) is recorded.
	from baove.Date
	// cap is the least the year's allocations stood at from then on, so
	// that central payments never exceed the allocations at any moment.
	cap   int64
	total int64
}

func (c *central) add(a allocationRow) {
	c.allocations = append(c.allocations, a)
	c.total += a.Amount
}

// allocate draws the ministry's decisions for a province-year with central
// lines: one in the first quarter (sometimes a second in summer), now and
// then a correction; plus what the year before carried in.
func (g *generator) allocate(r *rand.Rand, ps *planSet, carry *carryIn) central {
	var c central
	if carry != nil {
		c.add(g.allocation(ps, "carry_in", carry.amount, carry.on, carry.at, fmt.Sprintf("Chuyển nguồn năm %d", carry.from),
			fmt.Sprintf("%s đồng kinh phí trung ương chưa giải ngân năm %d", vn.Int(carry.amount), carry.from)))
		c.from = carry.on.AddDays(1)
	}
	planned := centralPlanned(ps.counting())
	first := baove.NewDate(ps.year, 1, 10).AddDays(r.IntN(80))
	if planned == 0 || ps.scenario == draft || first.After(g.yesterday) {
		c.cap = c.total
		return c
	}
	amount := max(roundDown(float64(planned)*between(r, 0.85, 1.1), 1_000_000), 1_000_000)
	second := int64(0)
	if chance(r, 0.3) {
		amount, second = roundDown(float64(amount)*0.7, 1_000_000), amount-roundDown(float64(amount)*0.7, 1_000_000)
	}
	c.add(g.decision(r, ps, amount, first))
	c.from, c.cap = maxDate(c.from, first.AddDays(1)), c.total
	if on := baove.NewDate(ps.year, 6, 1).AddDays(r.IntN(100)); second > 0 && !on.After(g.yesterday) {
		c.add(g.decision(r, ps, second, on))
	}
	if on := baove.NewDate(ps.year, 7, 1).AddDays(r.IntN(100)); chance(r, 0.1) && !on.After(g.yesterday) {
		cut := -max(roundDown(float64(amount)*between(r, 0.02, 0.08), 1_000_000), 1_000_000)
		c.add(g.allocation(ps, "correction", cut, on, officeTime(r, on), "", pick(r, correctionReasons)))
		c.cap += cut
	}
	return c
}

// decision is an allocation decision of the ministry in charge of
// children: MOLISA until 2025, the Ministry of Health since.
func (g *generator) decision(r *rand.Rand, ps *planSet, amount int64, on baove.Date) allocationRow {
	ministry := "BYT"
	if ps.year < 2025 {
		ministry = "LĐTBXH"
	}
	return g.allocation(ps, "allocation", amount, on, officeTime(r, on), fmt.Sprintf("%d/QĐ-%s", 100+r.IntN(3900), ministry), "")
}

func (g *generator) allocation(ps *planSet, kind string, amount int64, on baove.Date, at time.Time, decision, reason string) allocationRow {
	return allocationRow{ID: g.keys.next(&g.keys.allocation), ProvinceCode: ps.province.code, Year: ps.year, Kind: kind,
		Amount: amount, DecisionNo: decision, DecidedOn: on, Reason: reason, CreatedAt: at, Actor: Actor}
}

// centralPlanned sums a version's central lines.
func centralPlanned(v *version) int64 {
	var sum int64
	for _, l := range v.lines {
		if l.FundingSource == "central" {
			sum += l.Amount
		}
	}
	return sum
}

// closeYear closes a past budget year in February or March of the next,
// once the adjustment period is over, if that day has come (last year's
// is closed by three provinces in four): unspent central funds are carried
// over (then returned as the next year's carry-in) or to be returned within
// 30 days. It returns the year's lock row, closed or not.
func (g *generator) closeYear(r *rand.Rand, ps *planSet, c central, centralNet int64) (yearRow, *carryIn) {
	y := yearRow{ProvinceCode: ps.province.code, Year: ps.year}
	on := baove.NewDate(ps.year+1, 2, 10).AddDays(r.IntN(50))
	if ps.year >= g.last || on.After(g.yesterday) || (ps.year == g.last-1 && !chance(r, 0.75)) {
		return y, nil
	}
	at := officeTime(r, on)
	y.ClosedAt, y.ClosedBy, y.UnspentCentral = at, Actor, max(c.total-centralNet, 0)
	if chance(r, 0.4) {
		y.Disposition, y.ReturnDeadline = "return", on.AddDays(30)
		return y, nil
	}
	y.Disposition = "carry_over"
	if y.UnspentCentral == 0 {
		return y, nil
	}
	return y, &carryIn{amount: y.UnspentCentral, on: on, at: at, from: ps.year}
}

func maxDate(a, b baove.Date) baove.Date {
	if a.Before(b) {
		return b
	}
	return a
}
