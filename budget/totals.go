package budget

import (
	"context"
	"sort"

	"github.com/uptrace/bun"
)

// totalKey groups ledger entries as ledger_totals keeps them.
type totalKey struct {
	province, lineage, source, taskArea string
	year                                int
}

// addToTotals adds entries to the ledger's running totals, within the
// transaction that writes them, so that totals and ledger never disagree.
// Callers hold the province-year lock, so the upserts do not race.
func addToTotals(ctx context.Context, tx bun.IDB, entries []entryRow) error {
	sums, counts := map[totalKey]int64{}, map[totalKey]int64{}
	for _, e := range entries {
		k := totalKey{e.ProvinceCode, e.LineLineage, string(e.FundingSource), e.TaskArea, e.Year}
		sums[k] += e.Amount
		counts[k]++
	}
	keys := make([]totalKey, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].lineage+keys[i].source+keys[i].taskArea < keys[j].lineage+keys[j].source+keys[j].taskArea
	})
	for _, k := range keys {
		if _, err := tx.NewRaw(`INSERT INTO ledger_totals (province_code, year, line_lineage, funding_source, task_area, amount, entries)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (province_code, year, line_lineage, funding_source, task_area)
			DO UPDATE SET amount = ledger_totals.amount + EXCLUDED.amount, entries = ledger_totals.entries + EXCLUDED.entries`,
			k.province, k.year, k.lineage, k.source, k.taskArea, sums[k], counts[k]).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
