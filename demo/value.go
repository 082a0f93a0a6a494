package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"baove"
	"baove/access"
	"baove/app"
	"baove/budget"
	"baove/indicators"
	"baove/units"
)

// figure is a demo value: numerator and denominator of a ratio, or a count
// (den 0).
type figure struct {
	code     indicators.Code
	num, den int64
}

// dated is a figure for a period, reported on a day; an estimate when the
// period is under way.
type dated struct {
	figure
	period   indicators.Period
	estimate bool
	on       baove.Date
}

// yearly are the demo provinces' values for 2025, chosen so that progress
// against the national targets shows every status.
var yearly = map[units.ProvinceCode][]figure{
	"01": {{"CP_STAFF_TRAINED", 1180, 1210}, {"CP_CSS_RATE", 41200, 2350000}, {"CP_CSS_SUPPORTED", 39900, 41200},
		{"CP_ABUSE_RATE", 312, 2350000}, {"CP_ABUSE_HANDLED", 301, 312}, {"CP_CHILD_FRIENDLY", 98, 126}, {"CP_PLAYSPACE", 70, 126},
		{"CP_SWC", 2, 0}, {"CP_HOTLINE_CASES", 120, 0}, {"CP_BIRTH_REG", 148800, 150000},
		{"CP_CHILD_LABOUR", 36000, 1714000}, {"CP_INJURY_RATE", 9400, 2350000}},
	"11": {{"CP_STAFF_TRAINED", 610, 700}, {"CP_CSS_RATE", 21300, 246000}, {"CP_CSS_SUPPORTED", 17900, 21300},
		{"CP_ABUSE_RATE", 41, 246000}, {"CP_ABUSE_HANDLED", 37, 41}, {"CP_CHILD_FRIENDLY", 25, 45}, {"CP_PLAYSPACE", 14, 45},
		{"CP_SWC", 1, 0}, {"CP_HOTLINE_CASES", 18, 0}, {"CP_BIRTH_REG", 17690, 19000},
		{"CP_CHILD_LABOUR", 11200, 178000}, {"CP_INJURY_RATE", 1500, 246000}},
	"79": {{"CP_STAFF_TRAINED", 1650, 1650}, {"CP_CSS_RATE", 52800, 2050000}, {"CP_CSS_SUPPORTED", 50100, 52800},
		{"CP_ABUSE_RATE", 388, 2050000}, {"CP_ABUSE_HANDLED", 380, 388}, {"CP_CHILD_FRIENDLY", 140, 168}, {"CP_PLAYSPACE", 65, 168},
		{"CP_SWC", 3, 0}, {"CP_HOTLINE_CASES", 160, 0}, {"CP_BIRTH_REG", 151300, 153000},
		{"CP_CHILD_LABOUR", 78000, 1500000}, {"CP_INJURY_RATE", 11800, 2050000}},
}

// abuseBase is roughly a quarter's detected abuse cases (docs/domain.md §8: a
// mid-size province sees tens a year).
var abuseBase = map[units.ProvinceCode]int64{"01": 22, "11": 6, "79": 28}

// behind are the provinces behind with the latest quarter of the current
// year that has ended: Điện Biên has not reported it, so that a compliance
// check fails and progress shows the quarters it holds; TP Hồ Chí Minh
// reported it lateBy days after its due date.
var (
	behind = map[units.ProvinceCode]bool{"11": true, "79": true}
	lateBy = map[units.ProvinceCode]int{"79": 18}
)

// figures returns the demo values of the planner's province for year as of
// today: the yearly values for 2025, the social work centres every year (an
// estimate while the year is under way), and CP_ABUSE_CASES for each
// quarter that has ended, except the latest one of the current year in
// Điện Biên. Each says when it was reported: ten days after its period
// (20 January for a year), or lateBy days after the due date.
func figures(p units.ProvinceCode, year int, today baove.Date) []dated {
	var out []dated
	for _, f := range yearly[p] {
		if year == 2025 || f.code == "CP_SWC" {
			period := indicators.Period{Year: year}
			out = append(out, dated{figure: f, period: period, estimate: !today.After(period.End()), on: period.End().AddDays(20)})
		}
	}
	quarters := indicators.ElapsedQuarters(year, today)
	for i, q := range quarters {
		period := indicators.Period{Year: year, Quarter: q}
		f := dated{figure: figure{code: indicators.AbuseCases, num: abuseBase[p] + int64((q*7+year)%9)}, period: period,
			on: period.End().AddDays(10)}
		if latest := i == len(quarters)-1 && year == today.Year(); latest && behind[p] {
			if lateBy[p] == 0 {
				continue
			}
			f.on = period.End().AddDays(indicators.QuarterlyDays + lateBy[p])
		}
		out = append(out, f)
	}
	return out
}

func (f dated) entry() indicators.Entry {
	e := indicators.Entry{Note: "Số liệu minh họa (demo)", Estimate: f.estimate}
	if f.den == 0 {
		e.Count = &f.num
	} else {
		e.Numerator, e.Denominator = &f.num, &f.den
	}
	return e
}

// loadValues reports the demo values of the planner's province for year
// that are not there yet, each at 09:00 of the day it says (never after
// now), through a store whose clock says so: the reporting calendar then
// finds them on time or late as the demo intends.
func loadValues(ctx context.Context, d *app.Services, planner access.Caller, year int, w io.Writer) error {
	have, err := d.Indicators.Values(ctx, planner, planner.Province, year)
	if err != nil {
		return fmt.Errorf("demo: values of %s in %d: %w", planner.Province, year, err)
	}
	exists := map[string]bool{}
	for _, v := range have {
		exists[string(v.Indicator)+v.Period.String()] = true
	}
	n := 0
	for _, f := range figures(planner.Province, year, d.Clock.Today()) {
		if exists[string(f.code)+f.period.String()] {
			continue
		}
		s, err := indicators.NewStore(d.DB, clockAt(d.Clock, f.on), d.Units, budget.ClosedYears{})
		if err != nil {
			return err
		}
		if _, err := s.PutValue(ctx, planner, indicators.ValueKey{Province: planner.Province, Indicator: f.code, Period: f.period}, f.entry()); err != nil {
			return fmt.Errorf("demo: %s %s of %s: %w", f.code, f.period, planner.Province, err)
		}
		n++
	}
	if n > 0 {
		fmt.Fprintf(w, "demo: indicator values %s %d: %d\n", planner.Province, year, n)
	}
	return nil
}

// clockAt is a clock stopped at 09:00 of day in c's zone, or at c's now
// when that is earlier.
func clockAt(c baove.Clock, day baove.Date) baove.Clock {
	t := day.Time()
	at := time.Date(t.Year(), t.Month(), t.Day(), 9, 0, 0, 0, c.Zone())
	if now := c.Now(); now.Before(at) {
		at = now
	}
	return baove.NewClock(func() time.Time { return at }, c.Zone())
}
