package indicators

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"baove"
	"baove/i18n"
)

// Period is what a reported value covers: a whole year (Quarter 0) or one
// quarter of it.
type Period struct {
	Year    int
	Quarter int // 1–4, or 0 for the whole year
}

var periodRE = regexp.MustCompile(`^([0-9]{4})(?:-Q([1-4]))?$`)

// ParsePeriod reads "2026" or "2026-Q1" … "2026-Q4"; for anything else, or a
// year out of range, it returns an EINVALID error naming field.
func ParsePeriod(field, s string) (Period, error) {
	m := periodRE.FindStringSubmatch(s)
	if m == nil {
		return Period{}, baove.InvalidKey(field, "period.form", nil, s)
	}
	year, _ := strconv.Atoi(m[1])
	quarter, _ := strconv.Atoi("0" + m[2])
	if err := baove.CheckYear(field, year); err != nil {
		return Period{}, err
	}
	return Period{Year: year, Quarter: quarter}, nil
}

// String returns "2026" or "2026-Q3".
func (p Period) String() string {
	if p.Quarter == 0 {
		return strconv.Itoa(p.Year)
	}
	return fmt.Sprintf("%d-Q%d", p.Year, p.Quarter)
}

// MarshalText implements encoding.TextMarshaler, for the audit trail.
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// Start returns the first day of the period.
func (p Period) Start() baove.Date {
	if p.Quarter == 0 {
		return baove.NewDate(p.Year, 1, 1)
	}
	return baove.NewDate(p.Year, time.Month(3*p.Quarter-2), 1)
}

// End returns the last day of the period.
func (p Period) End() baove.Date {
	if p.Quarter == 0 {
		return baove.NewDate(p.Year, 12, 31)
	}
	return baove.NewDate(p.Year, time.Month(3*p.Quarter+1), 1).AddDays(-1)
}

// ElapsedQuarters returns the quarters of year that have ended by today, in
// order: none during the first quarter or before the year, all four after it.
func ElapsedQuarters(year int, today baove.Date) []int {
	var out []int
	for q := 1; q <= 4; q++ {
		if today.After(Period{Year: year, Quarter: q}.End()) {
			out = append(out, q)
		}
	}
	return out
}

// quarterNames are the quarters as Vietnamese documents write them.
var quarterNames = [5]string{"", "I", "II", "III", "IV"}

// Localize implements i18n.Localizer: "quý III/2026" or "năm 2026" in
// Vietnamese (docs/domain.md §6), "Q3 2026" or "2026" in English.
func (p Period) Localize(lang i18n.Lang) string {
	switch {
	case lang == i18n.VI && p.Quarter == 0:
		return fmt.Sprintf("năm %d", p.Year)
	case lang == i18n.VI:
		return fmt.Sprintf("quý %s/%d", quarterNames[p.Quarter], p.Year)
	case p.Quarter == 0:
		return strconv.Itoa(p.Year)
	}
	return fmt.Sprintf("Q%d %d", p.Quarter, p.Year)
}
