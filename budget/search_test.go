package budget_test

import (
	"strings"
	"testing"
	"text/template"

	"baove"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/migrations"
)

// vietnamese holds every letter with a Vietnamese mark, in both cases.
const vietnamese = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ " +
	"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"

// runMigration runs the statements of a migration file as the migrator
// renders them for db's engine.
func runMigration(t *testing.T, db *database.DB, name string) {
	t.Helper()
	raw, err := migrations.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var sql strings.Builder
	tmpl := template.Must(template.New(name).Parse(string(raw)))
	if err := tmpl.Execute(&sql, map[string]any{"Postgres": db.Engine == database.Postgres}); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range strings.Split(sql.String(), "--bun:split") {
		if strings.TrimSpace(stmt) != "" {
			if _, err := db.ExecContext(ctx, stmt); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	}
}

// TestSearchText_TheMigrationFoldsEarlierEntriesAsTheServiceDoes undoes
// the migration that adds the ledger's search text over entries the
// service wrote, and runs it again: the text it computes for them in SQL
// (every Vietnamese letter, runs of space, line breaks, a reversal found by
// its payment's voucher and description) is the service's own, on both engines, and the
// ledger is append-only again after it.
func TestSearchText_TheMigrationFoldsEarlierEntriesAsTheServiceDoes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		day := baove.NewDate(2026, 6, 1)
		paid := f.payOn(f.central, day, "PC-ĐB-Ưu-01", "Chứng  từ\n\tTẬP HUẤN  "+vietnamese)
		f.payOn(f.provinial, day, "UNC 7", "")
		_, err := f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: paid.ID, Reason: "Đảo:  " + vietnamese})
		f.check(err)
		const migration = "20261204000011_ledger_search.tx"
		runMigration(t, db, migration+".down.sql")
		runMigration(t, db, migration+".up.sql")
		var rows []struct {
			Voucher, Payment, Description, SearchText string
		}
		err = db.NewRaw(`SELECT coalesce(coalesce(d.voucher_no, o.voucher_no), '') AS voucher, coalesce(o.description, '') AS payment,
			d.description, d.search_text FROM disbursements AS d LEFT JOIN disbursements AS o ON o.id = d.reverses_id
			ORDER BY d.id`).Scan(ctx, &rows)
		f.check(err)
		if len(rows) != 3 {
			t.Fatalf("%d entries", len(rows))
		}
		for _, r := range rows {
			if want := budget.SearchText(r.Voucher, r.Payment, r.Description); r.SearchText != want {
				t.Errorf("%q %q: the migration writes %q, the service %q", r.Voucher, r.Description, r.SearchText, want)
			}
		}
		if _, err := db.ExecContext(ctx, "UPDATE disbursements SET search_text = ''"); err == nil {
			t.Error("the ledger accepts an UPDATE after the migration")
		}
	})
}
