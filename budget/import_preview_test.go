package budget_test

import (
	"reflect"
	"testing"

	"baove"
	"baove/access"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
)

// TestImportDisbursements_ADryRunAnswersAsTheImportAndWritesNothing: a dry
// run of a good file answers what the import then records (rows, total,
// sums by line with what each line has left), of a bad file the very
// error the import gives, of a file imported before a replay; and none of
// them writes anything, not even the year's row the lock creates, the
// audit or the file's key.
func TestImportDisbursements_ADryRunAnswersAsTheImportAndWritesNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		rows := importRows(f, 6) // 3 rows on each line
		before := dbtest.Snapshot(t, db)
		file := budget.Import{Province: "01", Rows: rows, Key: "file", Skipped: 2, DryRun: true}
		dry, replayed, err := f.budget.ImportDisbursements(ctx, financeHN, file)
		f.check(err)
		want := budget.ImportResult{Recorded: 6, Total: 6_015, Skipped: 2, ByLine: []budget.LineTotal{
			{Line: f.central.ID, Rows: 3, Total: 3_006, Left: 10_000_000 - 3_006},
			{Line: f.provinial.ID, Rows: 3, Total: 3_009, Left: 10_000_000 - 3_009},
		}}
		if replayed || !reflect.DeepEqual(dry, want) {
			t.Fatalf("dry run %+v (replayed %v), want %+v", dry, replayed, want)
		}
		if dbtest.Snapshot(t, db) != before {
			t.Fatal("a dry run wrote to the database")
		}
		bad := rows[0]
		bad.Amount = 20_000_000
		badFile := budget.Import{Province: "01", Rows: append(rows[1:], bad), Key: "bad", DryRun: true}
		_, _, dryErr := f.budget.ImportDisbursements(ctx, financeHN, badFile)
		badFile.DryRun = false
		_, _, realErr := f.budget.ImportDisbursements(ctx, financeHN, badFile)
		if baove.ErrorCode(dryErr) != baove.ECONFLICT || !reflect.DeepEqual(dryErr, realErr) {
			t.Fatalf("a bad file: dry run %v, import %v; want the same refusal", dryErr, realErr)
		}
		file.DryRun = false
		res, _, err := f.budget.ImportDisbursements(ctx, financeHN, file)
		f.check(err)
		if !reflect.DeepEqual(res, dry) {
			t.Fatalf("the import recorded %+v, the dry run said %+v", res, dry)
		}
		before = dbtest.Snapshot(t, db)
		file.DryRun = true
		again, replayed, err := f.budget.ImportDisbursements(ctx, financeHN, file)
		if err != nil || !replayed || !reflect.DeepEqual(again, res) || dbtest.Snapshot(t, db) != before {
			t.Fatalf("a dry run of a file imported before: %+v, replayed %v, %v", again, replayed, err)
		}
	})
}

// TestImportDisbursements_ADryRunKeepsTheRulesOfAccess: only the
// province's finance officer may run a file, even without recording it.
func TestImportDisbursements_ADryRunKeepsTheRulesOfAccess(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		for _, c := range []access.Caller{financeDB, plannerHN, reviewer} {
			file := budget.Import{Province: "01", Rows: importRows(f, 2), Key: "k", DryRun: true}
			_, _, err := f.budget.ImportDisbursements(ctx, c, file)
			wantCode(t, c.Username, err, baove.EFORBIDDEN)
		}
	})
}

// TestLinesInForce_AreTheApprovedVersionsWithWhatEachHasLeft: the lines a
// template is prefilled with are those of the approved version while a
// revision is drafted, each with its activity and what it has left; none
// for a year without an approved plan; another province's finance officer
// may not read them.
func TestLinesInForce_AreTheApprovedVersionsWithWhatEachHasLeft(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 500_000, 1_000_000)
		_, err := f.pay(f.central, 400_000)
		f.check(err)
		_, err = f.plans.Revise(ctx, plannerHN, f.plan.ID)
		f.check(err)
		lines, year, err := f.budget.LinesInForce(ctx, financeHN, "01", 0)
		f.check(err)
		if year != 2026 || len(lines) != 2 || lines[0].ID != f.central.ID || lines[0].Activity != "Tổng đài 111" ||
			lines[0].Remaining() != 600_000 || lines[1].ID != f.provinial.ID || lines[1].Remaining() != 500_000 {
			t.Fatalf("lines in force of %d: %+v", year, lines)
		}
		if none, _, err := f.budget.LinesInForce(ctx, reviewer, "01", 2025); err != nil || len(none) != 0 {
			t.Fatalf("a year without a plan: %+v, %v", none, err)
		}
		_, _, err = f.budget.LinesInForce(ctx, financeDB, "01", 2026)
		wantCode(t, "another province's finance officer", err, baove.EFORBIDDEN)
		_, _, err = f.budget.LinesInForce(ctx, reviewer, "99", 2026)
		wantCode(t, "an unknown province", err, baove.ENOTFOUND)
	})
}
