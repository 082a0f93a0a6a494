package budget_test

import (
	"errors"
	"reflect"
	"testing"

	"baove"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
)

// EachLedgerEntry walks the ledger Ledger returns, entry by entry, and
// stops at the caller's error; its access is Ledger's.
func TestEachLedgerEntry_WalksTheLedgerOneEntryAtATime(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		for i := range 5 {
			_, err := f.pay([]budget.Line{f.central, f.provinial}[i%2], budget.VND(1_000+i))
			f.check(err)
		}
		last, err := f.pay(f.central, 7_000)
		f.check(err)
		_, err = f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: last.ID, Reason: "sai số tiền"})
		f.check(err)
		want, err := f.budget.Ledger(ctx, reviewer, "01", 2026)
		f.check(err)
		var got []budget.Disbursement
		f.check(f.budget.EachLedgerEntry(ctx, reviewer, "01", 2026, func(d budget.Disbursement) error {
			got = append(got, d)
			return nil
		}))
		if len(want) != 7 || !reflect.DeepEqual(got, want) {
			t.Errorf("walked %d entries:\n%+v\nLedger has %d:\n%+v", len(got), got, len(want), want)
		}
		stop, seen := errors.New("enough"), 0
		err = f.budget.EachLedgerEntry(ctx, reviewer, "01", 2026, func(budget.Disbursement) error { seen++; return stop })
		if !errors.Is(err, stop) || seen != 1 {
			t.Errorf("after the caller's error: %v, %d entries seen", err, seen)
		}
		_, ledgerErr := f.budget.Ledger(ctx, financeDB, "01", 2026)
		err = f.budget.EachLedgerEntry(ctx, financeDB, "01", 2026, func(budget.Disbursement) error { return nil })
		if code := baove.ErrorCode(err); code == "" || code != baove.ErrorCode(ledgerErr) {
			t.Errorf("another province's finance officer: %v, want Ledger's %v", err, ledgerErr)
		}
	})
}
