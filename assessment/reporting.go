package assessment

import (
	"context"
	"slices"
	"strings"

	"baove"
	"baove/access"
	"baove/indicators"
	"baove/units"
)

// ProvinceReporting is what a province owes for a period, judged.
type ProvinceReporting struct {
	Province units.Province
	// State is the worst of its reports: missing, else late, else not due,
	// else reported on time; not due when it owes nothing for the period.
	State   indicators.ReportState
	Reports []indicators.Report
}

// Reporting is every province's reporting for one period of the calendar.
type Reporting struct {
	Period indicators.Period
	Today  baove.Date
	// Rules are the calendar's rules that ask for the period.
	Rules []indicators.DueRule
	// Provinces are the provinces in force, in code order.
	Provinces []ProvinceReporting
	// Summary counts them by state.
	Summary Completeness
}

// Reporting returns, for period p (a quarter or a year), what each
// province in force owes by the reporting calendar and where it stands as
// of today: reported on time, late (by how many days), missing (how many
// days overdue so far) or not due. Only a reviewer may (EFORBIDDEN). It
// returns EINVALID for a year out of range.
func (s *Service) Reporting(ctx context.Context, c access.Caller, p indicators.Period) (Reporting, error) {
	if err := c.Require(access.Reviewer); err != nil {
		return Reporting{}, err
	}
	if err := baove.CheckYear("period", p.Year); err != nil {
		return Reporting{}, err
	}
	provinces, err := s.units.Provinces(ctx)
	if err != nil {
		return Reporting{}, err
	}
	slices.SortFunc(provinces, func(a, b units.Province) int { return strings.Compare(string(a.Code), string(b.Code)) })
	cal, err := s.calendar(ctx, p.Year, "")
	if err != nil {
		return Reporting{}, err
	}
	return reportingOf(cal, provinces, p), nil
}

// reportingOf judges every province's reports for p.
func reportingOf(cal indicators.Calendar, provinces []units.Province, p indicators.Period) Reporting {
	r := Reporting{Period: p, Today: cal.Clock.Today(), Summary: Completeness{Period: p, Provinces: len(provinces)}}
	for _, rule := range cal.Rules {
		if rule.Takes(p) {
			r.Rules = append(r.Rules, rule)
		}
	}
	for _, prov := range provinces {
		reports := cal.Due(prov.Code, p)
		pr := ProvinceReporting{Province: prov, State: stateOf(reports), Reports: reports}
		r.Provinces = append(r.Provinces, pr)
		r.Summary.count(pr.State)
	}
	return r
}

// count adds a province in state to c.
func (c *Completeness) count(state indicators.ReportState) {
	switch state {
	case indicators.OnTime:
		c.OnTime++
	case indicators.Late:
		c.Late++
	case indicators.Missing:
		c.Missing++
	default:
		c.NotDue++
	}
}
