package budget

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/database"
	"baove/i18n"
	"baove/plans"
	"baove/units"
)

// Store keeps budget lines, allocations and the ledger.
type Store struct {
	db    *database.DB
	clock baove.Clock
	plans *plans.Store
}

// NewStore returns a store over db. Budget lines are parts of plan versions,
// edited under the plans store's rules: give plans.NewStore the Part of this
// package (Lines{}). It fails when ps is missing.
func NewStore(db *database.DB, clock baove.Clock, ps *plans.Store) (*Store, error) {
	if db == nil || ps == nil {
		return nil, errors.New("budget: NewStore needs a database and the plans store")
	}
	return &Store{db: db, clock: clock, plans: ps}, nil
}

// Lines returns a plan version's budget lines, each with what was disbursed
// from it across the plan's versions. The caller must be able to read the
// plan (see plans.Store.Plan); only its head is read.
func (s *Store) Lines(ctx context.Context, c access.Caller, plan plans.ID) ([]Line, error) {
	p, err := s.plans.Head(ctx, c, plan)
	if err != nil {
		return nil, err
	}
	var rows []paidLineRow
	if err := s.db.Select(ctx, s.db, &rows, "SELECT "+s.db.Columns((*LineRecord)(nil), "l")+`,
		a.task_area, a.lineage AS activity_lineage, `+disbursedColumn+`
		FROM budget_lines AS l JOIN activities AS a ON a.id = l.activity_id WHERE l.plan_id = ? ORDER BY l.position, l.id`,
		string(p.Province), p.Year, int64(plan)); err != nil {
		return nil, fmt.Errorf("budget: lines of %d: %w", plan, err)
	}
	out := make([]Line, len(rows))
	for i, r := range rows {
		out[i] = r.Line()
		out[i].Disbursed = VND(r.Disbursed)
	}
	return out, nil
}

// paidLineRow is a line with what was disbursed from it (withDisbursed).
type paidLineRow struct {
	LineRecord `bun:",extend"`
	Disbursed  int64 `bun:",scanonly"`
}

// withDisbursed adds to q, which selects lines, the column disbursed: what
// the ledger of province p in year paid from each line's lineage, from its
// running totals, in the same read.
func withDisbursed(q *bun.SelectQuery, p units.ProvinceCode, year int) *bun.SelectQuery {
	return q.ColumnExpr(disbursedColumn, string(p), year)
}

// disbursedColumn is the column withDisbursed adds; its arguments are the
// province and the year.
const disbursedColumn = `(SELECT coalesce(sum(t.amount), 0) FROM ledger_totals AS t
		WHERE t.province_code = ? AND t.year = ? AND t.line_lineage = l.lineage) AS disbursed`

// Line returns one budget line with what was disbursed from it. The caller
// must be able to read its plan; it returns ENOTFOUND otherwise. The plan
// is its head only (see plans.Store.Head).
func (s *Store) Line(ctx context.Context, c access.Caller, id LineID) (Line, plans.Plan, error) {
	l, err := s.lineIn(ctx, s.db, id)
	if err != nil {
		return l, plans.Plan{}, err
	}
	p, err := s.plans.Head(ctx, c, l.PlanID)
	if baove.ErrorCode(err) == baove.ENOTFOUND {
		return Line{}, p, lineNotFound(id)
	} else if err != nil {
		return Line{}, p, err
	}
	paid, err := disbursedOn(ctx, s.db, p, l.Lineage)
	l.Disbursed = paid
	return l, p, err
}

func lineNotFound(id LineID) error {
	return baove.E(baove.ENOTFOUND, "budget.line.not_found", i18n.Args{"id": int64(id)})
}

func (s *Store) lineIn(ctx context.Context, db bun.IDB, id LineID) (Line, error) {
	var r LineRecord
	err := selectLines(db, &r).Where("l.id = ?", int64(id)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Line{}, lineNotFound(id)
	} else if err != nil {
		return Line{}, fmt.Errorf("budget: line %d: %w", id, err)
	}
	return r.Line(), nil
}

// disbursedByLineage sums a province-year's ledger by line lineage.
func disbursedByLineage(ctx context.Context, db bun.IDB, province units.ProvinceCode, year int) (map[string]VND, error) {
	var rows []struct {
		LineLineage string
		Sum         int64
	}
	if err := db.NewSelect().Table("ledger_totals").Column("line_lineage").ColumnExpr("sum(amount) AS sum").
		Where("province_code = ? AND year = ?", string(province), year).Group("line_lineage").Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("budget: disbursed in %s/%d: %w", province, year, err)
	}
	out := make(map[string]VND, len(rows))
	for _, r := range rows {
		out[r.LineLineage] = VND(r.Sum)
	}
	return out, nil
}
