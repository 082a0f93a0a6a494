package budget

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"baove/units"
)

// LedgerSum is the disbursement ledger of one province and year summed:
// what backups and copies between engines check they carried whole.
type LedgerSum struct {
	Province units.ProvinceCode `bun:"province_code"`
	Year     int                `bun:"year"`
	Amount   VND                `bun:"amount"`
	Entries  int64              `bun:"entries"`
}

// LedgerSums returns the sum and the number of the ledger's entries of
// every province and year that has any, in that order, read from the
// ledger itself (not its running totals) through db, which may be a
// transaction holding a snapshot. It fails when the database does.
func LedgerSums(ctx context.Context, db bun.IDB) ([]LedgerSum, error) {
	var sums []LedgerSum
	err := db.NewRaw(`SELECT province_code, year, sum(amount) AS amount, count(*) AS entries FROM disbursements
		GROUP BY province_code, year ORDER BY province_code, year`).Scan(ctx, &sums)
	if err != nil {
		return nil, fmt.Errorf("budget: ledger sums: %w", err)
	}
	return sums, nil
}

// ProvinceYear names a province's budget year.
type ProvinceYear struct {
	Province units.ProvinceCode `bun:"province_code"`
	Year     int                `bun:"year"`
}

// ProvinceYears returns every province and year with a plan, an
// allocation, a ledger entry or a budget year, in order: the years whose
// summaries say something. It fails when the database does.
func ProvinceYears(ctx context.Context, db bun.IDB) ([]ProvinceYear, error) {
	var out []ProvinceYear
	err := db.NewRaw(`SELECT province_code, year FROM plans UNION SELECT province_code, year FROM allocations
		UNION SELECT province_code, year FROM budget_years UNION SELECT province_code, year FROM disbursements
		ORDER BY province_code, year`).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("budget: province years: %w", err)
	}
	return out, nil
}
