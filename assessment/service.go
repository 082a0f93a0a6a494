// Package assessment judges provinces: their progress towards the targets
// of their plans and of the catalogue, their compliance with the 2017
// directive, and the national roll-up of both. It sits above the domains
// whose data it judges and reads them directly: the indicator catalogue,
// reported values and commune staffing (indicators), the plan in force
// (plans) and the budget summary (budget). Its pure rules (statuses,
// checks, roll-up) sit in files that touch no store, so they are tested
// without a database.
package assessment

import (
	"context"
	"errors"

	"baove"
	"baove/access"
	"baove/budget"
	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// Service answers progress and compliance from the stores. Its answers are
// read with several queries, not one transaction: a report, not a ledger.
type Service struct {
	units      *units.Store
	indicators *indicators.Store
	plans      *plans.Store
	budget     *budget.Store
	clock      baove.Clock
}

// New returns the assessment over the stores; it tells the date with
// clock. It fails when a store is missing, so that no check is silently
// left out.
func New(u *units.Store, ind *indicators.Store, p *plans.Store, b *budget.Store, clock baove.Clock) (*Service, error) {
	if u == nil || ind == nil || p == nil || b == nil {
		return nil, errors.New("assessment: New needs the units, indicators, plans and budget stores")
	}
	return &Service{units: u, indicators: ind, plans: p, budget: b, clock: clock}, nil
}

// today is the day in the service's zone: a quarter has ended for Hà Nội
// at midnight there.
func (s *Service) today() baove.Date { return s.clock.Today() }

// Progress returns province's progress in year: each indicator with a target
// (the plan's, else the national one for the year), its figure and status.
// A reviewer and the province's planners, approvers and finance officers may read it.
// It returns ENOTFOUND for an unknown province and EINVALID for a year out
// of range.
func (s *Service) Progress(ctx context.Context, c access.Caller, province units.ProvinceCode, year int) (ProvinceProgress, error) {
	p, err := s.province(ctx, c, province, year)
	if err != nil {
		return ProvinceProgress{}, err
	}
	cat, err := s.indicators.Catalogue(ctx)
	if err != nil {
		return ProvinceProgress{}, err
	}
	plan, err := s.plans.Standing(ctx, province, year)
	if err != nil {
		return ProvinceProgress{}, err
	}
	values, err := s.indicators.ProvinceValues(ctx, province, year)
	if err != nil {
		return ProvinceProgress{}, err
	}
	cov, err := s.indicators.Tally(ctx, province, year)
	if err != nil {
		return ProvinceProgress{}, err
	}
	return provinceProgress(cat, p, year, Closed(year, s.today()), plan, actualsOf(year, values, cov)), nil
}

// province checks that c may read province's assessment for year and
// returns the province.
func (s *Service) province(ctx context.Context, c access.Caller, province units.ProvinceCode, year int) (units.Province, error) {
	if err := c.CanRead(province); err != nil {
		return units.Province{}, err
	}
	if err := baove.CheckYear("year", year); err != nil {
		return units.Province{}, err
	}
	return s.units.Province(ctx, province)
}

// Compliance runs every check of the catalogue for province in year, as of
// today. A reviewer and the province's planners, approvers and finance officers may
// read it. It returns ENOTFOUND for an unknown province and EINVALID for a
// year out of range.
func (s *Service) Compliance(ctx context.Context, c access.Caller, province units.ProvinceCode, year int) (Compliance, error) {
	p, err := s.province(ctx, c, province, year)
	if err != nil {
		return Compliance{}, err
	}
	f, err := s.facts(ctx, c, province, year)
	if err != nil {
		return Compliance{}, err
	}
	return Compliance{Province: p, Year: year, Today: f.Today, Results: Evaluate(f)}, nil
}

// facts reads what the checks judge; c has been checked already, and the
// summary checks it again.
func (s *Service) facts(ctx context.Context, c access.Caller, province units.ProvinceCode, year int) (Facts, error) {
	f := Facts{Year: year, Today: s.today()}
	var err error
	if f.Plan, err = s.plans.Standing(ctx, province, year); err != nil {
		return f, err
	}
	if f.Budget, err = s.budget.Summary(ctx, c, province, year); err != nil {
		return f, err
	}
	if f.Coverage, err = s.indicators.Uncovered(ctx, province, year); err != nil {
		return f, err
	}
	f.AbuseQuarters, err = s.indicators.AbuseQuarters(ctx, province, year)
	return f, err
}
