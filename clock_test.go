package baove_test

import (
	"testing"
	"time"

	"baove"
)

func TestClock_CountsDaysInTheServiceZoneWhateverTheServerZone(t *testing.T) {
	// 06:00 in Hà Nội on 2 March is still 1 March in UTC.
	at := time.Date(2026, 3, 1, 23, 0, 0, 0, time.UTC)
	c := baove.NewClock(func() time.Time { return at.In(time.FixedZone("server", -5*3600)) }, nil)
	if got := c.Today().String(); got != "2026-03-02" {
		t.Fatalf("today = %s, want 2026-03-02 (Viet Nam's day)", got)
	}
	if got := c.Now(); got.Location() != time.UTC || !got.Equal(at) {
		t.Fatalf("now = %v, want the instant in UTC", got)
	}
}

func TestClock_ZoneIsConfigurable(t *testing.T) {
	utc := baove.NewClock(func() time.Time { return time.Date(2026, 3, 1, 23, 0, 0, 0, time.UTC) }, time.UTC)
	if got := utc.Today().String(); got != "2026-03-01" {
		t.Fatalf("today in UTC = %s", got)
	}
	if _, err := baove.LoadZone("Mars/Olympus_Mons"); err == nil {
		t.Fatal("an unknown zone was accepted")
	}
	if z, err := baove.LoadZone(baove.DefaultZone); err != nil || z.String() != baove.DefaultZone {
		t.Fatalf("default zone: %v %v", z, err)
	}
}

func TestClock_ADayStartsAtMidnightInTheServiceZone(t *testing.T) {
	got := baove.NewClock(nil, nil).StartOf(baove.NewDate(2026, 3, 2))
	if want := time.Date(2026, 3, 1, 17, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("2 March starts at %v, want %v (midnight in Hà Nội)", got.UTC(), want)
	}
}
