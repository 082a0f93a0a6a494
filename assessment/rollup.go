package assessment

import "baove/indicators"

// NationalFigure is an indicator rolled up over the provinces that
// reported it in a year: missing provinces are left out, never counted as
// zero, and Provinces of Total says how complete the sum is ("31/34 tỉnh
// đã báo cáo").
type NationalFigure struct {
	Indicator indicators.Indicator
	// Measure sums the reporting provinces' measures.
	Measure indicators.Measure
	// Provinces counts the provinces with a figure, of Total.
	Provinces, Total int
	// Partial reports that some province's figure sums only some quarters;
	// Estimate that some province's figure is an estimate.
	Partial, Estimate bool
	// Target is the national target for the year, nil when there is none.
	Target *Target
	// PerProvince reports that the target is one every province must meet
	// (the national target of a count, e.g. at least one Social Work
	// Centre): the country is judged by Meeting of Total, the provinces
	// whose own figure meets their own target.
	PerProvince bool
	Meeting     int
	anyAtRisk   bool
	// Status judges the figure: against Target, or by Meeting for a
	// target per province; empty when there is no target (no_data when no
	// province has a figure, monitored for a monitor indicator).
	Status Status
}

// NationalProgress is every province's progress in a year and the national
// figures rolled up from them.
type NationalProgress struct {
	Year      int
	Closed    bool
	Figures   []NationalFigure
	Provinces []ProvinceProgress
}

// Rollup returns, for each indicator of the catalogue, the sum of the
// provinces' figures in year: numerators over denominators for a ratio (sum
// over sum, so that a province weighs by its size; percentages are never
// averaged), the sum for a count, over the provinces that reported. A
// ratio is judged against the national target for the year; a count's
// national target is each province's, so the country is judged by how many
// provinces meet their own target. progress and actuals are every
// province's progress and figures, in the same order.
func Rollup(cat []indicators.Indicator, year int, closed bool, progress []ProvinceProgress, actuals []map[indicators.Code]Actual) []NationalFigure {
	out := make([]NationalFigure, 0, len(cat))
	for _, ind := range cat {
		f := NationalFigure{Indicator: ind, Measure: indicators.Measure{Unit: ind.Unit}, Total: len(actuals)}
		for _, as := range actuals {
			if a, ok := as[ind.Code]; ok {
				f.Measure = f.Measure.Add(a.Measure)
				f.Provinces++
				f.Partial, f.Estimate = f.Partial || a.Partial(), f.Estimate || a.Estimate
			}
		}
		f.Meeting, f.anyAtRisk = meeting(ind.Code, progress)
		f.judge(year, closed)
		out = append(out, f)
	}
	return out
}

// meeting counts the provinces whose figure of code meets their target,
// and reports whether some province's is at risk.
func meeting(code indicators.Code, progress []ProvinceProgress) (n int, atRisk bool) {
	for _, pp := range progress {
		for _, it := range pp.Items {
			switch {
			case it.Indicator.Code != code:
			case it.Status == Achieved || it.Status == OnTrack:
				n++
			case it.Status == AtRisk:
				atRisk = true
			}
		}
	}
	return n, atRisk
}

func (f *NationalFigure) judge(year int, closed bool) {
	if t, ok := targetOf(f.Indicator, year, nil); ok {
		f.Target = &t
		f.PerProvince = f.Indicator.Unit == indicators.Count
	}
	switch {
	case f.Provinces == 0:
		f.Status = NoData
	case f.Indicator.Direction == indicators.Monitor:
		f.Status = Monitored
	case f.Target == nil:
	case f.PerProvince:
		f.Status = everyProvince(f.Meeting == f.Total, f.anyAtRisk, closed)
	default:
		f.Status = StatusOf(f.Indicator.Direction, *f.Target, &Actual{Measure: f.Measure, Year: year, Estimate: f.Estimate}, closed)
	}
}

// everyProvince is the status of a target every province must meet: once
// the year is over, achieved only if all did; while it runs, on track if
// all do so far, at risk if some province is, else in progress (figures
// missing or estimates only).
func everyProvince(all, someAtRisk, closed bool) Status {
	switch {
	case all && closed:
		return Achieved
	case closed:
		return NotAchieved
	case all:
		return OnTrack
	case someAtRisk:
		return AtRisk
	}
	return InProgress
}
