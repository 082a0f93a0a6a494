package budget

import (
	"context"
	"fmt"

	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// BudgetFacts implements indicators.BudgetSource from the same sums as the
// summary, so that compliance and the summary never disagree.
func (s *Store) BudgetFacts(ctx context.Context, p units.ProvinceCode, year int) (indicators.BudgetFacts, error) {
	id, err := s.plans.CurrentID(ctx, s.db, p, year)
	if err != nil {
		return indicators.BudgetFacts{}, fmt.Errorf("budget: facts of %s/%d: %w", p, year, err)
	}
	sum, in, areas, err := s.compute(ctx, s.db, p, year, id)
	if err != nil {
		return indicators.BudgetFacts{}, err
	}
	return factsOf(sum, in, areas), nil
}

// factsOf derives compliance's facts from a summary and its sums.
func factsOf(sum Summary, in sums, areas []plans.TaskArea) indicators.BudgetFacts {
	f := indicators.BudgetFacts{Planned: map[indicators.FundingSource]int64{}, CentralAllocated: int64(sum.BySource[0].Allocated),
		CentralDisbursed: int64(sum.BySource[0].Disbursed), Allocated: int64(sum.Total.Allocated), Disbursed: int64(sum.Total.Disbursed)}
	for _, r := range sum.BySource {
		f.Planned[indicators.FundingSource(r.Source)] = int64(r.Planned)
	}
	for _, ta := range areas {
		planned, paid := in.planned[Central][ta.Code], in.disbursed[Central][ta.Code]
		if !ta.EligibleForCentralFunds && (planned != 0 || paid != 0) {
			f.CentralIneligible = append(f.CentralIneligible, indicators.TaskAreaMoney{TaskArea: ta.Code, Planned: int64(planned), Disbursed: int64(paid)})
		}
	}
	return f
}
