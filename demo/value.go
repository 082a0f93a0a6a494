package demo

import (
	"context"
	"fmt"
	"io"

	"baove"
	"baove/access"
	"baove/indicators"
	"baove/units"
)

// figure is a demo value: numerator and denominator of a ratio, or a count
// (den 0).
type figure struct {
	code     indicators.Code
	num, den int64
}

// dated is a figure for a period; an estimate when the period is under
// way.
type dated struct {
	figure
	period   indicators.Period
	estimate bool
}

// yearly are the demo provinces' values for 2025, chosen so that progress
// against the national targets shows every status.
var yearly = map[units.ProvinceCode][]figure{
	"01": {{"CP_STAFF_TRAINED", 1180, 1210}, {"CP_CSS_RATE", 41200, 2350000}, {"CP_CSS_SUPPORTED", 39900, 41200},
		{"CP_ABUSE_RATE", 312, 2350000}, {"CP_CHILD_FRIENDLY", 98, 126}, {"CP_PLAYSPACE", 70, 126},
		{"CP_SWC", 2, 0}, {"CP_HOTLINE_CASES", 120, 0}, {"CP_BIRTH_REG", 148800, 150000},
		{"CP_CHILD_LABOUR", 36000, 1714000}, {"CP_INJURY_RATE", 9400, 2350000}},
	"11": {{"CP_STAFF_TRAINED", 610, 700}, {"CP_CSS_RATE", 21300, 246000}, {"CP_CSS_SUPPORTED", 17900, 21300},
		{"CP_ABUSE_RATE", 41, 246000}, {"CP_CHILD_FRIENDLY", 25, 45}, {"CP_PLAYSPACE", 14, 45},
		{"CP_SWC", 1, 0}, {"CP_HOTLINE_CASES", 18, 0}, {"CP_BIRTH_REG", 17690, 19000},
		{"CP_CHILD_LABOUR", 11200, 178000}, {"CP_INJURY_RATE", 1500, 246000}},
	"79": {{"CP_STAFF_TRAINED", 1650, 1650}, {"CP_CSS_RATE", 52800, 2050000}, {"CP_CSS_SUPPORTED", 50100, 52800},
		{"CP_ABUSE_RATE", 388, 2050000}, {"CP_CHILD_FRIENDLY", 140, 168}, {"CP_PLAYSPACE", 65, 168},
		{"CP_SWC", 3, 0}, {"CP_HOTLINE_CASES", 160, 0}, {"CP_BIRTH_REG", 151300, 153000},
		{"CP_CHILD_LABOUR", 78000, 1500000}, {"CP_INJURY_RATE", 11800, 2050000}},
}

// abuseBase is roughly a quarter's detected abuse cases (docs/domain.md §8: a
// mid-size province sees tens a year).
var abuseBase = map[units.ProvinceCode]int64{"01": 22, "11": 6, "79": 28}

// late are the provinces that have not yet reported the latest quarter of
// the current year, so that a compliance check fails and progress shows
// the quarters it holds.
var late = map[units.ProvinceCode]bool{"11": true, "79": true}

// figures returns the demo values of the planner's province for year as of
// today: the yearly values for 2025, the social work centres every year (an
// estimate while the year is under way), and CP_ABUSE_CASES for each
// quarter that has ended, except the latest one of the current year in the
// late provinces.
func figures(p units.ProvinceCode, year int, today baove.Date) []dated {
	var out []dated
	for _, f := range yearly[p] {
		if year == 2025 || f.code == "CP_SWC" {
			period := indicators.Period{Year: year}
			out = append(out, dated{f, period, !today.After(period.End())})
		}
	}
	quarters := indicators.ElapsedQuarters(year, today)
	if late[p] && year == today.Year() && len(quarters) > 0 {
		quarters = quarters[:len(quarters)-1]
	}
	for _, q := range quarters {
		f := figure{code: indicators.AbuseCases, num: abuseBase[p] + int64((q*7+year)%9)}
		out = append(out, dated{f, indicators.Period{Year: year, Quarter: q}, false})
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
// that are not there yet.
func loadValues(ctx context.Context, s *indicators.Store, planner access.Caller, year int, today baove.Date, w io.Writer) error {
	have, err := s.Values(ctx, planner, planner.Province, year)
	if err != nil {
		return fmt.Errorf("demo: values of %s in %d: %w", planner.Province, year, err)
	}
	exists := map[string]bool{}
	for _, v := range have {
		exists[string(v.Indicator)+v.Period.String()] = true
	}
	n := 0
	for _, f := range figures(planner.Province, year, today) {
		if exists[string(f.code)+f.period.String()] {
			continue
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
