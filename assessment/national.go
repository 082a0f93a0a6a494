package assessment

import (
	"baove"
	"context"

	"baove/access"
	"baove/budget"
	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// NationalProgress returns every province's progress in year and the
// national figures rolled up from them. Only a reviewer may read it. It
// returns EINVALID for a year out of range. It reads every province's
// plans, values and staffing at once, in a handful of queries, not a
// round of queries per province.
func (s *Service) NationalProgress(ctx context.Context, c access.Caller, year int) (NationalProgress, error) {
	provinces, cat, in, err := s.national(ctx, c, year)
	if err != nil {
		return NationalProgress{}, err
	}
	return nationalProgress(cat, provinces, in, year, Closed(year, s.today())), nil
}

// national checks that c may read the national assessment of year and
// reads the provinces, the catalogue and every province's facts of
// progress (plans, values, staffing tallies); National reads the rest of
// what compliance judges (Service.compliance).
func (s *Service) national(ctx context.Context, c access.Caller, year int) ([]units.Province, []indicators.Indicator, yearFacts, error) {
	if err := c.Require(access.Reviewer); err != nil {
		return nil, nil, yearFacts{}, err
	}
	if err := baove.CheckYear("year", year); err != nil {
		return nil, nil, yearFacts{}, err
	}
	provinces, err := s.units.Provinces(ctx)
	if err != nil {
		return nil, nil, yearFacts{}, err
	}
	cat, err := s.indicators.Catalogue(ctx)
	if err != nil {
		return nil, nil, yearFacts{}, err
	}
	in, err := s.yearFacts(ctx, year, cat)
	return provinces, cat, in, err
}

// nationalProgress judges every province's progress and rolls the figures
// up, from facts already read.
func nationalProgress(cat []indicators.Indicator, provinces []units.Province, in yearFacts, year int, closed bool) NationalProgress {
	np := NationalProgress{Year: year, Closed: closed}
	all := make([]map[indicators.Code]Actual, 0, len(provinces))
	for _, p := range provinces {
		actuals := actualsOf(year, in.values[p.Code], in.coverage[p.Code])
		np.Provinces = append(np.Provinces, provinceProgress(cat, p, year, closed, in.plans[p.Code], actuals))
		all = append(all, actuals)
	}
	np.Figures = Rollup(cat, year, closed, np.Provinces, all)
	return np
}

// yearFacts are what the national roll-up reads of every province in a
// year: progress needs the plans, values and coverage; compliance also
// signed and calendar (Service.compliance).
type yearFacts struct {
	plans    map[units.ProvinceCode]plans.Standing
	values   map[units.ProvinceCode][]indicators.Value
	coverage map[units.ProvinceCode]indicators.Coverage // tallies, without the communes
	signed   map[plans.ID]bool                          // the versions in force with their signed scan
	calendar indicators.Calendar                        // every province's reports of the year
}

// yearFacts reads what progress judges of every province in year: their
// plans, values and staffing tallies (signed and calendar are left empty).
func (s *Service) yearFacts(ctx context.Context, year int, cat []indicators.Indicator) (yearFacts, error) {
	var f yearFacts
	var err error
	if f.plans, err = s.plans.YearStandings(ctx, year); err != nil {
		return f, err
	}
	if f.values, err = s.indicators.YearValues(ctx, year, cat); err != nil {
		return f, err
	}
	f.coverage, err = s.indicators.Tallies(ctx, year)
	return f, err
}

// compliance adds to f what the compliance checks judge beyond progress:
// which versions in force carry their signed scan, and every province's
// reports of the year.
func (s *Service) compliance(ctx context.Context, year int, f *yearFacts) error {
	var inForce []plans.ID
	for _, st := range f.plans {
		if st.InForce != nil {
			inForce = append(inForce, st.InForce.ID)
		}
	}
	var err error
	if f.signed, err = s.scans.Signed(ctx, inForce); err != nil {
		return err
	}
	f.calendar, err = s.calendar(ctx, year, "")
	return err
}

// National is every province's progress and compliance in a year, with
// the staffing tallies both were judged on.
type National struct {
	Progress   NationalProgress
	Compliance []Compliance                               // in the order of Progress.Provinces
	Coverage   map[units.ProvinceCode]indicators.Coverage // counts, without the communes
	// Reporting says, for each quarter of the year the calendar asks for,
	// how many provinces reported on time, late, not at all, or are not
	// due yet.
	Reporting []Completeness
}

// NationalFigures are what the national report and page show of every
// province in a year: its budget summary and its assessment. The value
// NationalFigures returns is shared by its readers: they must not change
// it.
type NationalFigures struct {
	Budgets  map[units.ProvinceCode]budget.Summary
	National National
}

// nationalKey names the national figures of a year as judged on a day
// (what is late changes with the day, not only with what is recorded).
type nationalKey struct {
	year  int
	today baove.Date
}

// NationalFigures reads the budget summaries of every province in year
// (budget.Store.YearFigures) and National over them. It keeps them for as
// long as nothing is committed to the database, by this instance or another
// (database.Memo): the reviewers open the national page and its reports all
// day, and every payment, value or plan recorded anywhere has them read
// afresh. Only a reviewer may. It returns EINVALID for a year out of range.
func (s *Service) NationalFigures(ctx context.Context, c access.Caller, year int) (NationalFigures, error) {
	if err := c.Require(access.Reviewer); err != nil {
		return NationalFigures{}, err
	}
	return s.figures.Get(ctx, nationalKey{year: year, today: s.today()}, func(ctx context.Context) (NationalFigures, error) {
		budgets, err := s.budget.YearFigures(ctx, c, year)
		if err != nil {
			return NationalFigures{}, err
		}
		national, err := s.National(ctx, c, year, budgets)
		return NationalFigures{Budgets: budgets, National: national}, err
	})
}

// National reads every province's facts for year once and answers both the
// national progress and every province's compliance as of today. budgets,
// when not nil, are the provinces' budget summaries the caller has already
// read (budget.Store.YearFigures: a report that also shows them need not
// read the ledger twice); nil reads them. The checks judge as Compliance
// does; the evidence of COMMUNE_WORKERS gives the counts but does not name
// the uncovered communes (each province's own compliance does). Only a
// reviewer may. It returns EINVALID for a year out of range.
func (s *Service) National(ctx context.Context, c access.Caller, year int, budgets map[units.ProvinceCode]budget.Summary) (National, error) {
	provinces, cat, in, err := s.national(ctx, c, year)
	if err != nil {
		return National{}, err
	}
	if err := s.compliance(ctx, year, &in); err != nil {
		return National{}, err
	}
	if budgets == nil {
		if budgets, err = s.budget.YearFigures(ctx, c, year); err != nil {
			return National{}, err
		}
	}
	today := s.today()
	n := National{Progress: nationalProgress(cat, provinces, in, year, Closed(year, today)), Coverage: in.coverage,
		Reporting: quarterCompleteness(in.calendar, provinces, year)}
	for _, p := range provinces {
		st := in.plans[p.Code]
		f := Facts{Year: year, Today: today, Plan: st, Budget: budgets[p.Code], Coverage: in.coverage[p.Code],
			SignedScan: st.InForce != nil && in.signed[st.InForce.ID], Reports: in.calendar.Year(p.Code, year)}
		n.Compliance = append(n.Compliance, Compliance{Province: p, Year: year, Today: today, Results: Evaluate(f)})
	}
	return n, nil
}
