package baove

import (
	"database/sql/driver"
	"fmt"
	"time"

	"baove/i18n"
)

// Date is a calendar day with no time zone: a plan year's bounds, a payment
// date, the first day a unit is valid. It is stored as DATE on PostgreSQL and
// as 'YYYY-MM-DD' text on SQLite, and written as "YYYY-MM-DD" in JSON.
// The zero Date means "no date".
type Date struct {
	t time.Time // midnight UTC
}

// NewDate returns the date of year, month and day, normalising overflow the
// way time.Date does.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	return NewDate(t.Date())
}

// ParseDate parses "YYYY-MM-DD"; it returns an error for anything else,
// including impossible days such as 2026-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("not a date of the form YYYY-MM-DD: %q", s)
	}
	return Date{t}, nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Year returns d's year.
func (d Date) Year() int { return d.t.Year() }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return d.t }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }

// After reports whether d is later than o.
func (d Date) After(o Date) bool { return d.t.After(o.t) }

// String returns "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// Localize implements i18n.Localizer: "02/03/2026" in Vietnamese (day
// first, as Vietnamese documents write it), "2 March 2026" in English.
func (d Date) Localize(lang i18n.Lang) string {
	switch {
	case d.IsZero():
		return ""
	case lang == i18n.VI:
		return d.t.Format("02/01/2006")
	}
	return d.t.Format("2 January 2006")
}

// Value implements driver.Valuer: the zero Date is NULL.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan implements sql.Scanner for DATE (PostgreSQL) and TEXT (SQLite) columns.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = NewDate(v.Date())
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	}
	return fmt.Errorf("baove.Date: cannot scan %T", src)
}

func (d *Date) scanText(s string) error {
	if len(s) > len(time.DateOnly) {
		s = s[:len(time.DateOnly)] // tolerate a time part written by another tool
	}
	parsed, err := ParseDate(s)
	*d = parsed
	return err
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	parsed, err := ParseDate(string(b))
	*d = parsed
	return err
}
