package notify_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/uptrace/bun"

	"baove"
	"baove/database"
	"baove/database/dbtest"
	"baove/i18n"
	"baove/notify"
)

func submitted(actor int64) notify.Event {
	return notify.Event{Kind: notify.PlanSubmitted, Province: "01", Actor: actor, Link: "/plans/7",
		Args: i18n.Args{"year": 2026, "version": 1}}
}

func TestRecord_TellsTheActiveUsersOfTheKindsRolesInTheProvince(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, p := notify.NewStore(db, dbtest.Clock), addPeople(t, db)
		record(t, db, submitted(p["planner.hanoi"].UserID))
		record(t, db, notify.Event{Kind: notify.PlanIssued, Province: "01", Actor: p["approver.hanoi"].UserID,
			Args: i18n.Args{"year": 2026, "version": 1, "document_no": "99/KH-UBND", "issued_on": baove.NewDate(2026, 11, 28)}})
		want := map[string][]string{
			"approver.hanoi":    {"Thành phố Hà Nội: the 2026 plan (version 1) was submitted and awaits issuance."},
			"planner.hanoi":     {"Thành phố Hà Nội: the 2026 plan (version 1) was issued as 99/KH-UBND on 28 November 2026."},
			"finance.hanoi":     {"Thành phố Hà Nội: the 2026 plan (version 1) was issued as 99/KH-UBND on 28 November 2026."},
			"planner.hanoi.old": nil, "planner.dienbien": nil, "approver.dienbien": nil, "reviewer": nil,
		}
		for name, texts := range want {
			if got := inbox(t, s, p[name]); !slices.Equal(got, texts) {
				t.Errorf("%s's inbox = %q, want %q", name, got, texts)
			}
		}
	})
}

func TestRecord_TellsTheImporterAloneOfTheirImport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, p := notify.NewStore(db, dbtest.Clock), addPeople(t, db)
		f := p["finance.hanoi"]
		record(t, db, notify.Event{Kind: notify.DisbursementsIn, Province: "01", User: f.UserID, Actor: f.UserID,
			Args: i18n.Args{"n": int64(1), "amount": int64(1_500_000)}})
		want := []string{"Thành phố Hà Nội: the disbursement file was imported: 1 payment recorded, 1,500,000 đồng in all."}
		if got := inbox(t, s, f); !slices.Equal(got, want) {
			t.Errorf("importer's inbox = %q, want %q", got, want)
		}
		if got := inbox(t, s, p["planner.hanoi"]); len(got) != 0 {
			t.Errorf("another user was told: %q", got)
		}
	})
}

func TestRecord_IsRolledBackWithTheEvent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, p := notify.NewStore(db, dbtest.Clock), addPeople(t, db)
		if err := s.SetAddress(ctx, p["approver.hanoi"], "lanh.dao@hanoi.gov.vn"); err != nil {
			t.Fatal(err)
		}
		failed := errors.New("the change failed")
		err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			e := submitted(p["planner.hanoi"].UserID)
			e.At = dbtest.Now()
			if err := notify.Record(ctx, tx, e); err != nil {
				return err
			}
			return failed
		})
		if !errors.Is(err, failed) {
			t.Fatal(err)
		}
		if got := inbox(t, s, p["approver.hanoi"]); len(got) != 0 {
			t.Errorf("inbox after the rollback = %q", got)
		}
		if n, err := s.Backlog(ctx); err != nil || n != 0 {
			t.Errorf("outbox after the rollback = %d, %v; want 0", n, err)
		}
	})
}

