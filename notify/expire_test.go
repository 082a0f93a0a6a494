package notify_test

import (
	"testing"
	"time"

	"baove"
	"baove/database"
	"baove/database/dbtest"
	"baove/i18n"
	"baove/notify"
)

func TestExpire_GivesUpOldUnsentEmailsAndKeepsTheInbox(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, p := notify.NewStore(db, dbtest.Clock), addPeople(t, db)
		if err := s.SetAddress(ctx, p["planner.hanoi"], "ke.hoach@hanoi.gov.vn"); err != nil {
			t.Fatal(err)
		}
		issued := notify.Event{Kind: notify.PlanIssued, Province: "01", Args: i18n.Args{"year": 2026, "version": 1,
			"document_no": "99/KH-UBND", "issued_on": baove.NewDate(2026, 11, 28)}}
		record(t, db, issued) // e-mail off: nobody sends it
		later := dbtest.Now().Add(notify.MaxAge - time.Hour)
		issued.At, issued.Args["version"] = later, 2
		record(t, db, issued)
		weekOn := notify.NewStore(db, baove.NewClock(func() time.Time { return later.Add(2 * time.Hour) }, nil))
		if n, err := weekOn.Expire(ctx); err != nil || n != 1 {
			t.Fatalf("expired %d (%v), want the e-mail older than %s", n, err, notify.MaxAge)
		}
		if n, err := s.Backlog(ctx); err != nil || n != 1 {
			t.Errorf("backlog = %d (%v), want the younger e-mail still waiting", n, err)
		}
		if n, err := s.Unread(ctx, p["planner.hanoi"]); err != nil || n != 2 {
			t.Errorf("unread = %d (%v), want both notifications kept in the inbox", n, err)
		}
		if n, err := weekOn.Expire(ctx); err != nil || n != 0 {
			t.Errorf("expired again %d (%v), want 0", n, err)
		}
	})
}
