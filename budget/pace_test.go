package budget_test

import (
	"testing"
	"time"

	"baove"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
)

func TestExpectedPace_IsAStraightLineFromJanuaryToDecember(t *testing.T) {
	const planned = budget.VND(365_000_000)
	for _, c := range []struct {
		today baove.Date
		want  budget.VND
	}{
		{baove.NewDate(2025, 12, 31), 0},
		{baove.NewDate(2026, 1, 1), 1_000_000},
		{baove.NewDate(2026, 7, 2), 183_000_000},
		{baove.NewDate(2026, 11, 28), 332_000_000},
		{baove.NewDate(2026, 12, 31), planned},
		{baove.NewDate(2027, 1, 20), planned},
	} {
		if got := budget.ExpectedPace(planned, 2026, c.today); got != c.want {
			t.Errorf("on %s: %d, want %d", c.today, got, c.want)
		}
	}
	if got := budget.ExpectedPace(366, 2028, baove.NewDate(2028, 2, 29)); got != 60 {
		t.Errorf("a leap year's 29 February: %d of 366, want 60", got)
	}
}

func TestMonthlyDisbursed_CountsPaymentsLessReversalsByMonth(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		f.payOn(f.central, baove.NewDate(2026, 3, 2), "PC-1", "")
		f.payOn(f.provinial, baove.NewDate(2026, 3, 30), "PC-2", "")
		d := f.payOn(f.central, baove.NewDate(2026, 5, 4), "PC-3", "")
		_, err := f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: d.ID, On: baove.NewDate(2026, 6, 1), Reason: "Sai"})
		f.check(err)
		m, err := f.budget.MonthlyDisbursed(ctx, financeHN, "01", 2026)
		f.check(err)
		want := budget.Months{2: 2_000, 4: 1_000, 5: -1_000}
		if m != want {
			t.Errorf("months %v, want %v", m, want)
		}
		_, err = f.budget.MonthlyDisbursed(ctx, financeDB, "01", 2026)
		wantCode(t, "another province's finance officer", err, baove.EFORBIDDEN)
	})
}

func TestClosePreview_ShowsWhatTheCloseWillDoBeforeItIsDone(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		f.payOn(f.central, baove.NewDate(2026, 3, 2), "PC-1", "")
		early, err := f.budget.ClosePreview(ctx, financeHN, "01", 2026)
		f.check(err)
		if baove.ErrorCode(early.Refusal) != baove.ECONFLICT || early.Unspent != 9_999_000 {
			t.Errorf("before the year's end: %+v, want a refusal and 9.999.000 unspent", early)
		}
		f.now = time.Date(2027, 1, 5, 2, 0, 0, 0, time.UTC)
		p, err := f.budget.ClosePreview(ctx, financeHN, "01", 2026)
		f.check(err)
		if p.Refusal != nil || p.CarryRefusal != nil || p.Unspent != 9_999_000 || p.ReturnDeadline != baove.NewDate(2027, 2, 4) {
			t.Fatalf("after the year's end: %+v", p)
		}
		sum, err := f.budget.Close(ctx, financeHN, budget.YearEnd{Province: "01", Year: 2026, Disposition: budget.Return})
		f.check(err)
		if budget.VND(sum.Central.Unspent) != p.Unspent || sum.Central.ReturnDeadline != p.ReturnDeadline {
			t.Errorf("the close did %+v, the preview said %+v", sum.Central, p)
		}
		after, err := f.budget.ClosePreview(ctx, financeHN, "01", 2026)
		f.check(err)
		if baove.ErrorCode(after.Refusal) != baove.ECONFLICT || !after.Central.Closed {
			t.Errorf("a closed year's preview: %+v", after)
		}
	})
}

func TestEntry_ReadsOneEntryOfTheCallersProvince(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		d := f.payOn(f.central, baove.NewDate(2026, 3, 2), "PC-1", "Tập huấn")
		got, err := f.budget.Entry(ctx, financeHN, d.ID)
		if err != nil || got.ID != d.ID || got.VoucherNo != "PC-1" || got.Amount != 1_000 {
			t.Errorf("entry %+v, %v", got, err)
		}
		_, err = f.budget.Entry(ctx, financeDB, d.ID)
		wantCode(t, "another province's entry", err, baove.ENOTFOUND)
	})
}
