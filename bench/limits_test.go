package bench_test

import (
	"context"
	"fmt"
	"time"

	"baove"
	"baove/database"
	"baove/units"
)

// The limits below are the bare SQL the reads need, run through the same
// driver and pool with the rows scanned into plain values and dropped: what
// the database itself takes to answer, with no service around it.

// countingPlan selects the version whose lines count (plans.Store.Current)
// of a province-year given as the two arguments before it.
const countingPlan = `(SELECT id FROM plans WHERE province_code = ? AND year = ?
	ORDER BY CASE WHEN status = 'approved' THEN 0 ELSE 1 END, version DESC LIMIT 1)`

// summaryLimit runs the reads a province's budget summary needs: the ledger
// (through its running totals, as the summary reads it) and the plan's
// lines by funding source and task area, the central allocations by kind,
// the year's close, and the task areas the rows are named by.
func summaryLimit(ctx context.Context, db *database.DB, p units.ProvinceCode, year int) error {
	return drainAll(ctx, db, []query{
		{`SELECT closed_at, disposition, unspent_central, return_deadline FROM budget_years WHERE province_code = ? AND year = ?`,
			[]any{string(p), year}},
		{`SELECT code, name_vi, name_en, eligible_for_central_funds FROM task_areas ORDER BY position`, nil},
		{`SELECT funding_source, task_area, sum(amount) FROM ledger_totals WHERE province_code = ? AND year = ?
			GROUP BY funding_source, task_area`, []any{string(p), year}},
		{`SELECT l.funding_source, a.task_area, sum(l.amount) FROM budget_lines AS l JOIN activities AS a ON a.id = l.activity_id
			WHERE l.plan_id = ` + countingPlan + ` GROUP BY l.funding_source, a.task_area`, []any{string(p), year}},
		{`SELECT kind, sum(amount) FROM allocations WHERE province_code = ? AND year = ? GROUP BY kind`, []any{string(p), year}},
	})
}

// provincesToday reads the provinces in force today (all, or province p),
// each with its communes in force today, as the answers of the roll-up and
// compliance name them.
func provincesToday(p units.ProvinceCode) query {
	today := baove.DateOf(time.Now())
	inForce := "valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)"
	if p != "" {
		return query{`SELECT code, name, (SELECT count(*) FROM communes WHERE province_code = ? AND ` + inForce + `)
			FROM provinces WHERE code = ?`, []any{string(p), today, today, string(p)}}
	}
	return query{`SELECT p.code, p.name, coalesce(c.n, 0) FROM provinces AS p LEFT JOIN (SELECT province_code, count(*) AS n
		FROM communes WHERE ` + inForce + ` GROUP BY province_code) AS c ON c.province_code = p.code WHERE p.valid_to IS NULL`,
		[]any{today, today}}
}

// complianceLimit runs what the compliance checks need beyond the summary's
// aggregates: the province with its communes, the plan's activities by task
// area, the communes in force in the year with and without a worker and
// the uncovered ones by name, and the quarters of abuse data reported.
func complianceLimit(ctx context.Context, db *database.DB, p units.ProvinceCode, year int) error {
	if err := summaryLimit(ctx, db, p, year); err != nil {
		return err
	}
	first, last := baove.NewDate(year, 1, 1), baove.NewDate(year, 12, 31)
	inForce := "c.province_code = ? AND c.valid_from <= ? AND (c.valid_to IS NULL OR c.valid_to >= ?)"
	staffed := "LEFT JOIN commune_staffing AS s ON s.commune_code = c.code AND s.year = ?"
	return drainAll(ctx, db, []query{
		provincesToday(p),
		{`SELECT task_area, count(*) FROM activities WHERE plan_id = ` + countingPlan + ` GROUP BY task_area`, []any{string(p), year}},
		{`SELECT count(*), sum(CASE WHEN s.full_time + s.part_time > 0 THEN 1 ELSE 0 END) FROM communes AS c ` + staffed +
			` WHERE ` + inForce, []any{year, string(p), last, first}},
		{`SELECT c.code, c.name FROM communes AS c ` + staffed + ` WHERE ` + inForce +
			` AND coalesce(s.full_time + s.part_time, 0) = 0`, []any{year, string(p), last, first}},
		{`SELECT quarter FROM indicator_values WHERE province_code = ? AND year = ? AND indicator_code = 'CP_ABUSE_CASES'
			AND quarter > 0`, []any{string(p), year}},
	})
}

// rollupLimit runs what the national roll-up needs: the provinces with
// their communes, every province's values of the year, its communes in
// force in the year with their staffing summed, and the status and targets
// of the plan version that counts.
func rollupLimit(ctx context.Context, db *database.DB, year int) error {
	first, last := baove.NewDate(year, 1, 1), baove.NewDate(year, 12, 31)
	return drainAll(ctx, db, []query{
		provincesToday(""),
		{`SELECT province_code, indicator_code, quarter, numerator, denominator, value FROM indicator_values WHERE year = ?`, []any{year}},
		{`SELECT c.province_code, count(*), count(s.commune_code), sum(CASE WHEN s.full_time + s.part_time > 0 THEN 1 ELSE 0 END),
			sum(s.villages), sum(s.villages_with_collaborator) FROM communes AS c
			LEFT JOIN commune_staffing AS s ON s.commune_code = c.code AND s.year = ?
			WHERE c.valid_from <= ? AND (c.valid_to IS NULL OR c.valid_to >= ?) GROUP BY c.province_code`, []any{year, last, first}},
		{`SELECT p.province_code, p.status, t.indicator_code, t.value FROM plans AS p LEFT JOIN plan_targets AS t ON t.plan_id = p.id
			WHERE p.year = ? AND p.id = (SELECT q.id FROM plans AS q WHERE q.province_code = p.province_code AND q.year = p.year
			ORDER BY CASE WHEN q.status = 'approved' THEN 0 ELSE 1 END, q.version DESC LIMIT 1)`, []any{year}},
	})
}

type query struct {
	sql  string
	args []any
}

func drainAll(ctx context.Context, db *database.DB, qs []query) error {
	for _, q := range qs {
		if _, err := drain(ctx, db, q.sql, q.args...); err != nil {
			return err
		}
	}
	return nil
}

// drain runs a query and reads every row into plain driver values; it
// returns how many rows there were.
func drain(ctx context.Context, db *database.DB, sql string, args ...any) (int, error) {
	rows, err := db.QueryContext(ctx, sql, args...)
	if err != nil {
		return 0, fmt.Errorf("limit: %w", err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}
