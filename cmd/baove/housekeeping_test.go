package main

import (
	"log/slog"
	"slices"
	"testing"
	"time"

	"baove"
	"baove/access"
	"baove/app"
	"baove/database"
	"baove/database/dbtest"
	"baove/notify"
	"baove/notify/notifytest"
)

func TestHousekeeping_RemindsOnceADayAndExpiresEmailsWhenMailIsOff(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		planner := notifytest.User(t, db, "planner.hanoi", access.Planner, "01")
		now := dbtest.Now()
		clock := baove.NewClock(func() time.Time { return now }, nil)
		svc := app.MustNew(db, app.Config{Clock: clock})
		if err := svc.Notify.SetAddress(t.Context(), planner, "ke.hoach@hanoi.gov.vn"); err != nil {
			t.Fatal(err)
		}
		h := newHousekeeping(svc, false, slog.New(slog.DiscardHandler))
		h.tick(t.Context())
		h.tick(t.Context())
		// 28 November 2026: the third quarter's abuse cases were due on 15
		// October.
		if got := notifytest.Kinds(t, db, planner); !slices.Equal(got, []notify.Kind{notify.ReportOverdue}) {
			t.Fatalf("the planner was told %v, want one overdue reminder", got)
		}
		if n, err := svc.Notify.Backlog(t.Context()); err != nil || n != 1 {
			t.Fatalf("backlog %d (%v), want the reminder's e-mail", n, err)
		}
		now = now.Add(notify.MaxAge + time.Hour)
		h.tick(t.Context())
		if n, err := svc.Notify.Backlog(t.Context()); err != nil || n != 0 {
			t.Errorf("backlog %d (%v) a week on without e-mail, want it given up", n, err)
		}
		if n, err := svc.Notify.Unread(t.Context(), planner); err != nil || n != 1 {
			t.Errorf("unread %d (%v), want the reminder kept in the inbox", n, err)
		}
	})
}

func TestHousekeeping_LeavesTheOutboxToTheWorkerWhenMailIsOn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		if h := newHousekeeping(app.MustNew(db, app.Config{Clock: dbtest.Clock}), true, slog.Default()); h.expire != nil {
			t.Errorf("with e-mail on, housekeeping expires e-mails the worker may still send")
		}
	})
}
