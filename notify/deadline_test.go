package notify_test

import (
	"slices"
	"testing"

	"baove"
	"baove/database"
	"baove/database/dbtest"
	"baove/notify"
)

func TestDeadline_RemindsAWeekBeforeAndOnceOverdue(t *testing.T) {
	d := notify.Deadline{Province: "01", Indicator: "CP_ABUSE_CASES", Period: "Q4/2026", Due: baove.NewDate(2027, 1, 15)}
	for day, want := range map[int]notify.Kind{7: "", 8: notify.ReportDue, 15: notify.ReportDue, 16: notify.ReportOverdue} {
		got, _ := d.Reminder(baove.NewDate(2027, 1, day))
		if got != want {
			t.Errorf("on %d January: %q, want %q", day, got, want)
		}
	}
}

func TestRemind_TellsThePlannersOncePerKind(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, p := notify.NewStore(db, dbtest.Clock), addPeople(t, db)
		d := notify.Deadline{Province: "01", Indicator: "CP_ABUSE_CASES", Period: "Q4/2026", Due: baove.NewDate(2027, 1, 15)}
		for _, day := range []int{1, 9, 10, 15, 16, 20} {
			if err := notify.Remind(ctx, db, d, baove.NewDate(2027, 1, day), dbtest.Now()); err != nil {
				t.Fatal(err)
			}
		}
		want := []string{"Thành phố Hà Nội: CP_ABUSE_CASES for Q4/2026 is overdue (due 15 January 2027).",
			"Thành phố Hà Nội: CP_ABUSE_CASES for Q4/2026 is due by 15 January 2027."}
		if got := inbox(t, s, p["planner.hanoi"]); !slices.Equal(got, want) {
			t.Errorf("planner's inbox = %q, want %q", got, want)
		}
	})
}
