package indicators

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"baove"
	"baove/database"
)

// Store keeps the catalogue.
type Store struct {
	db *database.DB
}

// NewStore returns a store over db.
func NewStore(db *database.DB) *Store { return &Store{db: db} }

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
// targets.
func (s *Store) Catalogue(ctx context.Context) ([]Indicator, error) {
	var rows []indicatorRow
	if err := s.db.NewSelect().Model(&rows).Order("position", "code").Scan(ctx); err != nil {
		return nil, fmt.Errorf("indicators: catalogue: %w", err)
	}
	var targets []targetRow
	if err := s.db.NewSelect().Model(&targets).Order("indicator_code", "year").Scan(ctx); err != nil {
		return nil, fmt.Errorf("indicators: national targets: %w", err)
	}
	byCode := map[string][]NationalTarget{}
	for _, t := range targets {
		v, err := decimal.NewFromString(t.Value)
		if err != nil {
			return nil, fmt.Errorf("indicators: target of %s: %w", t.IndicatorCode, err)
		}
		byCode[t.IndicatorCode] = append(byCode[t.IndicatorCode], NationalTarget{Year: t.Year, Comparator: t.Comparator, Value: v, Source: t.Source})
	}
	out := make([]Indicator, len(rows))
	for i, r := range rows {
		out[i] = Indicator{Code: Code(r.Code), NameVI: r.NameVI, NameEN: r.NameEN, Unit: r.Unit, Direction: r.Direction,
			Computed: r.Computed, Targets: byCode[r.Code]}
	}
	return out, nil
}

// Indicator returns the indicator with code, without its targets. It returns
// ENOTFOUND for an unknown code.
func (s *Store) Indicator(ctx context.Context, code Code) (Indicator, error) {
	var r indicatorRow
	err := s.db.NewSelect().Model(&r).Where("code = ?", string(code)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Indicator{}, baove.Errorf(baove.ENOTFOUND, "no indicator with code %s", code)
	} else if err != nil {
		return Indicator{}, fmt.Errorf("indicators: %s: %w", code, err)
	}
	return Indicator{Code: Code(r.Code), NameVI: r.NameVI, NameEN: r.NameEN, Unit: r.Unit, Direction: r.Direction, Computed: r.Computed}, nil
}
