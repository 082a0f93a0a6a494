package budget

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/uptrace/bun"
)

// totalKey groups ledger entries as ledger_totals keeps them.
type totalKey struct {
	province, lineage, source, taskArea string
	year                                int
}

func (k totalKey) compare(o totalKey) int {
	return cmp.Or(strings.Compare(k.province, o.province), cmp.Compare(k.year, o.year), strings.Compare(k.lineage, o.lineage),
		strings.Compare(k.source, o.source), strings.Compare(k.taskArea, o.taskArea))
}

// addToTotals adds entries to the ledger's running totals, within the
// transaction that writes them (after them), so that totals and ledger
// never disagree: one multi-row upsert per 500 keys, in key order, so that
// concurrent writers touch rows in one order. Callers hold the
// province-year locks.
func addToTotals(ctx context.Context, tx bun.IDB, entries []Disbursement) error {
	sums, counts := map[totalKey]int64{}, map[totalKey]int64{}
	for _, e := range entries {
		k := totalKey{string(e.Province), e.Lineage, string(e.FundingSource), e.TaskArea, e.Year}
		sums[k] += int64(e.Amount)
		counts[k]++
	}
	keys := slices.SortedFunc(maps.Keys(sums), totalKey.compare)
	for chunk := range slices.Chunk(keys, 500) {
		var values strings.Builder
		args := make([]any, 0, 7*len(chunk))
		for i, k := range chunk {
			if i > 0 {
				values.WriteString(", ")
			}
			values.WriteString("(?, ?, ?, ?, ?, ?, ?)")
			args = append(args, k.province, k.year, k.lineage, k.source, k.taskArea, sums[k], counts[k])
		}
		if _, err := tx.NewRaw(`INSERT INTO ledger_totals (province_code, year, line_lineage, funding_source, task_area, amount, entries)
			VALUES `+values.String()+` ON CONFLICT (province_code, year, line_lineage, funding_source, task_area)
			DO UPDATE SET amount = ledger_totals.amount + EXCLUDED.amount, entries = ledger_totals.entries + EXCLUDED.entries`,
			args...).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
