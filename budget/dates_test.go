package budget_test

import (
	"strings"
	"testing"
	"time"

	"baove"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/i18n"
)

// Issue 13's dates and retries, through the store on both engines: what
// cannot be true is refused, and a refusal says the numbers a finance
// officer needs.

func TestDisburse_APaymentDatedAfterTodayIsRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 1_000_000, 1_000_000)
		f.now = time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC) // 1 December in Hà Nội
		n := budget.NewDisbursement{Line: f.provinial.ID, Amount: 1_000, PaidOn: baove.NewDate(2027, 1, 31), VoucherNo: "FUT-1"}
		_, _, err := f.budget.Disburse(ctx, financeHN, n, "")
		wantField(t, err, baove.EINVALID, "paid_on", "01/12/2026")
		n.PaidOn = baove.NewDate(2026, 12, 1)
		if _, _, err := f.budget.Disburse(ctx, financeHN, n, ""); err != nil {
			t.Fatalf("a payment dated today: %v", err)
		}
	})
}

func TestReverse_TakesItsDateWithinThePaymentsYear(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2025, 1_000_000, 1_000_000, 1_000_000)
		paid, err := f.pay(f.provinial, 10_000) // paid on 10 March 2025
		f.check(err)
		_, err = f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: paid.ID, On: baove.NewDate(2025, 3, 9), Reason: "sai"})
		wantField(t, err, baove.EINVALID, "reversed_on", "10/03/2025")
		_, err = f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: paid.ID, Reason: "sai"}) // today: 28 November 2026
		wantField(t, err, baove.EINVALID, "reversed_on", "31/01/2026")
		rev, err := f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: paid.ID, On: baove.NewDate(2025, 4, 2), Reason: "sai"})
		if err != nil || rev.PaidOn != baove.NewDate(2025, 4, 2) || rev.Amount != -10_000 {
			t.Fatalf("a reversal dated 2 April 2025: %+v, %v", rev, err)
		}
	})
}

func TestAllocate_ADecisionDatedOutsideItsWindowIsRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 1_000_000, 0)
		for _, on := range []baove.Date{baove.NewDate(2030, 1, 1), baove.NewDate(2019, 6, 1)} {
			_, _, err := f.budget.Allocate(ctx, reviewer, budget.NewAllocation{Province: "01", Year: 2027, Amount: 1_000,
				DecisionNo: "1/QĐ-BYT", DecidedOn: on}, "")
			wantField(t, err, baove.EINVALID, "decided_on", "")
		}
	})
}

func TestAllocate_ARetryWithTheSameKeyAllocatesOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 1_000_000, 0)
		n := budget.NewAllocation{Province: "01", Year: 2026, Amount: 700_000, DecisionNo: "12/QĐ-BYT", DecidedOn: baove.NewDate(2026, 2, 1)}
		first, replayed, err := f.budget.Allocate(ctx, reviewer, n, "alloc-1")
		f.check(err)
		again, replayed2, err := f.budget.Allocate(ctx, reviewer, n, "alloc-1")
		if err != nil || replayed || !replayed2 || again.ID != first.ID {
			t.Fatalf("retry: %+v (replayed %v), first %+v (replayed %v), %v", again, replayed2, first, replayed, err)
		}
		n.Amount = 800_000
		_, _, err = f.budget.Allocate(ctx, reviewer, n, "alloc-1")
		wantField(t, err, baove.EINVALID, "Idempotency-Key", "")
		sum, err := f.budget.Summary(ctx, reviewer, "01", 2026)
		f.check(err)
		if sum.BySource[0].Allocated != 700_000 {
			t.Fatalf("central allocated %d, want 700000 once", sum.BySource[0].Allocated)
		}
	})
}

func TestAllocate_ACorrectionBelowWhatWasPaidSaysTheNumbers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 1_000_000, 900_000)
		_, err := f.pay(f.central, 600_000)
		f.check(err)
		_, _, err = f.budget.Allocate(ctx, reviewer, budget.NewAllocation{Province: "01", Year: 2026, Amount: -300_001,
			DecidedOn: baove.NewDate(2026, 6, 1), Reason: "Điều chỉnh giảm"}, "")
		wantField(t, err, baove.ECONFLICT, "amount", "")
		var e *baove.Error
		asError(err, &e)
		if en, vi := e.Text(i18n.EN), e.Text(i18n.VI); !contains(en, "599,999", "600,000", "900,000", "at most 300,000") ||
			!contains(vi, "599.999", "600.000", "900.000", "tối đa 300.000") {
			t.Fatalf("the refusal says:\n  %s\n  %s", en, vi)
		}
	})
}

// wantField fails unless err is an application error of code whose first
// field is field, and whose field message says says (in Vietnamese).
func wantField(t *testing.T, err error, code baove.Code, field, says string) {
	t.Helper()
	var e *baove.Error
	if !asError(err, &e) || e.Code != code || len(e.Fields) == 0 || e.Fields[0].Field != field {
		t.Fatalf("%v, want %s naming %s", err, code, field)
	}
	if says != "" && !strings.Contains(e.Fields[0].Text(i18n.VI), says) {
		t.Fatalf("%s says %q, want it to say %q", field, e.Fields[0].Text(i18n.VI), says)
	}
}
