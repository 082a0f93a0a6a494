package budget_test

import (
	"slices"
	"testing"

	"baove"
	"baove/access"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/notify"
	"baove/notify/notifytest"
)

func TestAllocate_TellsTheProvincesFinanceOfficers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 0)
		finance := notifytest.User(t, db, "finance.hanoi", access.Finance, "01")
		planner := notifytest.User(t, db, "planner.hanoi", access.Planner, "01")
		elsewhere := notifytest.User(t, db, "finance.dienbien", access.Finance, "11")
		_, _, err := f.budget.Allocate(ctx, reviewer, budget.NewAllocation{Province: "01", Year: 2026, Amount: 5_000_000,
			DecisionNo: "123/QĐ-BYT", DecidedOn: baove.NewDate(2026, 1, 15)}, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := notifytest.Kinds(t, db, finance); !slices.Equal(got, []notify.Kind{notify.AllocationRecorded}) {
			t.Errorf("finance officer was told %v", got)
		}
		if got := append(notifytest.Kinds(t, db, planner), notifytest.Kinds(t, db, elsewhere)...); len(got) != 0 {
			t.Errorf("others were told %v", got)
		}
	})
}

func TestImportDisbursements_TellsTheImporterOnlyWhenItRecords(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		importer := notifytest.User(t, db, "finance.hanoi", access.Finance, "01")
		rows := importRows(f, 3)
		rows[1].Amount = 0
		if _, _, err := f.budget.ImportDisbursements(ctx, importer, budget.Import{Province: "01", Rows: rows, Key: "bad"}); err == nil {
			t.Fatal("a bad file was recorded")
		}
		rows[1].Amount = 1_000
		_, _, err := f.budget.ImportDisbursements(ctx, importer, budget.Import{Province: "01", Rows: rows, Key: "good"})
		if err != nil {
			t.Fatal(err)
		}
		if got := notifytest.Kinds(t, db, importer); !slices.Equal(got, []notify.Kind{notify.DisbursementsIn}) {
			t.Errorf("importer was told %v, want one import done", got)
		}
	})
}
