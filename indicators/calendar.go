package indicators

import (
	"time"

	"baove"
	"baove/units"
)

// The reporting calendar (docs/domain.md §7), without the database: an
// indicator is periodic when it has a due rule; each value it asks for is
// due some days after its quarter or year ends, and is reported on time,
// late, missing, or not due yet.

// Frequency is how often a periodic indicator is reported.
type Frequency string

// Frequencies.
const (
	Quarterly Frequency = "quarterly"
	Yearly    Frequency = "yearly"
)

// Defaults of the calendar: quarterly values are due 15 days after the
// quarter, yearly values by 31 January of the next year.
const (
	QuarterlyDays = 15
	YearlyDays    = 31
)

// MaxDaysAfter bounds how long after its period a value may be due.
const MaxDaysAfter = 366

// DueRule says when an indicator's values are due: DaysAfter days after
// each quarter (Quarterly) or year (Yearly) ends. Its JSON is what the
// audit trail records.
type DueRule struct {
	Indicator Code      `json:"indicator_code"`
	Frequency Frequency `json:"frequency"`
	DaysAfter int       `json:"days_after"`
}

// Takes reports whether p is a period r asks for: a quarter of a
// quarterly rule, a year of a yearly one.
func (r DueRule) Takes(p Period) bool { return (p.Quarter > 0) == (r.Frequency == Quarterly) }

// Due returns the last day on which a value for p is on time.
func (r DueRule) Due(p Period) baove.Date { return p.End().AddDays(r.DaysAfter) }

// Periods returns the periods of year r asks for, in order.
func (r DueRule) Periods(year int) []Period {
	if r.Frequency == Yearly {
		return []Period{{Year: year}}
	}
	return []Period{{year, 1}, {year, 2}, {year, 3}, {year, 4}}
}

// ReportState is where a value due from a province stands.
type ReportState string

// Report states, best first.
const (
	OnTime  ReportState = "reported" // reported by its due date
	Late    ReportState = "late"     // reported after its due date
	Missing ReportState = "missing"  // not reported, and its due date has passed
	NotDue  ReportState = "not_due"  // not reported, and its due date is still ahead (or today)
)

// worse ranks the states for a province's overall state: one missing
// value makes it missing, else one late value late, else one not yet due
// not due.
var worse = map[ReportState]int{OnTime: 0, NotDue: 1, Late: 2, Missing: 3}

// Worst returns the worse of a and b.
func Worst(a, b ReportState) ReportState {
	if worse[b] > worse[a] {
		return b
	}
	return a
}

// Report is a value due from a province, judged as of a day.
type Report struct {
	Indicator Code
	Period    Period
	DueOn     baove.Date
	// ReportedAt is when it was first reported as a final figure; nil
	// when it has not been.
	ReportedAt *time.Time
	State      ReportState
	// DaysLate is, for a late value, how many days after its due date it
	// was reported; for a missing one, how many days have passed since.
	DaysLate int
}

// Judge returns the state of a value due on due and first reported on the
// day reported (nil if not reported), as of today, with the days late.
func Judge(due baove.Date, reported *baove.Date, today baove.Date) (ReportState, int) {
	switch {
	case reported != nil && reported.After(due):
		return Late, days(due, *reported)
	case reported != nil:
		return OnTime, 0
	case today.After(due):
		return Missing, days(due, today)
	}
	return NotDue, 0
}

// days returns the days from a to b.
func days(a, b baove.Date) int {
	return int(b.Time().Sub(a.Time()).Round(time.Hour).Hours() / 24)
}

// Calendar is the reporting calendar as of a day: the due rules and when
// each value was first reported as a final figure.
type Calendar struct {
	Rules    []DueRule
	Reported map[ValueKey]time.Time
	// Clock tells today, and the day of a report in the service's zone.
	Clock baove.Clock
}

// Due returns what province owes for period p (a quarter: the quarterly
// indicators; a year: the yearly ones), in the rules' order, judged.
func (cal Calendar) Due(province units.ProvinceCode, p Period) []Report {
	var out []Report
	for _, r := range cal.Rules {
		if r.Takes(p) {
			out = append(out, cal.judge(province, r, p))
		}
	}
	return out
}

// Year returns what province owes for year: every quarter of the
// quarterly indicators and the year of the yearly ones, by rule and
// period, judged.
func (cal Calendar) Year(province units.ProvinceCode, year int) []Report {
	var out []Report
	for _, r := range cal.Rules {
		for _, p := range r.Periods(year) {
			out = append(out, cal.judge(province, r, p))
		}
	}
	return out
}

func (cal Calendar) judge(province units.ProvinceCode, r DueRule, p Period) Report {
	rep := Report{Indicator: r.Indicator, Period: p, DueOn: r.Due(p)}
	var day *baove.Date
	if at, ok := cal.Reported[ValueKey{Province: province, Indicator: r.Indicator, Period: p}]; ok {
		d := cal.Clock.Day(at)
		rep.ReportedAt, day = &at, &d
	}
	rep.State, rep.DaysLate = Judge(rep.DueOn, day, cal.Clock.Today())
	return rep
}
