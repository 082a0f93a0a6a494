package bench

import (
	"context"
	"fmt"

	"baove/database"
	"baove/gen"
	"baove/units"
)

// Target is what the benchmarks read and write. Only generated entries
// count in choosing it, so that what the import benchmark adds never moves
// it from one run to the next.
type Target struct {
	// Province and Year are the province-year with the most generated ledger
	// entries: the summary, compliance and national roll-up read them.
	Province units.ProvinceCode
	Year     int
	// Entries counts the ledger entries of Province in Year.
	Entries int
	// ImportProvince is the province whose current year, open and with a
	// plan in force, the import writes to: the one with the most entries
	// that year after Province.
	ImportProvince units.ProvinceCode
	ImportYear     int
}

// chooseTarget picks the target of a generated database; it refuses any
// other, since the benchmarks write to it and add a user with a known
// password.
func chooseTarget(ctx context.Context, db *database.DB) (Target, error) {
	var t Target
	n, err := db.NewSelect().Table("audit_log").Where("action = 'dataset.generate'").Count(ctx)
	if err != nil || n == 0 {
		return t, fmt.Errorf("bench: not a database that baove gen filled (%v): the benchmarks write to it", err)
	}
	err = db.NewRaw(`SELECT province_code, year, count(*) FROM disbursements WHERE actor = ?
		GROUP BY province_code, year ORDER BY count(*) DESC, province_code, year LIMIT 1`, gen.Actor).
		Scan(ctx, &t.Province, &t.Year, &t.Entries)
	if err != nil {
		return t, fmt.Errorf("bench: no generated ledger to read (run baove gen first): %w", err)
	}
	if err := db.NewRaw("SELECT max(year) FROM plans").Scan(ctx, &t.ImportYear); err != nil {
		return t, err
	}
	err = db.NewRaw(`SELECT province_code FROM disbursements WHERE actor = ? AND year = ? AND province_code <> ?
		GROUP BY province_code ORDER BY count(*) DESC, province_code LIMIT 1`, gen.Actor, t.ImportYear, string(t.Province)).
		Scan(ctx, &t.ImportProvince)
	if err != nil {
		return t, fmt.Errorf("bench: no province to import into in %d: %w", t.ImportYear, err)
	}
	return t, nil
}
