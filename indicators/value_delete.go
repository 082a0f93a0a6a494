package indicators

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/i18n"
	"baove/units"
)

// YearCloser tells whether a province's budget year is closed: the budget
// owns the close, and a closed year's figures stay as they were reported.
// The budget package implements it (budget.ClosedYears).
type YearCloser interface {
	// Closed reports whether province's year is closed, read within db.
	Closed(ctx context.Context, db bun.IDB, province units.ProvinceCode, year int) (bool, error)
}

// DeleteValue removes what province reported for the indicator code and
// period, with an audit entry holding what it was. Only a planner of the
// province may. It returns ENOTFOUND when there is no such value and
// ECONFLICT when the province's budget year is closed.
func (s *Store) DeleteValue(ctx context.Context, c access.Caller, k ValueKey) error {
	province, code, p := k.Province, k.Indicator, k.Period
	if err := c.CanAct(province, access.Planner); err != nil {
		return err
	}
	ind, err := s.Indicator(ctx, code)
	if err != nil {
		return err
	}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return s.deleteValue(ctx, tx, c, k, ind)
	})
	if baove.ErrorCode(err) != "" {
		return err
	} else if err != nil {
		return fmt.Errorf("indicators: delete value %s/%s/%s: %w", province, code, p, err)
	}
	return nil
}

func (s *Store) deleteValue(ctx context.Context, tx bun.Tx, c access.Caller, k ValueKey, ind Indicator) error {
	province, p := k.Province, k.Period
	closed, err := s.closer.Closed(ctx, tx, province, p.Year)
	if err != nil {
		return err
	}
	if closed {
		return baove.E(baove.ECONFLICT, "indicator_value.year_closed", i18n.Args{"year": fmt.Sprint(p.Year), "province": string(province)})
	}
	old := ValueRecord{ProvinceCode: string(province), IndicatorCode: string(ind.Code), Year: p.Year, Quarter: p.Quarter}
	err = s.db.ForUpdate(tx.NewSelect().Model(&old).WherePK()).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return baove.E(baove.ENOTFOUND, "indicator_value.none", i18n.Args{"indicator": string(ind.Code), "period": p.String()})
	} else if err != nil {
		return err
	}
	old.Unit = ind.Unit
	before, err := old.value()
	if err != nil {
		return err
	}
	if _, err := tx.NewDelete().Model(&old).WherePK().Exec(ctx); err != nil {
		return err
	}
	id := fmt.Sprintf("%s/%s/%s", province, ind.Code, p)
	return audit.Record(ctx, tx, audit.Change{At: s.clock.Now(), Actor: c.Actor(), Action: "indicator_value.delete",
		Entity: "indicator_value", EntityID: id, ProvinceCode: string(province), BeforeState: before})
}
