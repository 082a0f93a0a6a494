package gen

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"baove"
	"baove/budget"
	"baove/plans"
	"baove/units"
)

// gen makes the money with the ledger's controls (budget.Books), as the
// services do: it draws what a province might have done — the ministry's
// decisions, plans put in force, payments, reversals, the close — and
// proposes each to the province's books in time order, the books' day
// being the day of the proposal. It writes what the controls accept, as
// they return it, and never what they refuse; it has no limit of its own.

// account is a province's books as gen goes, with the rows of its budget
// years, each made by the first write of the year, as the services' lock
// makes them.
type account struct {
	*budget.Books
	years map[int]*budget.YearRecord
}

// account returns the books of province p.
func (g *generator) account(p *province) *account {
	a := g.accounts[p.code]
	if a == nil {
		a = &account{Books: &budget.Books{Province: units.ProvinceCode(p.code), Lines: map[budget.LineID]budget.LedgerLine{},
			Years: map[int]*budget.Ledger{}}, years: map[int]*budget.YearRecord{}}
		g.accounts[p.code] = a
	}
	return a
}

// use returns the row of year, made on first use.
func (a *account) use(year int) *budget.YearRecord {
	y := a.years[year]
	if y == nil {
		y = &budget.YearRecord{ProvinceCode: string(a.Province), Year: year}
		a.years[year] = y
	}
	return y
}

// proposals draws what a province did in a year for its books to take:
// the close of the year before, the ministry's decisions, the plan's
// versions put in force, and n ledger entries.
func (g *generator) proposals(ps *planSet, n int) ([]event, error) {
	a := g.account(ps.province)
	a.Years[ps.year] = budget.NewLedger(ps.year)
	var out []event
	if c := g.closing(ps.province, ps.year-1); c != nil {
		out = append(out, event{c.at, a, c})
	}
	decisions, first := g.decisions(stream(g.o.Seed, "allocations", ps.province.code, ps.year), ps)
	for i := range decisions {
		out = append(out, event{decisions[i].at, a, &decisions[i]})
	}
	for _, ap := range ps.approvals() {
		out = append(out, event{ap.at, a, ap})
	}
	payments, reversals, err := g.ledger(stream(g.o.Seed, "ledger", ps.province.code, ps.year), ps, first, n)
	for _, p := range payments {
		out = append(out, event{p.at, a, p})
	}
	for _, r := range reversals {
		out = append(out, event{r.at, a, r})
	}
	return out, err
}

// doneYears returns the rows of every province's budget year year, which
// no write touches any more, and forgets its books.
func (g *generator) doneYears(year int) []budget.YearRecord {
	var out []budget.YearRecord
	for _, p := range g.provinces {
		a := g.accounts[p.code]
		if a == nil {
			continue
		}
		if y := a.years[year]; y != nil {
			out = append(out, *y)
		}
		delete(a.years, year)
		delete(a.Years, year)
	}
	return out
}

// proposal is what gen proposes to a province's books.
type proposal interface {
	// propose asks the controls of a to take the proposal on its day and
	// adds what they accept to b.
	propose(g *generator, a *account, b *batch) error
}

// event is a proposal at its moment.
type event struct {
	at time.Time
	a  *account
	p  proposal
}

// run proposes events in time order, provinces in code order at the same
// moment, as they would have been written.
func (g *generator) run(events []event, b *batch) error {
	slices.SortStableFunc(events, func(x, y event) int {
		if c := x.at.Compare(y.at); c != 0 {
			return c
		}
		return cmp.Compare(x.a.Province, y.a.Province)
	})
	for _, e := range events {
		if err := e.p.propose(g, e.a, b); err != nil {
			return err
		}
	}
	return nil
}

func (d *decision) propose(g *generator, a *account, b *batch) error {
	a.Today = d.DecidedOn
	al, problems := a.Allocate(d.NewAllocation)
	if len(problems) > 0 {
		return nil
	}
	al.ID, al.CreatedAt, al.Actor = g.keys.next(&g.keys.allocation), d.at, Actor
	b.allocations = append(b.allocations, al)
	a.use(al.Year)
	return nil
}

