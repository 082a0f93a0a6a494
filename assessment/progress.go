package assessment

import (
	"github.com/shopspring/decimal"

	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// Status is how an indicator stands against its target.
type Status string

// Progress statuses.
const (
	OnTrack   Status = "on_track"  // the target is met
	AtRisk    Status = "at_risk"   // short of the target by at most AtRiskBand of it
	OffTrack  Status = "off_track" // further off
	NoData    Status = "no_data"   // nothing reported for the year
	Monitored Status = "monitored" // a monitor indicator: reported, never judged
)

// AtRiskBand is how far a figure may miss its target and be at risk rather
// than off track, as a share of the target: 10 %. For a higher-is-better
// target of 98.5 that is 88.65 up to (not including) 98.5; for a
// lower-is-better target of 550 it is above 550 up to 605. A target of 0
// has no band: missing it is off track.
var AtRiskBand = decimal.New(1, -1)

// TargetSource tells where a target comes from.
type TargetSource string

// Target sources.
const (
	FromPlan     TargetSource = "plan"     // the province's plan for the year
	FromNational TargetSource = "national" // the catalogue, where the plan sets none
)

// Target is what an indicator aims at in a year.
type Target struct {
	Value decimal.Decimal
	// Strict targets must be beaten, not just reached: a national target
	// written "< 6.5". A plan's target is met at the value itself.
	Strict bool
	Source TargetSource
	// Decision names the decision behind a national target.
	Decision string
}

// Judge returns the status of actual against target for an indicator of
// direction dir: met (at or above a higher-is-better target, at or under a
// lower-is-better one) is on track; missed by at most AtRiskBand of the
// target is at risk; anything else off track. Monitor indicators are never
// judged.
func Judge(dir indicators.Direction, target Target, actual decimal.Decimal) Status {
	if dir == indicators.Monitor {
		return Monitored
	}
	miss := actual.Sub(target.Value) // by how much the figure is worse than the target
	if dir == indicators.Higher {
		miss = miss.Neg()
	}
	switch {
	case miss.IsNegative(), miss.IsZero() && !target.Strict:
		return OnTrack
	case miss.LessThanOrEqual(target.Value.Abs().Mul(AtRiskBand)) && !target.Value.IsZero():
		return AtRisk
	}
	return OffTrack
}

// Actual is the figure that stands for an indicator in a year.
type Actual struct {
	indicators.Measure
	Period indicators.Period // what the figure covers: the year, or its latest reported quarter
}

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
	// PlanStatus is the status of the province's plan for the year (of the
	// version that counts), "none" when there is no plan.
	PlanStatus string
	Items      []Progress
}

// targetOf returns the indicator's target in year: the plan's, else the
// national one for the year. It reports false when there is neither.
func targetOf(ind indicators.Indicator, year int, plan *plans.Content) (Target, bool) {
	if plan != nil {
		if v, ok := plan.Targets[ind.Code]; ok {
			return Target{Value: v, Source: FromPlan}, true
		}
	}
	nt, ok := ind.NationalTarget(year)
	if !ok {
		return Target{}, false
	}
	return Target{Value: nt.Value, Strict: nt.Comparator == "<", Source: FromNational, Decision: nt.Source}, true
}

// provinceProgress judges province p's figures in year against its plan.
func provinceProgress(cat []indicators.Indicator, p units.Province, year int, plan plans.Standing, actuals map[indicators.Code]Actual) ProvinceProgress {
	return ProvinceProgress{Province: p, Year: year, PlanStatus: planStatus(plan), Items: assess(cat, year, plan.Counting(), actuals)}
}

// planStatus is what ProvinceProgress.PlanStatus says of plan.
func planStatus(plan plans.Standing) string {
	if c := plan.Counting(); c != nil {
		return string(c.Status)
	}
	return "none"
}

// assess returns the progress of every indicator of the catalogue that has a
// target in year, in catalogue order.
func assess(cat []indicators.Indicator, year int, plan *plans.Content, actuals map[indicators.Code]Actual) []Progress {
	var out []Progress
	for _, ind := range cat {
		t, ok := targetOf(ind, year, plan)
		if !ok {
			continue
		}
		out = append(out, progressOf(ind, t, actuals))
	}
	return out
}

func progressOf(ind indicators.Indicator, t Target, actuals map[indicators.Code]Actual) Progress {
	p := Progress{Indicator: ind, Target: t, Status: NoData}
	a, ok := actuals[ind.Code]
	if !ok {
		return p
	}
	p.Actual = &a
	if figure, ok := a.Figure(); ok {
		p.Status = Judge(ind.Direction, t, figure)
	}
	return p
}

// actualsOf returns the figure standing for each indicator in the year:
// for a reported one, its yearly value if there is one, else its latest
// quarter's; for the computed ones, the year's staffing, when any commune's
// staffing was recorded.
func actualsOf(values []indicators.Value, cov indicators.Coverage) map[indicators.Code]Actual {
	out := map[indicators.Code]Actual{}
	for _, v := range values {
		prev, seen := out[v.Indicator]
		if !seen || later(v.Period, prev.Period) {
			out[v.Indicator] = Actual{Measure: v.Measure, Period: v.Period}
		}
	}
	if cov.Recorded > 0 {
		year := indicators.Period{Year: cov.Year}
		out[indicators.CommuneWorker] = Actual{Measure: cov.Workers(), Period: year}
		out[indicators.CollabVillage] = Actual{Measure: cov.Collaborators(), Period: year}
	}
	return out
}

// later reports whether p stands for the year rather than q: the yearly
// value beats any quarter, a later quarter an earlier one.
func later(p, q indicators.Period) bool {
	switch {
	case q.Quarter == 0:
		return false
	case p.Quarter == 0:
		return true
	}
	return p.Quarter > q.Quarter
}
