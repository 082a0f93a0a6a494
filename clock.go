package baove

import (
	"fmt"
	"time"
	_ "time/tzdata" // the zone database in the binary: a closed network has no other
)

// DefaultZone is the time zone whose days the service counts unless
// configured otherwise: Viet Nam's (UTC+7, no daylight saving time). It is
// the one place the zone is named.
const DefaultZone = "Asia/Ho_Chi_Minh"

// Clock tells the instant and the calendar day in the service's zone. Every
// date that comes from "now" (a reversal's day, today's compliance, the
// report's date, whether a quarter has ended) is read from one Clock, so
// that a server running in UTC counts the same days as one in Hà Nội.
type Clock struct {
	now  func() time.Time
	zone *time.Location
}

// NewClock returns a clock reading now (time.Now when nil) in zone (the
// DefaultZone when nil).
func NewClock(now func() time.Time, zone *time.Location) Clock {
	return Clock{now: now, zone: zone}
}

// LoadZone returns the time zone named name (an IANA name such as
// "Asia/Ho_Chi_Minh"); it fails for an unknown name.
func LoadZone(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w", name, err)
	}
	return loc, nil
}

var defaultZone = func() *time.Location {
	loc, err := time.LoadLocation(DefaultZone)
	if err != nil {
		panic(err) // time/tzdata is linked in, so the zone is always there
	}
	return loc
}()

// Now returns the current instant in UTC, as the database stores instants.
func (c Clock) Now() time.Time {
	if c.now == nil {
		return time.Now().UTC()
	}
	return c.now().UTC()
}

// Zone returns the zone whose days the clock counts.
func (c Clock) Zone() *time.Location {
	if c.zone == nil {
		return defaultZone
	}
	return c.zone
}

// Today returns the current day in the clock's zone.
func (c Clock) Today() Date { return c.Day(c.Now()) }

// Day returns the calendar day of instant t in the clock's zone.
func (c Clock) Day(t time.Time) Date { return DateOf(t.In(c.Zone())) }

// Local returns instant t in the clock's zone, for display.
func (c Clock) Local(t time.Time) time.Time { return t.In(c.Zone()) }

// StartOf returns the instant day d begins in the clock's zone: the bound
// of a search by days, such as the audit trail's.
func (c Clock) StartOf(d Date) time.Time {
	t := d.Time()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, c.Zone())
}
