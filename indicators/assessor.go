package indicators

import (
	"context"
	"fmt"

	"baove"
	"baove/access"
	"baove/units"
)

// Assessor judges provinces: their progress towards targets and their
// compliance with the directive, from the store's values and staffing and
// the facts that plans and budget report. Either source may be nil (an
// untyped nil): the checks that need it are then not applicable, and
// progress has national targets only. Its answers are read with several
// queries, not one transaction: a report, not a ledger.
type Assessor struct {
	store  *Store
	plans  PlanSource
	budget BudgetSource
}

// NewAssessor returns an assessor over the store's data and the two
// sources; it tells the date with the store's clock.
func NewAssessor(s *Store, plans PlanSource, budget BudgetSource) *Assessor {
	return &Assessor{store: s, plans: plans, budget: budget}
}

// today is the day in the service's zone: a quarter has ended for Hà Nội
// at midnight there.
func (a *Assessor) today() baove.Date { return a.store.clock.Today() }

// Progress returns province's progress in year: each indicator with a target
// (the plan's, else the national one for the year), its latest figure and
// status. A reviewer and the province's planners and finance officers may
// read it. It returns ENOTFOUND for an unknown province and EINVALID for a
// year out of range.
func (a *Assessor) Progress(ctx context.Context, c access.Caller, province units.ProvinceCode, year int) (ProvinceProgress, error) {
	if err := c.CanRead(province); err != nil {
		return ProvinceProgress{}, err
	}
	if err := baove.CheckYear("year", year); err != nil {
		return ProvinceProgress{}, err
	}
	p, err := a.store.units.Province(ctx, province)
	if err != nil {
		return ProvinceProgress{}, err
	}
	cat, err := a.store.Catalogue(ctx)
	if err != nil {
		return ProvinceProgress{}, err
	}
	pp, _, err := a.progress(ctx, cat, p, year)
	return pp, err
}

func (a *Assessor) progress(ctx context.Context, cat []Indicator, p units.Province, year int) (ProvinceProgress, map[Code]Actual, error) {
	plan, err := a.planFacts(ctx, p.Code, year)
	if err != nil {
		return ProvinceProgress{}, nil, err
	}
	values, err := a.store.values(ctx, p.Code, year)
	if err != nil {
		return ProvinceProgress{}, nil, err
	}
	cov, err := a.store.coverage(ctx, p.Code, year)
	if err != nil {
		return ProvinceProgress{}, nil, err
	}
	actuals := actualsOf(values, cov)
	pp := ProvinceProgress{Province: p, Year: year, PlanStatus: planStatus(plan), Items: assess(cat, year, plan, actuals)}
	return pp, actuals, nil
}

// Compliance runs every check of the catalogue for province in year, as of
// today. A reviewer and the province's planners and finance officers may
// read it. It returns ENOTFOUND for an unknown province and EINVALID for a
// year out of range.
func (a *Assessor) Compliance(ctx context.Context, c access.Caller, province units.ProvinceCode, year int) (Compliance, error) {
	if err := c.CanRead(province); err != nil {
		return Compliance{}, err
	}
	if err := baove.CheckYear("year", year); err != nil {
		return Compliance{}, err
	}
	p, err := a.store.units.Province(ctx, province)
	if err != nil {
		return Compliance{}, err
	}
	f, err := a.facts(ctx, province, year)
	if err != nil {
		return Compliance{}, err
	}
	return Compliance{Province: p, Year: year, Today: f.Today, Results: Evaluate(f)}, nil
}

func (a *Assessor) facts(ctx context.Context, province units.ProvinceCode, year int) (Facts, error) {
	f := Facts{Year: year, Today: a.today()}
	var err error
	if f.Plan, err = a.planFacts(ctx, province, year); err != nil {
		return f, err
	}
	if f.Budget, err = a.budgetFacts(ctx, province, year); err != nil {
		return f, err
	}
	if f.Coverage, err = a.store.checkedCoverage(ctx, province, year); err != nil {
		return f, err
	}
	f.AbuseQuarters, err = a.store.abuseQuarters(ctx, province, year)
	return f, err
}

// planFacts asks the plan source; nil means plans are not available, and a
// source that answers ENOTFOUND is taken to mean "no plan".
func (a *Assessor) planFacts(ctx context.Context, province units.ProvinceCode, year int) (*PlanFacts, error) {
	if a.plans == nil {
		return nil, nil
	}
	f, err := a.plans.PlanFacts(ctx, province, year)
	switch {
	case baove.ErrorCode(err) == baove.ENOTFOUND:
		return &PlanFacts{}, nil
	case err != nil:
		return nil, fmt.Errorf("indicators: plan facts of %s for %d: %w", province, year, err)
	}
	return &f, nil
}

// budgetFacts is planFacts for the budget.
func (a *Assessor) budgetFacts(ctx context.Context, province units.ProvinceCode, year int) (*BudgetFacts, error) {
	if a.budget == nil {
		return nil, nil
	}
	f, err := a.budget.BudgetFacts(ctx, province, year)
	switch {
	case baove.ErrorCode(err) == baove.ENOTFOUND:
		return &BudgetFacts{}, nil
	case err != nil:
		return nil, fmt.Errorf("indicators: budget facts of %s for %d: %w", province, year, err)
	}
	return &f, nil
}

// planStatus is what ProvinceProgress.PlanStatus says of plan.
func planStatus(plan *PlanFacts) string {
	switch {
	case plan == nil:
		return ""
	case !plan.Exists:
		return "none"
	}
	return plan.Status
}
