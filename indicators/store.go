package indicators

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/i18n"
	"baove/units"
)

// Store keeps the catalogue, the values provinces report and commune
// staffing.
type Store struct {
	db     *database.DB
	units  *units.Store
	clock  baove.Clock
	closer YearCloser
}

// NewStore returns a store over db; u tells which communes are in force,
// clock tells the time, closer which budget years are closed (give it
// budget.ClosedYears{}). It fails when u or closer is missing.
func NewStore(db *database.DB, clock baove.Clock, u *units.Store, closer YearCloser) (*Store, error) {
	if db == nil || u == nil || closer == nil {
		return nil, errors.New("indicators: NewStore needs a database, the units store and the budget's closed years")
	}
	return &Store{db: db, units: u, clock: clock, closer: closer}, nil
}

type indicatorRow struct {
	bun.BaseModel `bun:"table:indicators"`

	Code      string `bun:",pk"`
	NameVI    string `bun:"name_vi"`
	NameEN    string `bun:"name_en"`
	Unit      Unit
	Direction Direction
	Computed  bool
	Position  int
}

type targetRow struct {
	bun.BaseModel `bun:"table:national_targets"`

	IndicatorCode string
	Year          int
	Comparator    string
	Value         string
	Source        string
}

// Catalogue returns every indicator in catalogue order, with its national
// targets by year, in one read.
func (s *Store) Catalogue(ctx context.Context) ([]Indicator, error) {
	var rows []struct {
		indicatorRow
		Year                            *int
		Comparator, TargetValue, Source *string
	}
	if err := s.db.Select(ctx, s.db, &rows, `SELECT i.code, i.name_vi, i.name_en, i.unit, i.direction, i.computed, i.position,
		t.year, t.comparator, t.value AS target_value, t.source
		FROM indicators AS i LEFT JOIN national_targets AS t ON t.indicator_code = i.code
		ORDER BY i.position, i.code, t.year`); err != nil {
		return nil, fmt.Errorf("indicators: catalogue: %w", err)
	}
	out := []Indicator{}
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].Code != Code(r.Code) {
			out = append(out, r.indicator())
		}
		if r.Year == nil {
			continue
		}
		v, err := decimal.NewFromString(*r.TargetValue)
		if err != nil {
			return nil, fmt.Errorf("indicators: target of %s: %w", r.Code, err)
		}
		last := &out[len(out)-1]
		last.Targets = append(last.Targets, NationalTarget{Year: *r.Year, Comparator: *r.Comparator, Value: v, Source: *r.Source})
	}
	return out, nil
}

// Indicator returns the indicator with code, without its targets. It returns
// ENOTFOUND for an unknown code.
func (s *Store) Indicator(ctx context.Context, code Code) (Indicator, error) {
	return s.IndicatorIn(ctx, s.db, code)
}

// IndicatorIn is Indicator read within db, e.g. the transaction of a write
// that must not wait for a second connection while it holds locks.
func (s *Store) IndicatorIn(ctx context.Context, db bun.IDB, code Code) (Indicator, error) {
	var r indicatorRow
	err := db.NewSelect().Model(&r).Where("code = ?", string(code)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Indicator{}, baove.E(baove.ENOTFOUND, "indicator.not_found", i18n.Args{"code": string(code)})
	} else if err != nil {
		return Indicator{}, fmt.Errorf("indicators: %s: %w", code, err)
	}
	return r.indicator(), nil
}

func (r indicatorRow) indicator() Indicator {
	return Indicator{Code: Code(r.Code), NameVI: r.NameVI, NameEN: r.NameEN, Unit: r.Unit, Direction: r.Direction, Computed: r.Computed}
}

// AddIndicator adds a reported (never computed) indicator at the end of the
// catalogue, with its national targets. Only an administrator may. It
// returns EINVALID for bad fields and ECONFLICT when the code is taken.
func (s *Store) AddIndicator(ctx context.Context, c access.Caller, n NewIndicator) (Indicator, error) {
	if err := c.Require(access.Admin); err != nil {
		return Indicator{}, err
	}
	if err := n.check(); err != nil {
		return Indicator{}, err
	}
	ind := Indicator{Code: n.Code, NameVI: n.NameVI, NameEN: n.NameEN, Unit: n.Unit, Direction: n.Direction, Targets: n.Targets}
	now := s.clock.Now()
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := insertIndicator(ctx, tx, ind); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Change{At: now, Actor: c.Actor(), Action: "indicator.create",
			Entity: "indicator", EntityID: string(ind.Code), AfterState: ind})
	})
	switch {
	case database.IsUniqueViolation(err):
		return Indicator{}, baove.E(baove.ECONFLICT, "indicator.code_taken", i18n.Args{"code": string(n.Code)})
	case err != nil:
		return Indicator{}, fmt.Errorf("indicators: add %s: %w", n.Code, err)
	}
	return ind, nil
}

func insertIndicator(ctx context.Context, tx bun.Tx, ind Indicator) error {
	var last int
	if err := tx.NewSelect().Model((*indicatorRow)(nil)).ColumnExpr("coalesce(max(position), 0)").Scan(ctx, &last); err != nil {
		return err
	}
	r := indicatorRow{Code: string(ind.Code), NameVI: ind.NameVI, NameEN: ind.NameEN, Unit: ind.Unit,
		Direction: ind.Direction, Position: last + 1}
	if _, err := tx.NewInsert().Model(&r).Exec(ctx); err != nil {
		return err
	}
	if len(ind.Targets) == 0 {
		return nil
	}
	rows := make([]targetRow, len(ind.Targets))
	for i, t := range ind.Targets {
		rows[i] = targetRow{IndicatorCode: r.Code, Year: t.Year, Comparator: t.Comparator, Value: t.Value.String(), Source: t.Source}
	}
	_, err := tx.NewInsert().Model(&rows).Exec(ctx)
	return err
}
