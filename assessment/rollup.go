package assessment

import "baove/indicators"

// NationalFigure is an indicator rolled up over the provinces that have a
// figure for it in a year.
type NationalFigure struct {
	Indicator indicators.Indicator
	// Measure sums the provinces' measures.
	Measure indicators.Measure
	// Provinces counts the provinces with a figure.
	Provinces int
	// Target is the national target for the year, nil when there is none.
	Target *Target
	// Status judges the figure against Target; empty when there is no
	// target (and no_data when no province has a figure).
	Status Status
}

// NationalProgress is every province's progress in a year and the national
// figures rolled up from them.
type NationalProgress struct {
	Year      int
	Figures   []NationalFigure
	Provinces []ProvinceProgress
}

// Rollup returns, for each indicator of the catalogue, the sum of the
// provinces' figures in year: numerators over denominators for a ratio
// (sum over sum, so that a province weighs by its size; percentages are
// never averaged), the sum for a count. Provinces without a figure are left
// out. Each sum is judged against the national target for the year.
func Rollup(cat []indicators.Indicator, year int, provinces []map[indicators.Code]Actual) []NationalFigure {
	out := make([]NationalFigure, 0, len(cat))
	for _, ind := range cat {
		f := NationalFigure{Indicator: ind, Measure: indicators.Measure{Unit: ind.Unit}}
		for _, actuals := range provinces {
			if a, ok := actuals[ind.Code]; ok {
				f.Measure = f.Measure.Add(a.Measure)
				f.Provinces++
			}
		}
		f.judge(year)
		out = append(out, f)
	}
	return out
}

func (f *NationalFigure) judge(year int) {
	if t, ok := targetOf(f.Indicator, year, nil); ok {
		f.Target = &t
	}
	figure, ok := f.Measure.Figure()
	switch {
	case f.Provinces == 0 || !ok:
		f.Status = NoData
	case f.Indicator.Direction == indicators.Monitor:
		f.Status = Monitored
	case f.Target != nil:
		f.Status = Judge(f.Indicator.Direction, *f.Target, figure)
	}
}
