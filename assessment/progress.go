package assessment

import (
	"slices"

	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// Progress is one indicator of a province against its target.
type Progress struct {
	Indicator indicators.Indicator
	Target    Target
	Actual    *Actual // nil when nothing was reported
	Status    Status
}

// ProvinceProgress is a province's progress in a year.
type ProvinceProgress struct {
	Province units.Province
	Year     int
	// Closed reports whether the year is over: statuses are then achieved
	// or not achieved.
	Closed bool
	// PlanStatus is the status of the province's plan for the year (of the
	// version that counts), "none" when there is no plan.
	PlanStatus string
	Items      []Progress
}

// targetOf returns the indicator's target in year: the plan in force's,
// else the national one for the year (a plan only drafted, submitted or
// returned sets no target). It reports false when there is neither.
func targetOf(ind indicators.Indicator, year int, inForce *plans.Content) (Target, bool) {
	if inForce != nil {
		if v, ok := inForce.Targets[ind.Code]; ok {
			return Target{Value: v, Source: FromPlan}, true
		}
	}
	nt, ok := ind.NationalTarget(year)
	if !ok {
		return Target{}, false
	}
	return Target{Value: nt.Value, Strict: nt.Comparator == "<", Source: FromNational, Decision: nt.Source}, true
}

// provinceProgress judges province p's figures in year against its plan,
// the year over when closed.
func provinceProgress(cat []indicators.Indicator, p units.Province, year int, closed bool, plan plans.Standing, actuals map[indicators.Code]Actual) ProvinceProgress {
	pp := ProvinceProgress{Province: p, Year: year, Closed: closed, PlanStatus: planStatus(plan)}
	for _, ind := range cat {
		t, ok := targetOf(ind, year, plan.InForce)
		if !ok {
			continue
		}
		it := Progress{Indicator: ind, Target: t}
		if a, ok := actuals[ind.Code]; ok {
			it.Actual = &a
		}
		it.Status = StatusOf(ind.Direction, t, it.Actual, closed)
		pp.Items = append(pp.Items, it)
	}
	return pp
}

// planStatus is what ProvinceProgress.PlanStatus says of plan.
func planStatus(plan plans.Standing) string {
	if c := plan.Counting(); c != nil {
		return string(c.Status)
	}
	return "none"
}

// actualsOf returns the figure standing for each indicator in year (see
// Actual) from the year's values and staffing tally; the computed ones
// only when some commune's staffing was recorded.
func actualsOf(year int, values []indicators.Value, cov indicators.Coverage) map[indicators.Code]Actual {
	yearly, quarters := map[indicators.Code]Actual{}, map[indicators.Code]Actual{}
	for _, v := range values {
		if v.Period.Year != year {
			continue
		}
		if v.Period.Quarter == 0 {
			yearly[v.Indicator] = Actual{Measure: v.Measure, Year: year, Estimate: v.Estimate}
			continue
		}
		a, seen := quarters[v.Indicator]
		if !seen {
			a = Actual{Measure: indicators.Measure{Unit: v.Unit}, Year: year}
		}
		a.Measure = a.Measure.Add(v.Measure)
		a.Quarters = append(a.Quarters, v.Period.Quarter)
		a.Estimate = a.Estimate || v.Estimate
		quarters[v.Indicator] = a
	}
	for code, a := range quarters {
		if _, wins := yearly[code]; !wins {
			slices.Sort(a.Quarters)
			yearly[code] = a
		}
	}
	if cov.Recorded > 0 {
		yearly[indicators.CommuneWorker] = Actual{Measure: cov.Workers(), Year: year}
		yearly[indicators.CollabVillage] = Actual{Measure: cov.Collaborators(), Year: year}
	}
	return yearly
}