func TestRecord_QueuesAnEmailForThoseWhoGaveAnAddress(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, p := notify.NewStore(db, dbtest.Clock), addPeople(t, db)
		if err := s.SetAddress(ctx, p["planner.hanoi"], "ke.hoach@hanoi.gov.vn"); err != nil {
			t.Fatal(err)
		}
		record(t, db, notify.Event{Kind: notify.PlanIssued, Province: "01", Args: i18n.Args{"year": 2026, "version": 1,
			"document_no": "99/KH-UBND", "issued_on": baove.NewDate(2026, 11, 28)}})
		if n, err := s.Backlog(ctx); err != nil || n != 1 {
			t.Fatalf("backlog = %d, %v; want 1 (the planner's; the finance officer gave no address)", n, err)
		}
		mails, err := s.Claim(ctx, notify.Lease{Owner: "t", Until: dbtest.Now().Add(60e9)}, dbtest.Now(), 10)
		if err != nil || len(mails) != 1 || mails[0].To != "ke.hoach@hanoi.gov.vn" {
			t.Fatalf("claimed %+v, %v", mails, err)
		}
		want := "[baove] Thành phố Hà Nội: kế hoạch năm 2026 (phiên bản 1) đã được ban hành, số 99/KH-UBND ngày 28/11/2026."
		if got := mails[0].Subject(); got != want {
			t.Errorf("subject = %q", got)
		}
	})
}

func TestRecord_AReminderWithAKeyIsRecordedOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, p := notify.NewStore(db, dbtest.Clock), addPeople(t, db)
		e := notify.Event{Kind: notify.ReportDue, Province: "01", Key: "due:01:CP_ABUSE_CASES:2026Q4",
			Args: i18n.Args{"indicator": "CP_ABUSE_CASES", "period": "Q4/2026", "due": baove.NewDate(2027, 1, 15)}}
		record(t, db, e)
		record(t, db, e)
		if got := inbox(t, s, p["planner.hanoi"]); len(got) != 1 {
			t.Errorf("inbox = %q, want the reminder once", got)
		}
	})
}

func TestInbox_ListsUnreadFirstAndOpeningMarksRead(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, p := notify.NewStore(db, dbtest.Clock), addPeople(t, db)
		a := p["approver.hanoi"]
		for v := 1; v <= 3; v++ {
			e := submitted(0)
			e.Args["version"] = v
			record(t, db, e)
		}
		in, err := s.Inbox(ctx, a, notify.Query{})
		if err != nil || in.Total != 3 || in.Unread != 3 {
			t.Fatalf("inbox = %+v, %v", in, err)
		}
		oldest := in.Items[2]
		n, err := s.Open(ctx, a, oldest.ID)
		if err != nil || n.Unread() {
			t.Fatalf("open = %+v, %v; want it read", n, err)
		}
		in, _ = s.Inbox(ctx, a, notify.Query{Order: notify.UnreadFirst, Limit: 2})
		if in.Unread != 2 || len(in.Items) != 2 || !in.Items[0].Unread() || !in.Items[1].Unread() {
			t.Errorf("unread first, page 1 = %+v", in)
		}
		in, _ = s.Inbox(ctx, a, notify.Query{Order: notify.UnreadFirst, Limit: 2, Page: 2})
		if len(in.Items) != 1 || in.Items[0].ID != oldest.ID {
			t.Errorf("unread first, page 2 = %+v, want the one read", in)
		}
		_, err = s.Open(ctx, p["approver.dienbien"], oldest.ID)
		wantCode(t, err, baove.ENOTFOUND)
		_, err = s.Inbox(ctx, a, notify.Query{Order: "oldest", Limit: 1000})
		wantCode(t, err, baove.EINVALID)
	})
}

func TestSetAddress_RefusesWhatIsNotOneAddress(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, p := notify.NewStore(db, dbtest.Clock), addPeople(t, db)
		for _, bad := range []string{"lan", "Lan <lan@x.vn>", "lan@x.vn\r\nBcc: y@z.vn", "a@b.vn, c@d.vn"} {
			wantCode(t, s.SetAddress(ctx, p["planner.hanoi"], bad), baove.EINVALID)
		}
		if err := s.SetAddress(ctx, p["planner.hanoi"], " lan@hanoi.gov.vn "); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Address(ctx, p["planner.hanoi"]); got != "lan@hanoi.gov.vn" {
			t.Errorf("address = %q", got)
		}
		if err := s.SetAddress(ctx, p["planner.hanoi"], ""); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Address(ctx, p["planner.hanoi"]); got != "" {
			t.Errorf("address after clearing = %q", got)
		}
	})
}
