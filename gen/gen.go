// Package gen fills a database of either engine with a deterministic
// national dataset, for benchmarks and load tests: for each of the 34
// provinces and each of the last N years, a plan in one of the review
// workflow's states (revisions with superseded versions among them),
// activities, targets, budget lines by funding source, central allocations
// with corrections and carry-ins, the disbursement ledger with reversals,
// year-end closes, commune staffing and indicator values.
//
// It writes rows with bulk multi-row inserts in one transaction, not
// through the services, but with the stores' own table definitions
// (plans.PlanRecord, budget.Disbursement, indicators.ValueRecord, …), and
// it makes the money with the ledger's controls (budget.Books): it
// proposes each decision, payment, reversal and close in time order and
// writes only what the controls accept, so that the services read the data
// as if people had entered it (books.go). The same seed and day give the
// same rows.
package gen

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/audit"
	"baove/database"
	"baove/i18n"
	"baove/indicators"
)

// Actor is who generated rows are attributed to: the service's own work,
// named as the audit trail names it, with no user behind it.
const Actor = "system:gen"

// Options say what to generate.
type Options struct {
	// Years is how many years, ending with the current one (2017 at the
	// earliest: the directive's year).
	Years int
	// Disbursements is how many ledger entries in all, reversals included.
	Disbursements int
	// Seed makes the dataset: the same seed on the same day gives the same
	// rows.
	Seed uint64
	// Clock tells the current year and day in the service's zone.
	Clock baove.Clock
	// Log receives a line per year generated; nil discards them.
	Log io.Writer
}

// MaxDisbursements bounds Options.Disbursements.
const MaxDisbursements = 20_000_000

// Stats counts what Run wrote.
type Stats struct {
	Plans, Activities, Lines, Allocations, Payments, Reversals, Staffing, Values int
}

// Run fills db with the dataset o describes, all of it or, on any error,
// nothing. It returns EINVALID for bad options and ECONFLICT when the
// database already holds plans or allocations: generated data goes into an
// empty database only, never beside real data.
func Run(ctx context.Context, db *database.DB, o Options) (Stats, error) {
	g, err := newGenerator(ctx, db, o)
	if err != nil {
		return Stats{}, err
	}
	var st Stats
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := refuseFilled(ctx, tx); err != nil {
			return err
		}
		if err := g.keys.start(ctx, tx); err != nil {
			return err
		}
		if st, err = g.generate(ctx, tx); err != nil {
			return err
		}
		if err := advanceSequences(ctx, db, tx); err != nil {
			return err
		}
		if _, err := tx.NewRaw(`INSERT INTO ledger_totals (province_code, year, line_lineage, funding_source, task_area, amount, entries)
			SELECT province_code, year, line_lineage, funding_source, task_area, sum(amount), count(*) FROM disbursements
			GROUP BY province_code, year, line_lineage, funding_source, task_area`).Exec(ctx); err != nil {
			return fmt.Errorf("gen: ledger totals: %w", err)
		}
		return audit.Record(ctx, tx, audit.Change{At: g.now.UTC(), Actor: audit.Actor{Name: Actor},
			Action: "dataset.generate", Entity: "dataset", AfterState: map[string]any{"seed": o.Seed, "years": o.Years,
				"first_year": g.first, "last_year": g.last, "stats": st}})
	})
	if err != nil {
		return st, err
	}
	return st, finish(ctx, db)
}

func (o Options) check(last int) error {
	var p baove.Problems
	if o.Years < 1 || last-o.Years+1 < baove.FirstYear {
		p.AddKey("years", "gen.years", i18n.Args{"most": last - baove.FirstYear + 1, "first": baove.FirstYear}, o.Years)
	}
	if o.Disbursements < 0 || o.Disbursements > MaxDisbursements {
		p.AddKey("disbursements", "gen.disbursements", i18n.Args{"most": MaxDisbursements}, o.Disbursements)
	}
	return p.Err()
}

func refuseFilled(ctx context.Context, tx bun.Tx) error {
	for _, table := range []string{"plans", "allocations"} {
		n, err := tx.NewSelect().Table(table).Limit(1).Count(ctx)
		if err != nil {
			return fmt.Errorf("gen: %w", err)
		}
		if n > 0 {
			return baove.E(baove.ECONFLICT, "gen.not_empty", i18n.Args{"table": table})
		}
	}
	return nil
}

// generate makes every province's plans first (the ledger is spread by
// them), then writes the years in order, each with its budgets, ledger,
// values and staffing.
func (g *generator) generate(ctx context.Context, tx bun.Tx) (Stats, error) {
	sets := map[int][]*planSet{}
	for year := g.first; year <= g.last; year++ {
		for i := range g.provinces {
			sets[year] = append(sets[year], g.plan(&g.provinces[i], year))
		}
	}
	counts, err := g.shares(sets)
	if err != nil {
		return Stats{}, err
	}
	var st Stats
	for year := g.first; year <= g.last; year++ {
		start := time.Now()
		b, err := g.year(sets[year], counts)
		if err != nil {
			return st, err
		}
		if err := b.insert(ctx, tx); err != nil {
			return st, fmt.Errorf("gen: write %d: %w", year, err)
		}
		b.count(&st)
		g.logf("%d: %d plan versions, %d budget lines, %d ledger entries, %d staffing records (%s)\n", year,
			len(b.plans), len(b.lines), len(b.entries), len(b.staffing), time.Since(start).Round(time.Millisecond))
	}
	return st, nil
}

// year makes every row of one year: the money through the provinces'
// books, in time order, with the close of the year before (which decides
// this year's carry-in); then the rows of the budget years no write will
// touch again.
func (g *generator) year(sets []*planSet, counts map[share]int) (*batch, error) {
	b := &batch{}
	var events []event
	for _, ps := range sets {
		b.addPlans(ps)
		e, err := g.proposals(ps, counts[share{ps.province.code, ps.year}])
		if err != nil {
			return nil, err
		}
		events = append(events, e...)
		b.values = append(b.values, g.values(ps.province, ps.year)...)
		b.staffing = append(b.staffing, g.staffing(ps.province, ps.year)...)
	}
	if err := g.run(events, b); err != nil {
		return nil, err
	}
	year := sets[0].year
	b.years = g.doneYears(year - 1)
	if year == g.last {
		b.years = append(b.years, g.doneYears(year)...)
	}
	return b, nil
}

func (g *generator) logf(format string, args ...any) {
	if g.o.Log != nil {
		fmt.Fprintf(g.o.Log, format, args...)
	}
}

// indicator is an entry of the catalogue as the generator needs it.
type indicator struct {
	code     indicators.Code
	unit     indicators.Unit
	computed bool
}
