package gen

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/database"
	"baove/indicators"
	"baove/plans"
)

// generator holds what the dataset is made on: the units, task areas and
// catalogue as the database has them, the years, the next keys, and each
// province's books as the ledger's controls keep them.
type generator struct {
	o           Options
	now         time.Time
	today       baove.Date
	yesterday   baove.Date // the last day anything happened on
	first, last int
	provinces   []province
	areas       []plans.TaskArea
	catalogue   []indicator
	keys        keys
	accounts    map[string]*account // by province code
}

type province struct {
	code, name string
	communes   []commune // every commune, in force or not, by code
}

type commune struct {
	code, kind         string
	validFrom, validTo baove.Date
}

func newGenerator(ctx context.Context, db *database.DB, o Options) (*generator, error) {
	g := &generator{o: o, now: o.Clock.Now(), accounts: map[string]*account{}}
	g.today = o.Clock.Today()
	g.yesterday, g.last = g.today.AddDays(-1), g.today.Year()
	g.first = g.last - o.Years + 1
	if err := o.check(g.last); err != nil {
		return nil, err
	}
	if err := g.load(ctx, db); err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	if len(g.provinces) == 0 || len(g.areas) == 0 {
		return nil, baove.E(baove.ECONFLICT, "gen.no_units", nil)
	}
	return g, nil
}

// load reads the provinces in force with their communes, the task areas
// and the catalogue.
func (g *generator) load(ctx context.Context, db bun.IDB) error {
	var provinces []struct{ Code, Name string }
	if err := db.NewRaw("SELECT code, name FROM provinces WHERE valid_to IS NULL ORDER BY code").Scan(ctx, &provinces); err != nil {
		return err
	}
	var communes []struct {
		Code, ProvinceCode, Kind string
		ValidFrom, ValidTo       baove.Date
	}
	if err := db.NewRaw("SELECT code, province_code, kind, valid_from, valid_to FROM communes ORDER BY code").Scan(ctx, &communes); err != nil {
		return err
	}
	index := map[string]int{}
	for i, p := range provinces {
		g.provinces, index[p.Code] = append(g.provinces, province{code: p.Code, name: p.Name}), i
	}
	for _, c := range communes {
		if i, ok := index[c.ProvinceCode]; ok {
			g.provinces[i].communes = append(g.provinces[i].communes, commune{c.Code, c.Kind, c.ValidFrom, c.ValidTo})
		}
	}
	return g.loadCatalogue(ctx, db)
}

// loadCatalogue reads the task areas and the indicators, each in order.
func (g *generator) loadCatalogue(ctx context.Context, db bun.IDB) error {
	var err error
	if g.areas, err = plans.TaskAreasIn(ctx, db); err != nil {
		return err
	}
	var rows []struct {
		Code     string
		Unit     string
		Computed bool
	}
	if err := db.NewRaw("SELECT code, unit, computed FROM indicators ORDER BY position, code").Scan(ctx, &rows); err != nil {
		return err
	}
	for _, r := range rows {
		g.catalogue = append(g.catalogue, indicator{indicators.Code(r.Code), indicators.Unit(r.Unit), r.Computed})
	}
	return nil
}

// eligibleIn reports whether central funds may pay for task area code in
// year.
func (g *generator) eligibleIn(code string, year int) bool {
	for _, a := range g.areas {
		if a.Code == code {
			return a.EligibleIn(year)
		}
	}
	return false
}

// keys are the last keys given in each table with generated keys.
type keys struct {
	plan, activity, event, line, allocation, entry int64
}

// next gives the key after *last.
func (k *keys) next(last *int64) int64 {
	*last++
	return *last
}

// start continues after the keys the tables already hold.
func (k *keys) start(ctx context.Context, tx bun.Tx) error {
	for table, last := range k.tables() {
		if err := tx.NewRaw("SELECT coalesce(max(id), 0) FROM "+table).Scan(ctx, last); err != nil {
			return fmt.Errorf("gen: keys of %s: %w", table, err)
		}
	}
	return nil
}

func (k *keys) tables() map[string]*int64 {
	return map[string]*int64{"plans": &k.plan, "activities": &k.activity, "plan_events": &k.event,
		"budget_lines": &k.line, "allocations": &k.allocation, "disbursements": &k.entry}
}
