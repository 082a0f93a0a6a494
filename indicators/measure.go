package indicators

import "github.com/shopspring/decimal"

// Measure is a figure of an indicator together with the counts it comes
// from, so that figures of several provinces add up exactly: a ratio sums its
// numerators and denominators, never its percentages.
type Measure struct {
	Unit Unit `json:"unit"`
	// Numerator and Denominator give a percent or per-100,000 figure, e.g.
	// 162 communes of 168.
	Numerator   int64 `json:"numerator,omitempty"`
	Denominator int64 `json:"denominator,omitempty"`
	// Count is the figure of a count indicator.
	Count int64 `json:"count,omitempty"`
}

// Ratio reports whether the unit is a ratio (percent or per 100,000).
func (u Unit) Ratio() bool { return u == Percent || u == Per100k }

// scale is what a ratio is multiplied by: 100 for a percent.
func (u Unit) scale() decimal.Decimal {
	if u == Per100k {
		return decimal.NewFromInt(100_000)
	}
	return decimal.NewFromInt(100)
}

// Figure returns the measure's value: the count, or the numerator scaled by
// the unit and divided by the denominator (16 decimal places, exact enough to
// compare with any target). It reports false for a ratio without a
// denominator.
func (m Measure) Figure() (decimal.Decimal, bool) {
	if !m.Unit.Ratio() {
		return decimal.NewFromInt(m.Count), true
	}
	if m.Denominator <= 0 {
		return decimal.Zero, false
	}
	return decimal.NewFromInt(m.Numerator).Mul(m.Unit.scale()).Div(decimal.NewFromInt(m.Denominator)), true
}

// Rounded returns the figure rounded half away from zero to places, as
// reports show it; it reports false like Figure.
func (m Measure) Rounded(places int32) (decimal.Decimal, bool) {
	if !m.Unit.Ratio() {
		return decimal.NewFromInt(m.Count), true
	}
	if m.Denominator <= 0 {
		return decimal.Zero, false
	}
	return decimal.NewFromInt(m.Numerator).Mul(m.Unit.scale()).DivRound(decimal.NewFromInt(m.Denominator), places), true
}

// Add returns the sum of two measures of one unit: numerators and
// denominators add up for a ratio, counts for a count.
func (m Measure) Add(o Measure) Measure {
	return Measure{Unit: m.Unit, Numerator: m.Numerator + o.Numerator, Denominator: m.Denominator + o.Denominator,
		Count: m.Count + o.Count}
}
