package budget

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/uptrace/bun"

	"baove"
	"baove/database"
	"baove/units"
)

// The lock. Every write that changes what may be paid in a province-year —
// a payment, a reversal, an import, an allocation or correction, the close,
// the approval of a plan version (through Lines.Lock) — first locks the
// year's row, so that the controls' view of the ledger holds until the
// write commits, on PostgreSQL under concurrency as on SQLite (whose
// writers take turns anyway). Years are locked in ascending order, so that
// two writers never wait on each other in a cycle.

// upsertYear creates a year's row on first use and locks it: the no-op
// update holds the row lock until the transaction ends, and the statement
// returns the row, so that locking and reading the year is one statement.
const upsertYear = ` ON CONFLICT (province_code, year) DO UPDATE SET closed_by = budget_years.closed_by RETURNING *`

// lockYear locks province p's year and returns its row. An unknown
// province is EINVALID naming province_code.
func lockYear(ctx context.Context, tx bun.IDB, p units.ProvinceCode, year int) (YearRecord, error) {
	var y YearRecord
	err := tx.NewRaw("INSERT INTO budget_years (province_code, year) VALUES (?, ?)"+upsertYear, string(p), year).Scan(ctx, &y)
	if database.IsForeignKeyViolation(err) {
		return y, baove.InvalidKey("province_code", "unit.province.unknown", nil, p)
	}
	return y, err
}

// lockYears locks the years of p in ascending order and returns their
// rows by year.
func lockYears(ctx context.Context, tx bun.IDB, p units.ProvinceCode, years []int) (map[int]YearRecord, error) {
	years = slices.Sorted(slices.Values(years))
	out := make(map[int]YearRecord, len(years))
	for _, year := range slices.Compact(years) {
		y, err := lockYear(ctx, tx, p, year)
		if err != nil {
			return nil, err
		}
		out[year] = y
	}
	return out, nil
}

// lockLineYear locks the year of budget line id's plan, found and locked in
// one statement, and returns its row; ENOTFOUND when there is no such line.
func lockLineYear(ctx context.Context, tx bun.IDB, id LineID) (YearRecord, error) {
	var y YearRecord
	err := tx.NewRaw(`INSERT INTO budget_years (province_code, year) SELECT p.province_code, p.year
		FROM budget_lines AS l JOIN plans AS p ON p.id = l.plan_id WHERE l.id = ?`+upsertYear, int64(id)).Scan(ctx, &y)
	if isNoRows(err) {
		return y, lineNotFound(id)
	}
	return y, err
}

// translate maps database errors of budget writes to application errors.
func translate(err error, what string) error {
	var appErr *baove.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &appErr):
		return err
	case database.IsForeignKeyViolation(err):
		return baove.E(baove.EINVALID, "budget.reference_missing", nil)
	}
	return fmt.Errorf("budget: %s: %w", what, err)
}
