package budget

import (
	"context"

	"baove"
	"baove/access"
	"baove/units"
)

// ClosePreview is what closing a province's budget year would do, shown
// to the finance officer before they confirm it.
type ClosePreview struct {
	Province units.ProvinceCode
	Year     int
	// Central is the year's central money as it stands (once closed, with
	// its disposition and deadline).
	Central CentralFunds
	// Unspent is what the close would leave of central funds: allocated,
	// corrected and carried in, less disbursed; never below zero.
	Unspent VND
	// ReturnDeadline is when unspent funds are due back at the central
	// budget if they are returned by a close made today.
	ReturnDeadline baove.Date
	// Refusal says why the year cannot be closed now (its end not come,
	// already closed); nil when it can.
	Refusal error
	// CarryRefusal says why the unspent funds cannot be carried over
	// (the next year is closed); nil when they can.
	CarryRefusal error
}

// PreviewClose returns what closing year sum.Year would do on today, by
// the close's own rules (Books.Close) run on a copy of the books made from
// the year's summary; nextClosed says whether the next year is closed. It
// touches no database.
func PreviewClose(sum Summary, nextClosed bool, today baove.Date) ClosePreview {
	books := func() *Books {
		this, next := NewLedger(sum.Year), NewLedger(sum.Year+1)
		this.Closed, next.Closed = sum.Central.Closed, nextClosed
		this.Central = CentralMoney{Allocated: sum.Central.Allocated + sum.Central.CarriedIn, Disbursed: sum.Central.Disbursed}
		return &Books{Province: sum.Province, Today: today, Years: map[int]*Ledger{sum.Year: this, sum.Year + 1: next}}
	}
	cp := ClosePreview{Province: sum.Province, Year: sum.Year, Central: sum.Central, ReturnDeadline: today.AddDays(ReturnDays)}
	unspent, problems := books().Close(sum.Year, Return)
	cp.Unspent, cp.Refusal = max(sum.Central.Remaining, 0), errorOf(problems)
	if cp.Refusal == nil {
		cp.Unspent = unspent
		_, problems = books().Close(sum.Year, CarryOver)
		cp.CarryRefusal = errorOf(problems)
	}
	return cp
}

// ClosePreview returns what closing province p's year would do today (see
// PreviewClose). A reviewer reads every province, a provincial user their
// own (EFORBIDDEN otherwise); an unknown province is ENOTFOUND.
func (s *Store) ClosePreview(ctx context.Context, c access.Caller, p units.ProvinceCode, year int) (ClosePreview, error) {
	sum, err := s.Summary(ctx, c, p, year)
	if err != nil {
		return ClosePreview{}, err
	}
	next, err := s.Summary(ctx, c, p, year+1)
	if err != nil {
		return ClosePreview{}, err
	}
	return PreviewClose(sum, next.Central.Closed, s.clock.Today()), nil
}
