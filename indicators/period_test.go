package indicators_test

import (
	"slices"
	"testing"

	"baove"
	"baove/indicators"
)

func TestParsePeriod_TakesAYearOrAQuarter(t *testing.T) {
	for in, want := range map[string]indicators.Period{"2026": {Year: 2026}, "2026-Q1": {Year: 2026, Quarter: 1}, "2025-Q4": {Year: 2025, Quarter: 4}} {
		got, err := indicators.ParsePeriod("period", in)
		if err != nil || got != want || got.String() != in {
			t.Errorf("%q → %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "26", "2026-Q0", "2026-Q5", "2026-q1", "2026Q1", "1999", "2016-Q4", "2101-Q1"} {
		if _, err := indicators.ParsePeriod("period", in); baove.ErrorCode(err) != baove.EINVALID {
			t.Errorf("%q: %v, want EINVALID", in, err)
		}
	}
}

func TestElapsedQuarters_AreThoseThatHaveEnded(t *testing.T) {
	for _, c := range []struct {
		today baove.Date
		want  []int
	}{
		{baove.NewDate(2026, 3, 31), nil},
		{baove.NewDate(2026, 4, 1), []int{1}},
		{baove.NewDate(2026, 11, 28), []int{1, 2, 3}},
		{baove.NewDate(2027, 1, 1), []int{1, 2, 3, 4}},
		{baove.NewDate(2025, 12, 31), nil},
	} {
		if got := indicators.ElapsedQuarters(2026, c.today); !slices.Equal(got, c.want) {
			t.Errorf("on %s: %v, want %v", c.today, got, c.want)
		}
	}
}
