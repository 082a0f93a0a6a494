package assessment_test

import (
	"testing"

	"baove/assessment"
	"baove/indicators"
)

func TestRollup_SumsNumeratorsAndDenominatorsAndJudgesTheNationalTarget(t *testing.T) {
	cat := []indicators.Indicator{
		{Code: "CP_BIRTH_REG", Unit: indicators.Percent, Direction: indicators.Higher,
			Targets: []indicators.NationalTarget{{Year: 2025, Comparator: ">=", Value: d("98.5")}}},
		{Code: indicators.AbuseCases, Unit: indicators.Count, Direction: indicators.Lower},
		{Code: "CP_HOTLINE_CASES", Unit: indicators.Count, Direction: indicators.Monitor},
	}
	small := map[indicators.Code]assessment.Actual{
		"CP_BIRTH_REG":        {Measure: indicators.Measure{Unit: indicators.Percent, Numerator: 90, Denominator: 100}},
		indicators.AbuseCases: {Measure: indicators.Measure{Unit: indicators.Count, Count: 5}},
	}
	large := map[indicators.Code]assessment.Actual{
		"CP_BIRTH_REG":        {Measure: indicators.Measure{Unit: indicators.Percent, Numerator: 9_900, Denominator: 10_000}},
		indicators.AbuseCases: {Measure: indicators.Measure{Unit: indicators.Count, Count: 12}},
	}
	figs := assessment.Rollup(cat, 2025, []map[indicators.Code]assessment.Actual{small, large, {}})
	// The average of 90 % and 99 % is 94.5 %, at risk; the country registered
	// 9,990 of 10,100 children: 98.91 %, on track.
	birth, _ := figs[0].Measure.Rounded(2)
	if birth.StringFixed(2) != "98.91" || figs[0].Provinces != 2 || figs[0].Status != assessment.OnTrack {
		t.Errorf("CP_BIRTH_REG: %s over %d provinces, %s; want 98.91 over 2, on_track", birth.StringFixed(2), figs[0].Provinces, figs[0].Status)
	}
	if figs[1].Measure.Count != 17 || figs[1].Status != "" {
		t.Errorf("CP_ABUSE_CASES: %d, status %q; want 17 and no status without a national target", figs[1].Measure.Count, figs[1].Status)
	}
	if figs[2].Provinces != 0 || figs[2].Status != assessment.NoData {
		t.Errorf("CP_HOTLINE_CASES without data: %+v", figs[2])
	}
}
