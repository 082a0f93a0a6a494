package gen

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"baove/budget"
	"baove/database"
	"baove/indicators"
	"baove/plans"
)

// chunk is how many rows one INSERT writes.
const chunk = 2_000

// batch is every row of one year, written together.
type batch struct {
	plans       []plans.PlanRecord
	activities  []plans.ActivityRecord
	targets     []plans.TargetRecord
	events      []plans.EventRecord
	lines       []budget.LineRecord
	years       []budget.YearRecord
	allocations []budget.Allocation
	entries     []*budget.Disbursement
	values      []indicators.ValueRecord
	staffing    []indicators.StaffingRecord
}

func (b *batch) addPlans(ps *planSet) {
	for _, v := range ps.versions {
		b.plans = append(b.plans, v.plan)
		b.activities = append(b.activities, v.activities...)
		b.targets = append(b.targets, v.targets...)
		b.events = append(b.events, v.events...)
		b.lines = append(b.lines, v.lines...)
	}
}

// insert writes the batch, parents before children.
func (b *batch) insert(ctx context.Context, tx bun.Tx) error {
	steps := []func() error{
		func() error { return insertRows(ctx, tx, b.plans) },
		func() error { return insertRows(ctx, tx, b.activities) },
		func() error { return insertRows(ctx, tx, b.targets) },
		func() error { return insertRows(ctx, tx, b.events) },
		func() error { return insertRows(ctx, tx, b.lines) },
		func() error { return insertRows(ctx, tx, b.years) },
		func() error { return insertRows(ctx, tx, b.allocations) },
		func() error { return insertRows(ctx, tx, b.entries) },
		func() error { return insertRows(ctx, tx, b.values) },
		func() error { return insertRows(ctx, tx, b.staffing) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// insertRows writes rows with multi-row INSERTs of chunk rows each.
func insertRows[T any](ctx context.Context, tx bun.Tx, rows []T) error {
	for start := 0; start < len(rows); start += chunk {
		part := rows[start:min(start+chunk, len(rows))]
		if _, err := tx.NewInsert().Model(&part).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (b *batch) count(st *Stats) {
	st.Plans += len(b.plans)
	st.Activities += len(b.activities)
	st.Lines += len(b.lines)
	st.Allocations += len(b.allocations)
	st.Staffing += len(b.staffing)
	st.Values += len(b.values)
	for _, e := range b.entries {
		if e.Kind == budget.Payment {
			st.Payments++
		} else {
			st.Reversals++
		}
	}
}

// advanceSequences moves PostgreSQL's key sequences past the generated
// keys, so that the services' next rows get fresh ones. SQLite's
// AUTOINCREMENT follows the largest key by itself.
func advanceSequences(ctx context.Context, db *database.DB, tx bun.Tx) error {
	if db.Engine != database.Postgres {
		return nil
	}
	for table := range (&keys{}).tables() {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'), max(id)) FROM %s HAVING max(id) IS NOT NULL",
			table, table)); err != nil {
			return fmt.Errorf("gen: sequence of %s: %w", table, err)
		}
	}
	return nil
}

// finish leaves the database as a long-running one would be: on
// PostgreSQL, vacuumed and analysed (what autovacuum does in time, so that
// index-only scans see an up-to-date visibility map); on SQLite, with the
// write-ahead log folded into the file.
func finish(ctx context.Context, db *database.DB) error {
	stmt := "PRAGMA wal_checkpoint(TRUNCATE)"
	if db.Engine == database.Postgres {
		tables := []string{"plans", "activities", "plan_targets", "plan_events", "budget_lines", "budget_years",
			"allocations", "disbursements", "ledger_totals", "indicator_values", "commune_staffing", "audit_log"}
		stmt = "VACUUM (ANALYZE) " + strings.Join(tables, ", ")
	}
	if _, err := db.ExecContext(ctx, stmt); err != nil {
		return fmt.Errorf("gen: finish: %w", err)
	}
	return nil
}
