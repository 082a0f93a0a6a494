package budget

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"baove/access"
	"baove/audit"
	"baove/units"
)

// Dispositions of unspent central funds at the year-end close.
const (
	CarryOver = "carry_over" // chuyển nguồn: counts as allocation of the next year
	Return    = "return"     // nộp trả: back to the central budget within ReturnDays
)

// ReturnDays is the time allowed to return unspent targeted funds.
const ReturnDays = 30

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// YearEnd is the close of a province's budget year: what becomes of its
// unspent central funds, CarryOver or Return.
type YearEnd struct {
	Province    units.ProvinceCode
	Year        int
	Disposition string
}

// Close closes a province's budget year once it has ended: unspent central
// funds (allocated − disbursed) are either carried over, becoming a
// carried-in allocation of the next year, or to be returned to the central
// budget within 30 days. A closed year refuses disbursements, reversals and
// allocations. Only the province's finance officer may. It returns EINVALID
// for an unknown disposition and ECONFLICT before the year's end or when the
// year is already closed.
func (s *Store) Close(ctx context.Context, c access.Caller, y YearEnd) (Summary, error) {
	p, year, disposition := y.Province, y.Year, y.Disposition
	if err := c.CanAct(p, access.Finance); err != nil {
		return Summary{}, err
	}
	var sum Summary
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		books, err := s.loadYears(ctx, tx, p, year, year+1)
		if err != nil {
			return err
		}
		unspent, problems := books.Close(year, disposition)
		if len(problems) > 0 {
			return errorOf(problems)
		}
		cl := Closing{YearEnd: y, Unspent: unspent, At: s.clock.Now(), On: s.clock.Today(), By: c.Username}
		if err := s.close(ctx, tx, c, cl); err != nil {
			return err
		}
		sum, err = s.summary(ctx, tx, p, year)
		return err
	})
	return sum, translate(err, "close year")
}

// close records the close of a year the controls allowed: the year's row,
// its audit entry, and the carried-in allocation of the next year.
func (s *Store) close(ctx context.Context, tx bun.Tx, c access.Caller, cl Closing) error {
	p, year := cl.Province, cl.Year
	var before YearRecord
	if err := tx.NewSelect().Model(&before).Where("province_code = ? AND year = ?", string(p), year).Scan(ctx); err != nil {
		return err
	}
	y := before
	y.Close(cl)
	if _, err := tx.NewUpdate().Model(&y).WherePK().Exec(ctx); err != nil {
		return err
	}
	if err := audit.Record(ctx, tx, audit.Change{At: y.ClosedAt, Actor: c.Actor(), Action: "budget_year.close",
		Entity: "budget_year", EntityID: fmt.Sprintf("%s/%d", p, year), ProvinceCode: y.ProvinceCode, BeforeState: before,
		AfterState: y}); err != nil {
		return err
	}
	a, ok := cl.CarryIn()
	if !ok {
		return nil
	}
	a.ActorID = c.UserID
	return s.insertAllocation(ctx, tx, c, &a)
}
