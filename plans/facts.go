package plans

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"baove/indicators"
	"baove/units"
)

// Current returns the version of a province's plan for a year that counts:
// the approved one in force, else the latest. It reports false when the
// province has no plan for the year. It does not check a caller: callers
// are the budget summary and the indicator facts, which check theirs.
func (s *Store) Current(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int) (Plan, bool, error) {
	var rows []planRow
	err := db.NewSelect().Model(&rows).Where("province_code = ? AND year = ?", string(p), year).
		OrderExpr("CASE WHEN status = 'approved' THEN 0 ELSE 1 END, version DESC").Limit(1).Scan(ctx)
	if err != nil {
		return Plan{}, false, fmt.Errorf("plans: current plan of %s/%d: %w", p, year, err)
	}
	if len(rows) == 0 {
		return Plan{}, false, nil
	}
	plan, err := s.load(ctx, db, rows[0])
	return plan, true, err
}

// PlanFacts implements indicators.PlanSource with the version that counts
// (see Current).
func (s *Store) PlanFacts(ctx context.Context, p units.ProvinceCode, year int) (indicators.PlanFacts, error) {
	plan, ok, err := s.Current(ctx, s.db, p, year)
	if err != nil || !ok {
		return indicators.PlanFacts{}, err
	}
	f := indicators.PlanFacts{Exists: true, Status: string(plan.Status), Approved: plan.Status == Approved,
		Activities: map[string]int{}, Targets: map[indicators.Code]decimal.Decimal{}}
	for _, a := range plan.Activities {
		f.Activities[a.TaskArea]++
	}
	for _, t := range plan.Targets {
		f.Targets[t.Indicator] = t.Value
	}
	return f, nil
}
