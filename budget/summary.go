package budget

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/i18n"
	"baove/plans"
	"baove/units"
)

// Summary computes a province's budget for a year. A reviewer reads every
// province; a planner, approver or finance officer their own (EFORBIDDEN otherwise).
// It returns ENOTFOUND for an unknown province.
func (s *Store) Summary(ctx context.Context, c access.Caller, p units.ProvinceCode, year int) (Summary, error) {
	if err := c.CanRead(p); err != nil {
		return Summary{}, err
	}
	return s.summary(ctx, s.db, p, year)
}

func (s *Store) summary(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int) (Summary, error) {
	plan, err := s.countingPlan(ctx, db, p, year)
	if err != nil {
		return Summary{}, err
	}
	return s.compute(ctx, db, p, year, plan)
}

// compute reads the sums of a province-year, the lines counted being those
// of plan (none when nil), and summarises them. It returns ENOTFOUND for an
// unknown province.
func (s *Store) compute(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int, plan *plans.Plan) (Summary, error) {
	var id plans.ID
	if plan != nil {
		id = plan.ID
	}
	in, err := s.sums(ctx, db, p, year, id)
	if baove.ErrorCode(err) == baove.ENOTFOUND {
		return Summary{}, err
	} else if err != nil {
		return Summary{}, fmt.Errorf("budget: summary of %s/%d: %w", p, year, err)
	}
	areas, err := s.plans.TaskAreasOn(ctx, db)
	if err != nil {
		return Summary{}, err
	}
	sum := summarise(in, plan, areas)
	sum.Province, sum.Year = p, year
	return sum, nil
}

// countingPlan returns the version whose lines count (plans.Store.Current);
// nil when the province has no plan for the year.
func (s *Store) countingPlan(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int) (*plans.Plan, error) {
	plan, ok, err := s.plans.Current(ctx, db, p, year)
	if err != nil || !ok {
		return nil, err
	}
	return &plan, nil
}

func (s *Store) sums(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int, plan plans.ID) (sums, error) {
	in := sums{planned: map[FundingSource]map[string]VND{}, disbursed: map[FundingSource]map[string]VND{}, allocations: map[AllocationKind]VND{}}
	// One read for the budget year and the three sums: the year's close,
	// what the plan's lines plan, what the ledger paid, and what was
	// allocated, each row tagged with its part.
	var rows []struct {
		Part, Source, TaskArea string
		Sum                    int64
		ClosedAt               time.Time  `bun:",nullzero"`
		ReturnDeadline         baove.Date `bun:",nullzero"`
	}
	if err := s.db.Select(ctx, db, &rows, `SELECT 'year' AS part, disposition AS source, '' AS task_area, unspent_central AS sum,
		closed_at, return_deadline FROM budget_years WHERE province_code = ? AND year = ?
		UNION ALL SELECT 'planned', l.funding_source, a.task_area, sum(l.amount), NULL, NULL
		FROM budget_lines AS l JOIN activities AS a ON a.id = l.activity_id WHERE l.plan_id = ?
		GROUP BY l.funding_source, a.task_area
		UNION ALL SELECT 'disbursed', funding_source, task_area, sum(amount), NULL, NULL FROM ledger_totals
		WHERE province_code = ? AND year = ? GROUP BY funding_source, task_area
		UNION ALL SELECT 'allocated', kind, '', sum(amount), NULL, NULL FROM allocations
		WHERE province_code = ? AND year = ? GROUP BY kind`,
		string(p), year, int64(plan), string(p), year, string(p), year); err != nil {
		return in, err
	}
	for _, r := range rows {
		switch r.Part {
		case "year":
			in.year = YearRecord{ProvinceCode: string(p), Year: year, ClosedAt: r.ClosedAt, UnspentCentral: r.Sum,
				Disposition: r.Source, ReturnDeadline: r.ReturnDeadline}
		case "planned":
			add(in.planned, FundingSource(r.Source), r.TaskArea, VND(r.Sum))
		case "disbursed":
			add(in.disbursed, FundingSource(r.Source), r.TaskArea, VND(r.Sum))
		default:
			in.allocations[AllocationKind(r.Source)] += VND(r.Sum)
		}
	}
	if plan == 0 && in.empty() {
		return in, provinceExists(ctx, db, p)
	}
	return in, nil
}

// empty reports whether the sums hold nothing at all: no line, payment,
// allocation or budget year, as for a province that does not exist.
func (in sums) empty() bool {
	return len(in.planned) == 0 && len(in.disbursed) == 0 && len(in.allocations) == 0 && in.year.ProvinceCode == ""
}

// provinceExists returns ENOTFOUND unless province p exists. Summaries ask
// only when they found nothing, so a province with money costs no query.
func provinceExists(ctx context.Context, db bun.IDB, p units.ProvinceCode) error {
	n, err := db.NewSelect().Table("provinces").Where("code = ?", string(p)).Count(ctx)
	switch {
	case err != nil:
		return err
	case n == 0:
		return baove.E(baove.ENOTFOUND, "unit.province.not_found", i18n.Args{"code": string(p)})
	}
	return nil
}

func add(m map[FundingSource]map[string]VND, src FundingSource, area string, amount VND) {
	if m[src] == nil {
		m[src] = map[string]VND{}
	}
	m[src][area] += amount
}
