package indicators

import (
	"baove"
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
	if err := baove.CheckYear("year", year); err != nil {
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
	return nationalProgress(cat, provinces, in, year), nil
}

// nationalProgress judges every province's progress and rolls the figures
// up, from facts already read.
func nationalProgress(cat []Indicator, provinces []units.Province, in yearFacts, year int) NationalProgress {
	np := NationalProgress{Year: year}
	all := make([]map[Code]Actual, 0, len(provinces))
	for _, p := range provinces {
		plan, actuals := in.planOf(p.Code), actualsOf(in.values[p.Code], in.coverage[p.Code])
		np.Provinces = append(np.Provinces, ProvinceProgress{Province: p, Year: year, PlanStatus: planStatus(plan),
			Items: assess(cat, year, plan, actuals)})
		all = append(all, actuals)
	}
	np.Figures = Rollup(cat, year, all)
	return np
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

// National is every province's progress and compliance in a year, with
// the staffing tallies both were judged on.
type National struct {
	Progress   NationalProgress
	Compliance []Compliance                    // in the order of Progress.Provinces
	Coverage   map[units.ProvinceCode]Coverage // counts, without the communes
}

// National reads every province's facts for year once and answers both the
// national progress and every province's compliance as of today. budgets,
// when not nil, are the provinces' budget facts the caller has already read
// (a report that also shows the budget summaries need not read the ledger
// twice); nil asks the budget source. The checks judge as Compliance does;
// the evidence of COMMUNE_WORKERS gives the counts but does not name the
// uncovered communes (each province's own compliance does). Only a reviewer
// may. It returns EINVALID for a year out of range.
func (a *Assessor) National(ctx context.Context, c access.Caller, year int, budgets map[units.ProvinceCode]BudgetFacts) (National, error) {
	if err := c.Require(access.Reviewer); err != nil {
		return National{}, err
	}
	if err := baove.CheckYear("year", year); err != nil {
		return National{}, err
	}
	provinces, err := a.store.units.Provinces(ctx)
	if err != nil {
		return National{}, err
	}
	cat, err := a.store.Catalogue(ctx)
	if err != nil {
		return National{}, err
	}
	in, err := a.yearFacts(ctx, year, cat)
	if err != nil {
		return National{}, err
	}
	b := yearBudget(budgets)
	if budgets == nil {
		if b, err = a.yearBudgets(ctx, year); err != nil {
			return National{}, err
		}
	}
	quarters, err := a.store.yearAbuseQuarters(ctx, year)
	if err != nil {
		return National{}, err
	}
	n := National{Progress: nationalProgress(cat, provinces, in, year), Coverage: in.coverage}
	today := a.today()
	for _, p := range provinces {
		f := Facts{Year: year, Today: today, Plan: in.planOf(p.Code), Budget: b.of(p.Code), Coverage: in.coverage[p.Code],
			AbuseQuarters: quarters[p.Code]}
		n.Compliance = append(n.Compliance, Compliance{Province: p, Year: year, Today: today, Results: Evaluate(f)})
	}
	return n, nil
}

// yearBudget is what compliance reads of every province's budget; nil
// when budgets are not available.
type yearBudget map[units.ProvinceCode]BudgetFacts

func (a *Assessor) yearBudgets(ctx context.Context, year int) (yearBudget, error) {
	if a.budget == nil {
		return nil, nil
	}
	b, err := a.budget.YearBudgetFacts(ctx, year)
	if err != nil {
		return nil, fmt.Errorf("indicators: budget facts of %d: %w", year, err)
	}
	return b, nil
}

// of returns what budgetFacts answers for province p: nil when budgets are
// not available, zero facts when p has no money.
func (y yearBudget) of(p units.ProvinceCode) *BudgetFacts {
	if y == nil {
		return nil
	}
	f := y[p]
	return &f
}
