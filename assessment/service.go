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
	"baove/database"
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
	scans      Scans
	clock      baove.Clock
	figures    *database.Memo[nationalKey, NationalFigures]
}

// Scans tells which plan versions carry their signed scan: the
// attachments package implements it, above the assessment.
type Scans interface {
	// Signed returns which of versions carry a current signed scan.
	Signed(ctx context.Context, versions []plans.ID) (map[plans.ID]bool, error)
}

// Stores are what the assessment reads, and the database they read, whose
// marks of change tell when the national figures it keeps are current
// (NationalFigures).
type Stores struct {
	Units      *units.Store
	Indicators *indicators.Store
	Plans      *plans.Store
	Budget     *budget.Store
	Scans      Scans
	DB         *database.DB
}

// New returns the assessment over the stores; it tells the date with
// clock. It fails when a store is missing, so that no check is silently
// left out.
func New(st Stores, clock baove.Clock) (*Service, error) {
	if st.Units == nil || st.Indicators == nil || st.Plans == nil || st.Budget == nil || st.Scans == nil || st.DB == nil {
		return nil, errors.New("assessment: New needs the units, indicators, plans, budget, attachments' scans and database")
	}
	return &Service{units: st.Units, indicators: st.Indicators, plans: st.Plans, budget: st.Budget, scans: st.Scans, clock: clock,
		figures: database.NewMemo[nationalKey, NationalFigures](st.DB, 4)}, nil
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
	if f.SignedScan, err = s.signed(ctx, f.Plan); err != nil {
		return f, err
	}
	cal, err := s.calendar(ctx, year, province)
	f.Reports = cal.Year(province, year)
	return f, err
}

// signed tells whether the plan in force carries its signed scan.
func (s *Service) signed(ctx context.Context, plan plans.Standing) (bool, error) {
	if plan.InForce == nil {
		return false, nil
	}
	signed, err := s.scans.Signed(ctx, []plans.ID{plan.InForce.ID})
	return signed[plan.InForce.ID], err
}

// calendar reads the reporting calendar of year as of today: the due
// rules and when province's values (every province's when empty) were
// first reported.
func (s *Service) calendar(ctx context.Context, year int, province units.ProvinceCode) (indicators.Calendar, error) {
	cal, err := s.indicators.Calendar(ctx, year, province)
	cal.Clock = s.clock
	return cal, err
}
