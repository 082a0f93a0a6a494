package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/units"
)

// A daily sweep (package reminders, which reads the reporting calendar)
// calls Remind for each value a province has not reported; Remind says so
// once per deadline and kind.

// DueSoon is how long before a deadline planners are reminded of it.
const DueSoon = 7

// Deadline is a value a province owes by a day.
type Deadline struct {
	Province  units.ProvinceCode
	Indicator string // the indicator's code, e.g. CP_ABUSE_CASES
	Period    string // as the reader reads it, e.g. "Q4/2026" or "2026"
	Due       baove.Date
	// Link is the page where the value is entered, e.g.
	// "/values?year=2026&period=Q4"; empty for none.
	Link string
}

// Reminder returns what d tells its province's planners on today:
// ReportDue from DueSoon days before the day it is due until that day,
// ReportOverdue once it has passed; false before.
func (d Deadline) Reminder(today baove.Date) (Kind, bool) {
	switch {
	case today.After(d.Due):
		return ReportOverdue, true
	case !today.Before(d.Due.AddDays(-DueSoon)):
		return ReportDue, true
	}
	return "", false
}

// Remind records, within db, d's reminder on today (Deadline.Reminder) to
// its province's planners, at the instant at; once per deadline and kind
// however often it is called. It fails when a write fails.
func Remind(ctx context.Context, db bun.IDB, d Deadline, today baove.Date, at time.Time) error {
	kind, ok := d.Reminder(today)
	if !ok {
		return nil
	}
	return Record(ctx, db, Event{Kind: kind, Province: d.Province, At: at, Link: d.Link,
		Key:  fmt.Sprintf("%s:%s:%s:%s:%s", kind, d.Province, d.Indicator, d.Period, d.Due),
		Args: map[string]any{"indicator": d.Indicator, "period": d.Period, "due": d.Due}})
}
