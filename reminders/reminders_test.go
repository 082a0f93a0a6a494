package reminders_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"baove"
	"baove/access"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
	"baove/notify"
	"baove/notify/notifytest"
	"baove/reminders"
	"baove/units"
)

var ctx = context.Background()

// jan10 is 10 January 2027 at 09:00 in Hà Nội: the fourth quarter of 2026
// is due on the 15th (due soon), the third was due on 15 October (overdue).
var jan10 = baove.NewClock(func() time.Time { return time.Date(2027, 1, 10, 2, 0, 0, 0, time.UTC) }, nil)

// sweep returns the sweep over db as of clock.
func sweep(db *database.DB, clock baove.Clock) reminders.Sweep {
	return reminders.Sweep{DB: db, Units: units.NewStore(db, dbtest.Clock), Indicators: store(db, clock), Clock: clock}
}

func store(db *database.DB, clock baove.Clock) *indicators.Store {
	s, err := indicators.NewStore(db, clock, units.NewStore(db, dbtest.Clock), budget.ClosedYears{})
	if err != nil {
		panic(err)
	}
	return s
}

// report records Hà Nội's abuse cases of 2026's quarter q as a final
// figure.
func report(t *testing.T, db *database.DB, planner access.Caller, q int) {
	t.Helper()
	n := int64(3)
	k := indicators.ValueKey{Province: "01", Indicator: "CP_ABUSE_CASES", Period: indicators.Period{Year: 2026, Quarter: q}}
	if _, err := store(db, jan10).PutValue(ctx, planner, k, indicators.Entry{Count: &n}); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, s reminders.Sweep) {
	t.Helper()
	if _, err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
}

// texts returns c's notifications in English, oldest first, with their
// links.
func texts(t *testing.T, db *database.DB, c access.Caller) []string {
	t.Helper()
	in, err := notify.NewStore(db, dbtest.Clock).Inbox(ctx, c, notify.Query{Order: notify.NewestFirst, Limit: notify.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range slices.Backward(in.Items) {
		out = append(out, n.Text("en")+" "+n.Link)
	}
	return out
}

func TestSweep_RemindsThePlannersOnceOfAValueDueSoon(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		planner := notifytest.User(t, db, "planner.hanoi", access.Planner, "01")
		approver := notifytest.User(t, db, "approver.hanoi", access.Approver, "01")
		report(t, db, planner, 3) // the overdue quarter is in: only the one due soon is left
		s := sweep(db, jan10)
		run(t, s)
		run(t, s)
		want := []string{"Thành phố Hà Nội: CP_ABUSE_CASES for Q4/2026 is due by 15 January 2027. /values?year=2026&period=Q4"}
		if got := texts(t, db, planner); !slices.Equal(got, want) {
			t.Errorf("planner was told %q, want %q", got, want)
		}
		if got := texts(t, db, approver); len(got) != 0 {
			t.Errorf("approver was told %q, want nothing", got)
		}
	})
}

func TestSweep_SaysNothingOfAValueReported(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		planner := notifytest.User(t, db, "planner.hanoi", access.Planner, "01")
		other := notifytest.User(t, db, "planner.dienbien", access.Planner, "11")
		report(t, db, planner, 3)
		report(t, db, planner, 4)
		run(t, sweep(db, jan10))
		if got := texts(t, db, planner); len(got) != 0 {
			t.Errorf("planner of a province that reported was told %q", got)
		}
		if got := notifytest.Kinds(t, db, other); !slices.Equal(got, []notify.Kind{notify.ReportOverdue, notify.ReportDue}) {
			t.Errorf("planner of a province that did not report was told %v, want overdue Q3 and due Q4", got)
		}
	})
}

func TestSweep_TellsOfAValueOverdueOnceAndNotOfOldMisses(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		planner := notifytest.User(t, db, "planner.hanoi", access.Planner, "01")
		run(t, sweep(db, dbtest.Clock))
		run(t, sweep(db, baove.NewClock(func() time.Time { return dbtest.Now().Add(24 * time.Hour) }, nil)))
		// 28 November 2026: Q3 was due on 15 October; 2025's yearly values
		// were due on 31 January, longer ago than the lookback.
		want := []string{"Thành phố Hà Nội: CP_ABUSE_CASES for Q3/2026 is overdue (due 15 October 2026). " +
			"/values?year=2026&period=Q3"}
		if got := texts(t, db, planner); !slices.Equal(got, want) {
			t.Errorf("planner was told %q, want %q", got, want)
		}
	})
}

func TestDaily_SweepsOnceADay(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		now := dbtest.Now()
		clock := baove.NewClock(func() time.Time { return now }, nil)
		d := &reminders.Daily{Sweep: sweep(db, clock)}
		// 09:00, 19:00, then 05:00 and 15:00 the next day, in Hà Nội
		for i, want := range []bool{true, false, true, false} {
			swept, err := d.Tick(ctx)
			if err != nil || swept != want {
				t.Errorf("tick %d at %s: swept %v (%v), want %v", i, now, swept, err, want)
			}
			now = now.Add(10 * time.Hour)
		}
	})
}

func TestYears_CoverEveryValueThatMayBeDueNow(t *testing.T) {
	got := reminders.Years(baove.NewDate(2027, 1, 10))
	if !slices.Equal(got, []int{2025, 2026, 2027}) {
		t.Errorf("years = %v", got)
	}
}

func TestSweep_TwoInstancesAtOnceRemindOnceAndQueueOneEmail(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		planner := notifytest.User(t, db, "planner.hanoi", access.Planner, "01")
		s := notify.NewStore(db, dbtest.Clock)
		if err := s.SetAddress(ctx, planner, "ke.hoach@hanoi.gov.vn"); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Go(func() { _, errs[i] = sweep(db, dbtest.Clock).Run(ctx) })
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		if got := notifytest.Kinds(t, db, planner); !slices.Equal(got, []notify.Kind{notify.ReportOverdue}) {
			t.Errorf("the planner was told %v, want one overdue reminder", got)
		}
		if n, err := s.Backlog(ctx); err != nil || n != 1 {
			t.Errorf("outbox %d (%v), want one e-mail", n, err)
		}
	})
}
