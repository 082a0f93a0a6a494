package indicators_test

import (
	"testing"

	"baove/indicators"
)

func TestMeasure_DerivesRatiosWithDecimalArithmetic(t *testing.T) {
	m := indicators.Measure{Unit: indicators.Percent, Numerator: 162, Denominator: 168}
	if r, _ := m.Rounded(2); r.StringFixed(2) != "96.43" {
		t.Errorf("162 of 168 = %s%%, want 96.43", r.StringFixed(2))
	}
	per := indicators.Measure{Unit: indicators.Per100k, Numerator: 1, Denominator: 3}
	if r, _ := per.Rounded(4); r.String() != "33333.3333" {
		t.Errorf("1 of 3 per 100,000 = %s, want 33333.3333", r)
	}
	if f, _ := (indicators.Measure{Unit: indicators.Percent, Numerator: 1, Denominator: 3}).Figure(); f.String() != "33.3333333333333333" {
		t.Errorf("1 of 3 = %s%%, want 16 exact decimal places", f)
	}
	if _, ok := (indicators.Measure{Unit: indicators.Percent}).Figure(); ok {
		t.Error("a ratio without a denominator has no figure")
	}
}
