package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"baove"
	"baove/budget"
)

// payable is a line lineage the ledger pays from.
type payable struct {
	line *budget.LineRecord // the first version's line, or the revision's for a line new in it
	// after is the line of the same lineage that takes payments from the day
	// after the revision is approved (line.ID when there is no revision).
	after    int64
	revised  baove.Date // the day the revision was approved; zero without one
	from, to baove.Date // the days payments may be made
	target   int64      // what is paid from it in all, before reversals
	count    int
}

// lineOn returns the line of p's lineage that day's payments are made
// from: the revision's after the day it was approved.
func (p *payable) lineOn(day baove.Date) budget.LineID {
	if !p.revised.IsZero() && day.After(p.revised) {
		return budget.LineID(p.after)
	}
	return budget.LineID(p.line.ID)
}

// payables lists the lines of the version in force, and those a revision
// added, with the days each may be paid on: from the day after its version
// (and, for central lines, the first decision) was recorded, to the end of
// the adjustment period or yesterday.
func (g *generator) payables(ps *planSet, central baove.Date) []payable {
	v := ps.inForce()
	if v == nil {
		return nil
	}
	v2, revisedOn := ps.revision()
	to := minDate(budget.AdjustmentEnd(ps.year), g.yesterday)
	var out []payable
	for i := range v.lines {
		p := payable{line: &v.lines[i], after: v.lines[i].ID, from: firstPayDay(v, ps.year), to: to}
		if v2 != nil {
			p.after, p.revised = lineByLineage(v2, p.line.Lineage).ID, revisedOn
		}
		out = append(out, p)
	}
	for i := range v2Lines(v2, v) {
		l := &v2.lines[len(v.lines)+i]
		out = append(out, payable{line: l, after: l.ID, revised: revisedOn, from: revisedOn.AddDays(1), to: to})
	}
	for i := range out {
		if out[i].line.FundingSource == budget.Central {
			out[i].from = maxDate(out[i].from, central.AddDays(1))
		}
	}
	return out
}

// firstPayDay is the day after v was approved, in its year at the earliest.
func firstPayDay(v *version, year int) baove.Date {
	return maxDate(baove.DateOf(v.approvedAt).AddDays(1), baove.NewDate(year, 1, 1))
}

// v2Lines returns the lines a revision added after the copied ones.
func v2Lines(v2, v1 *version) []budget.LineRecord {
	if v2 == nil {
		return nil
	}
	return v2.lines[len(v1.lines):]
}

func lineByLineage(v *version, lineage string) *budget.LineRecord {
	for i := range v.lines {
		if v.lines[i].Lineage == lineage {
			return &v.lines[i]
		}
	}
	panic("gen: a revision lost a line lineage")
}

// setTargets draws how much of each line is paid: most of it in past years
// (all of it for one line in five), about the elapsed share of the year in
// the current one.
func (g *generator) setTargets(r *rand.Rand, ps *planSet, pays []payable) {
	elapsed := float64(days(baove.NewDate(ps.year, 1, 1), g.yesterday)+1) / 365
	for i := range pays {
		p := &pays[i]
		f := between(r, 0.82, 1)
		switch {
		case ps.year == g.last:
			f = min(elapsed*between(r, 0.6, 1.05), 0.98)
		case chance(r, 0.2):
			f = 1
		}
		if !p.from.After(p.to) {
			p.target = roundDown(float64(p.line.Amount)*f, 1_000)
		}
	}
}

// ledger draws n entries of a province-year for the controls to take:
// payments from the lines in force and about one in a hundred of them
// reversed.
func (g *generator) ledger(r *rand.Rand, ps *planSet, central baove.Date, n int) ([]*payment, []*reversal, error) {
	pays := g.payables(ps, central)
	g.setTargets(r, ps, pays)
	reversals := n / 100
	if err := countPayments(pays, n-reversals); err != nil {
		return nil, nil, fmt.Errorf("gen: %s/%d: %w", ps.province.code, ps.year, err)
	}
	var proposed []*payment
	for i := range pays {
		proposed = append(proposed, payments(r, ps.year, pays, i)...)
	}
	numberVouchers(proposed)
	var revs []*reversal
	for _, i := range r.Perm(len(proposed))[:reversals] {
		revs = append(revs, reverse(r, proposed[i], pays[0].to))
	}
	return proposed, revs, nil
}

// countPayments shares m payments among the lines in proportion to what is
// paid from each, at most one per thousand đồng.
func countPayments(pays []payable, m int) error {
	weights, room := make([]float64, len(pays)), make([]int, len(pays))
	for i, p := range pays {
		weights[i], room[i] = float64(p.target), int(p.target/1_000)
	}
	counts, err := apportion(m, weights, room)
	for i := range pays {
		pays[i].count = counts[i]
	}
	return err
}

// payments splits the target of line pays[i] of year into its count of
// payments, each at least 1.000 đồng, on days of its window.
func payments(r *rand.Rand, year int, pays []payable, i int) []*payment {
	p := &pays[i]
	if p.count == 0 {
		return nil
	}
	weights, sum := make([]float64, p.count), 0.0
	for i := range weights {
		weights[i] = between(r, 0.3, 1.7)
		sum += weights[i]
	}
	spare := float64(p.target - int64(p.count)*1_000)
	out := make([]*payment, p.count)
	for k := range out {
		day := payDay(r, year, p)
		n := budget.NewDisbursement{Amount: budget.VND(1_000 + roundDown(spare*weights[k]/sum, 1_000)), PaidOn: day,
			Description: pick(r, paymentNotes)}
		out[k] = &payment{pays: pays, i: i, n: n, at: officeTime(r, day)}
	}
	return out
}

// payDay draws a payment day in p's window, later days likelier, one in
// twenty-five in the adjustment period; never the day a revision was
// approved, so that the version in force that day is not in doubt.
func payDay(r *rand.Rand, year int, p *payable) baove.Date {
	from, to := p.from, minDate(p.to, baove.NewDate(year, 12, 31))
	if p.to.After(to) && chance(r, 0.04) {
		from, to = maxDate(from, to.AddDays(1)), p.to
	}
	day := dayBetween(r, from, to, 1.3)
	if !p.revised.IsZero() && !day.Before(p.revised) && !day.After(p.revised) {
		day = day.AddDays(-1)
		if day.Before(p.from) {
			day = day.AddDays(2)
		}
	}
	return day
}

// numberVouchers numbers a province-year's payments in time order: phiếu
// chi for small ones, ủy nhiệm chi for bank transfers.
func numberVouchers(payments []*payment) {
	slices.SortStableFunc(payments, func(a, b *payment) int { return a.at.Compare(b.at) })
	var pc, unc int
	for _, p := range payments {
		if p.n.Amount < 20_000_000 {
			pc++
			p.n.VoucherNo = fmt.Sprintf("PC-%05d", pc)
		} else {
			unc++
			p.n.VoucherNo = fmt.Sprintf("UNC-%05d", unc)
		}
	}
}

// reverse draws the reversal of payment p within three weeks, by the end
// of the window (to).
func reverse(r *rand.Rand, p *payment, to baove.Date) *reversal {
	day := minDate(p.n.PaidOn.AddDays(r.IntN(21)), to)
	at := officeTime(r, day)
	if !at.After(p.at) {
		at = p.at.Add(10*time.Minute + time.Duration(r.Int64N(int64(time.Hour))))
	}
	return &reversal{of: p, on: day, at: at, reason: pick(r, reversalReasons)}
}
