// Package reminders tells provinces of the values they owe by the reporting
// calendar: a daily sweep finds, for today, each province's values that are
// due within notify.DueSoon days or overdue and not reported, and reminds
// the province's planners (notify.Remind), once per deadline and kind.
//
// It sits above indicators (the calendar), units (the provinces in force)
// and notify (the inbox), so that notify knows nothing of the calendar.
package reminders

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/database"
	"baove/indicators"
	"baove/notify"
	"baove/units"
)

// Lookback is how many days after its deadline a value not reported is
// still reminded of: a service started after a long pause reminds of the
// last quarter's misses, not of every value ever missed (the reporting
// page shows those).
const Lookback = 92

// Deadlines returns the values provinces owe by cal, as of its clock's
// today, that a reminder is due for: not reported, and due within
// notify.DueSoon days or overdue by at most Lookback days; by province,
// then rule, then period.
func Deadlines(cal indicators.Calendar, provinces []units.ProvinceCode) []notify.Deadline {
	today := cal.Clock.Today()
	var out []notify.Deadline
	for _, p := range provinces {
		for _, year := range Years(today) {
			for _, r := range cal.Year(p, year) {
				if r.ReportedAt == nil && inWindow(r.DueOn, today) {
					out = append(out, deadline(p, r))
				}
			}
		}
	}
	return out
}

// Years returns the years whose values may be due in the window around
// today (a value is due at most indicators.MaxDaysAfter days after its
// period ends), oldest first.
func Years(today baove.Date) []int {
	var out []int
	for y := today.AddDays(-Lookback - indicators.MaxDaysAfter).Year(); y <= today.Year(); y++ {
		out = append(out, y)
	}
	return out
}

// inWindow reports whether a value due on due is reminded of on today.
func inWindow(due, today baove.Date) bool {
	return !due.Before(today.AddDays(-Lookback)) && !due.After(today.AddDays(notify.DueSoon))
}

// deadline is report r of province p as a reminder names it, with the
// values page of its period as its link.
func deadline(p units.ProvinceCode, r indicators.Report) notify.Deadline {
	period, param := strconv.Itoa(r.Period.Year), "year"
	if q := r.Period.Quarter; q > 0 {
		period, param = fmt.Sprintf("Q%d/%d", q, r.Period.Year), fmt.Sprintf("Q%d", q)
	}
	return notify.Deadline{Province: p, Indicator: string(r.Indicator), Period: period, Due: r.DueOn,
		Link: fmt.Sprintf("/values?year=%d&period=%s", r.Period.Year, param)}
}

// Sweep reminds every province in force of what it owes.
type Sweep struct {
	DB         *database.DB
	Units      *units.Store
	Indicators *indicators.Store
	Clock      baove.Clock
}

// Run reminds, as of today, each province's planners of each value
// Deadlines finds, and returns how many deadlines it found. Each reminder
// is recorded in its own transaction, once per deadline and kind however
// often Run runs (on one instance or several). It fails when the calendar
// cannot be read or a reminder cannot be written; the next run records
// what this one missed.
func (s Sweep) Run(ctx context.Context) (int, error) {
	cal, provinces, err := s.calendar(ctx)
	if err != nil {
		return 0, err
	}
	ds := Deadlines(cal, provinces)
	today, at := s.Clock.Today(), s.Clock.Now()
	for _, d := range ds {
		err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			return notify.Remind(ctx, tx, d, today, at)
		})
		if err != nil {
			return len(ds), fmt.Errorf("reminders: %s %s %s: %w", d.Province, d.Indicator, d.Period, err)
		}
	}
	return len(ds), nil
}

// calendar reads the due rules, the values reported in the years of the
// window and the provinces in force.
func (s Sweep) calendar(ctx context.Context) (indicators.Calendar, []units.ProvinceCode, error) {
	cal := indicators.Calendar{Clock: s.Clock, Reported: map[indicators.ValueKey]time.Time{}}
	var err error
	if cal.Rules, err = s.Indicators.DueRules(ctx); err != nil {
		return cal, nil, err
	}
	for _, year := range Years(s.Clock.Today()) {
		reported, err := s.Indicators.Reported(ctx, year, "")
		if err != nil {
			return cal, nil, err
		}
		maps.Copy(cal.Reported, reported)
	}
	all, err := s.Units.ProvinceNames(ctx)
	if err != nil {
		return cal, nil, fmt.Errorf("reminders: provinces: %w", err)
	}
	provinces := make([]units.ProvinceCode, len(all))
	for i, p := range all {
		provinces[i] = p.Code
	}
	return cal, provinces, nil
}
