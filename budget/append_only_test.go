package budget_test

import (
	"testing"

	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
)

// TestLedgerTotals_HoldOnlyTheLedgersSums writes the running totals as an
// intruder with SQL would: every write that does not equal the ledger's sums
// is refused, on both engines, and the ledger's own writes still pass.
func TestLedgerTotals_HoldOnlyTheLedgersSums(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		_, err := f.pay(f.central, 1_000)
		f.check(err)
		key := "province_code = '01' AND year = 2026 AND line_lineage = '" + f.central.Lineage + "'"
		refused := []string{
			"UPDATE ledger_totals SET amount = 0 WHERE " + key,
			"UPDATE ledger_totals SET amount = amount - 1000, entries = entries - 1 WHERE " + key,
			"UPDATE ledger_totals SET year = 2025 WHERE " + key,
			"DELETE FROM ledger_totals WHERE " + key,
			"DELETE FROM ledger_totals",
			"INSERT INTO ledger_totals (province_code, year, line_lineage, funding_source, task_area, amount, entries) VALUES ('01', 2026, 'made-up', 'central', '1.3', -5000000, 1)",
			"INSERT INTO ledger_totals (province_code, year, line_lineage, funding_source, task_area, amount, entries) SELECT province_code, year, line_lineage, funding_source, task_area, 1, 1 FROM ledger_totals WHERE " + key + " ON CONFLICT (province_code, year, line_lineage, funding_source, task_area) DO UPDATE SET amount = 1",
		}
		for _, stmt := range refused {
			if _, err := db.ExecContext(ctx, stmt); err == nil {
				t.Errorf("the running totals took %q", stmt)
			}
		}
		checkTotals(t, db)
		d, err := f.pay(f.central, 2_000)
		f.check(err)
		_, err = f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: d.ID, Reason: "nhầm chứng từ"})
		f.check(err)
		_, _, err = f.budget.ImportDisbursements(ctx, financeHN, budget.Import{Province: "01", Rows: importRows(f, 20), Key: "append-only"})
		f.check(err)
		checkTotals(t, db)
	})
}

func TestLedgersAndAudit_RefuseTruncateOnPostgreSQL(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.Postgres)
	f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
	_, err := f.pay(f.central, 1_000)
	f.check(err)
	before := dbtest.Snapshot(t, db)
	for _, stmt := range []string{"TRUNCATE audit_log", "TRUNCATE disbursements CASCADE", "TRUNCATE allocations",
		"TRUNCATE ledger_totals", "TRUNCATE users CASCADE", "TRUNCATE provinces CASCADE"} {
		if _, err := db.ExecContext(ctx, stmt); err == nil {
			t.Errorf("%s passed", stmt)
		}
	}
	if dbtest.Snapshot(t, db) != before {
		t.Errorf("a TRUNCATE changed the database")
	}
}