func (c *closing) propose(g *generator, a *account, b *batch) error {
	a.Today = c.on
	unspent, problems := a.Close(c.year, c.disposition)
	if len(problems) > 0 {
		return nil
	}
	cl := budget.Closing{YearEnd: budget.YearEnd{Province: a.Province, Year: c.year, Disposition: c.disposition}, Unspent: unspent,
		At: c.at, On: c.on, By: Actor}
	a.use(c.year).Close(cl)
	if al, ok := cl.CarryIn(); ok {
		al.ID = g.keys.next(&g.keys.allocation)
		b.allocations = append(b.allocations, al)
		a.use(al.Year)
	}
	return nil
}

// approval puts a plan version in force: its lines take payments from
// then on, and no longer those of the version it supersedes.
type approval struct {
	v, supersedes *version
	at            time.Time
}

func (ap *approval) propose(g *generator, a *account, b *batch) error {
	if ap.supersedes != nil {
		for _, l := range ap.supersedes.lines {
			ll := a.Lines[budget.LineID(l.ID)]
			ll.Status = plans.Superseded
			a.Lines[ll.ID] = ll
		}
	}
	year := ap.v.plan.Year
	for _, l := range ap.v.lines {
		a.Lines[budget.LineID(l.ID)] = budget.LedgerLine{Line: l.Line(), Province: a.Province, Year: year, Status: plans.Approved,
			CentralEligible: g.eligibleIn(l.TaskArea, year)}
	}
	return nil
}

// payment is a payment gen proposes from line pays[i] of a province-year.
type payment struct {
	pays  []payable
	i     int
	n     budget.NewDisbursement
	at    time.Time
	entry *budget.Disbursement // as the controls took it
}

func (p *payment) propose(g *generator, a *account, b *batch) error {
	a.Today = p.n.PaidOn
	e, err := p.place(a)
	if err != nil {
		return err
	}
	e.ID, e.CreatedAt, e.Actor = g.keys.next(&g.keys.entry), p.at, Actor
	p.entry = &e
	b.entries = append(b.entries, p.entry)
	a.use(e.Year)
	return nil
}

// place asks the controls to take the payment from its line, else from the
// other lines of its province-year in turn (a province pays from its own
// budget what central funds cannot pay yet), else the same again for half
// the amount. It fails when no line takes even 1.000 đồng.
func (p *payment) place(a *account) (budget.Disbursement, error) {
	n := p.n
	var first []budget.Problem
	for n.Amount >= 1_000 {
		for k := range p.pays {
			n.Line = p.pays[(p.i+k)%len(p.pays)].lineOn(n.PaidOn)
			e, problems := a.Pay(n)
			if len(problems) == 0 {
				return e, nil
			}
			if first == nil {
				first = problems
			}
		}
		n.Amount = n.Amount / 2_000 * 1_000
	}
	return budget.Disbursement{}, fmt.Errorf("gen: %s: no line takes a payment of %s on %s: %s", a.Province, p.n.Amount, p.n.PaidOn, first[0].Key)
}

// reversal is the reversal of a payment gen proposes.
type reversal struct {
	of     *payment
	on     baove.Date
	at     time.Time
	reason string
}

func (r *reversal) propose(g *generator, a *account, b *batch) error {
	a.Today = r.on
	e, problems := a.Reverse(*r.of.entry, r.on, r.reason)
	if len(problems) > 0 {
		return fmt.Errorf("gen: %s: the controls refused the reversal of %s on %s: %s", a.Province, r.of.n.VoucherNo, r.on, problems[0].Key)
	}
	e.ID, e.CreatedAt, e.Actor = g.keys.next(&g.keys.entry), r.at, Actor
	r.of.entry.ReversedByID = e.ID
	b.entries = append(b.entries, &e)
	return nil
}
