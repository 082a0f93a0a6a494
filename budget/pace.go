package budget

import (
	"context"
	"fmt"

	"baove"
	"baove/access"
	"baove/units"
)

// The expected pace of a year's disbursements. Nothing in the directive
// says how fast a province should spend, so the pages measure against the
// simplest line a finance officer can check by hand: what is planned for
// the year, spread evenly from 1 January to 31 December. A province behind
// that line in November has money it will struggle to spend in time.

// ExpectedPace returns what would be disbursed of planned by the end of
// day today had the year's payments gone at an even pace: planned × the
// days of year elapsed (today included) ÷ the days of the year, rounded
// down; nothing before the year begins, all of it from 31 December on.
func ExpectedPace(planned VND, year int, today baove.Date) VND {
	first, last := baove.NewDate(year, 1, 1), baove.NewDate(year, 12, 31)
	switch {
	case today.Before(first):
		return 0
	case !today.Before(last):
		return planned
	}
	days, elapsed := last.Time().YearDay(), today.Time().YearDay()
	return VND(int64(planned) * int64(elapsed) / int64(days)) // planned < 10^15: no overflow
}

// ExpectedMonthly returns the even pace's month: planned ÷ 12, rounded
// down (months differ by a few days; a chart of months reads better
// against one line).
func ExpectedMonthly(planned VND) VND { return planned / 12 }

// Months are a budget year's net disbursements (payments less reversals)
// by the month of each entry's date: [0] January … [11] December, and
// [12] the adjustment period, January of the next year.
type Months [13]VND

// add counts amount, dated on, in the months of year.
func (m *Months) add(year int, on baove.Date, amount VND) {
	switch {
	case on.Year() == year:
		m[on.Time().Month()-1] += amount
	case on.Year() == year+1:
		m[12] += amount
	}
}

// MonthlyDisbursed returns province p's net disbursements of year by
// month. A reviewer reads every province, a provincial user their own
// (EFORBIDDEN otherwise); a year out of range is EINVALID.
func (s *Store) MonthlyDisbursed(ctx context.Context, c access.Caller, p units.ProvinceCode, year int) (Months, error) {
	var m Months
	if err := c.CanRead(p); err != nil {
		return m, err
	}
	if err := baove.CheckYear("year", year); err != nil {
		return m, err
	}
	var rows []struct {
		PaidOn baove.Date
		Amount int64
	}
	err := s.db.NewSelect().TableExpr("disbursements AS d").ColumnExpr("d.paid_on, SUM(d.amount) AS amount").
		Where("d.province_code = ? AND d.year = ?", string(p), year).GroupExpr("d.paid_on").Scan(ctx, &rows)
	if err != nil {
		return m, fmt.Errorf("budget: monthly disbursements of %s/%d: %w", p, year, err)
	}
	for _, r := range rows {
		m.add(year, r.PaidOn, VND(r.Amount))
	}
	return m, nil
}
