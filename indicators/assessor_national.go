package indicators

import (
	"context"
	"fmt"

	"baove/access"
	"baove/units"
)

// NationalProgress returns every province's progress in year and the
// national figures rolled up from them. Only a reviewer may read it. It
// returns EINVALID for a year out of range. It reads every province's
// plans, values and staffing at once, in a handful of queries, not a
// round of queries per province.
func (a *Assessor) NationalProgress(ctx context.Context, c access.Caller, year int) (NationalProgress, error) {
	if err := c.Require(access.Reviewer); err != nil {
		return NationalProgress{}, err
	}
	if err := CheckYear("year", year); err != nil {
		return NationalProgress{}, err
	}
	provinces, err := a.store.units.Provinces(ctx)
	if err != nil {
		return NationalProgress{}, err
	}
	cat, err := a.store.Catalogue(ctx)
	if err != nil {
		return NationalProgress{}, err
	}
	in, err := a.yearFacts(ctx, year, cat)
	if err != nil {
		return NationalProgress{}, err
	}
	np := NationalProgress{Year: year}
	all := make([]map[Code]Actual, 0, len(provinces))
	for _, p := range provinces {
		plan, actuals := in.planOf(p.Code), actualsOf(in.values[p.Code], in.coverage[p.Code])
		np.Provinces = append(np.Provinces, ProvinceProgress{Province: p, Year: year, PlanStatus: planStatus(plan),
			Items: assess(cat, year, plan, actuals)})
		all = append(all, actuals)
	}
	np.Figures = Rollup(cat, year, all)
	return np, nil
}

// yearFacts are what the national roll-up reads of every province in a
// year.
type yearFacts struct {
	plans    map[units.ProvinceCode]PlanFacts // nil when plans are not available
	values   map[units.ProvinceCode][]Value
	coverage map[units.ProvinceCode]Coverage // tallies, without the communes
}

func (a *Assessor) yearFacts(ctx context.Context, year int, cat []Indicator) (yearFacts, error) {
	var f yearFacts
	var err error
	if a.plans != nil {
		if f.plans, err = a.plans.YearPlanFacts(ctx, year); err != nil {
			return f, fmt.Errorf("indicators: plan facts of %d: %w", year, err)
		}
	}
	if f.values, err = a.store.yearValues(ctx, year, cat); err != nil {
		return f, err
	}
	f.coverage, err = a.store.tallies(ctx, year)
	return f, err
}

// planOf returns what planFacts answers for province p: nil when plans are
// not available, facts without Exists when p has no plan.
func (f yearFacts) planOf(p units.ProvinceCode) *PlanFacts {
	if f.plans == nil {
		return nil
	}
	pf := f.plans[p]
	return &pf
}
