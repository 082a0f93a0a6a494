package budget

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/units"
	"baove/vn"
)

// Dispositions of unspent central funds at the year-end close.
const (
	CarryOver = "carry_over" // chuyển nguồn: counts as allocation of the next year
	Return    = "return"     // nộp trả: back to the central budget within ReturnDays
)

// ReturnDays is the time allowed to return unspent targeted funds.
const ReturnDays = 30

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Close closes a province's budget year once it has ended: unspent central
// funds (allocated − disbursed) are either carried over, becoming a
// carried-in allocation of the next year, or to be returned to the central
// budget within 30 days. A closed year refuses disbursements, reversals and
// allocations. Only the province's finance officer may. It returns EINVALID
// for an unknown disposition and ECONFLICT before the year's end or when the
// year is already closed.
func (s *Store) Close(ctx context.Context, c access.Caller, p units.ProvinceCode, year int, disposition string) (Summary, error) {
	if err := c.CanAct(p, access.Finance); err != nil {
		return Summary{}, err
	}
	if disposition != CarryOver && disposition != Return {
		return Summary{}, baove.Invalid("unspent_central", `"carry_over" or "return"`, disposition)
	}
	today := s.clock.Today()
	if today.Year() <= year {
		return Summary{}, baove.Errorf(baove.ECONFLICT, "the budget year %d runs until 31/12/%d; close it after that", year, year)
	}
	var sum Summary
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		y, err := s.lockYear(ctx, tx, p, year)
		if err != nil {
			return err
		}
		if err := y.open(); err != nil {
			return err
		}
		if err := s.close(ctx, tx, c, y, disposition, today); err != nil {
			return err
		}
		sum, err = s.summary(ctx, tx, p, year)
		return err
	})
	return sum, translate(err, "close year")
}

func (s *Store) close(ctx context.Context, tx bun.Tx, c access.Caller, y budgetYear, disposition string, today baove.Date) error {
	p := units.ProvinceCode(y.ProvinceCode)
	t, err := centralTotals(ctx, tx, p, y.Year)
	if err != nil {
		return err
	}
	before := y
	y.ClosedAt, y.ClosedBy, y.Disposition = s.clock.Now(), c.Username, disposition
	y.UnspentCentral = int64(max(t.allocated-t.disbursed, 0))
	if disposition == Return {
		y.ReturnDeadline = today.AddDays(ReturnDays)
	}
	if _, err := tx.NewUpdate().Model(&y).WherePK().Exec(ctx); err != nil {
		return err
	}
	if err := audit.Record(ctx, tx, y.ClosedAt, c.Actor(), "budget_year.close", "budget_year", fmt.Sprintf("%s/%d", p, y.Year),
		y.ProvinceCode, before, y); err != nil {
		return err
	}
	if disposition != CarryOver || y.UnspentCentral == 0 {
		return nil
	}
	next, err := s.lockYear(ctx, tx, p, y.Year+1)
	if err != nil {
		return err
	}
	if err := next.open(); err != nil {
		return err
	}
	return s.insertAllocation(ctx, tx, c, &allocationRow{ProvinceCode: y.ProvinceCode, Year: y.Year + 1, Kind: CarriedIn,
		Amount: y.UnspentCentral, DecisionNo: fmt.Sprintf("Chuyển nguồn năm %d", y.Year), DecidedOn: today,
		Reason:    fmt.Sprintf("%s đồng kinh phí trung ương chưa giải ngân năm %d", vn.Int(y.UnspentCentral), y.Year),
		CreatedAt: y.ClosedAt, ActorID: c.UserID, Actor: c.Username})
}
