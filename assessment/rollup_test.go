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
	figs := assessment.Rollup(cat, 2025, true, nil, []map[indicators.Code]assessment.Actual{small, large, {}})
	// The average of 90 % and 99 % is 94.5 %, not achieved; the country
	// registered 9,990 of 10,100 children: 98.91 %, achieved, over 2 of the
	// 3 provinces (the third reported nothing and is left out, not zero).
	birth, _ := figs[0].Measure.Rounded(2)
	if birth.StringFixed(2) != "98.91" || figs[0].Provinces != 2 || figs[0].Total != 3 || figs[0].Status != assessment.Achieved {
		t.Errorf("CP_BIRTH_REG: %s over %d/%d provinces, %s; want 98.91 over 2/3, achieved", birth.StringFixed(2), figs[0].Provinces, figs[0].Total, figs[0].Status)
	}
	if figs[1].Measure.Count != 17 || figs[1].Status != "" {
		t.Errorf("CP_ABUSE_CASES: %d, status %q; want 17 and no status without a national target", figs[1].Measure.Count, figs[1].Status)
	}
	if figs[2].Provinces != 0 || figs[2].Status != assessment.NoData {
		t.Errorf("CP_HOTLINE_CASES without data: %+v", figs[2])
	}
}

// TestRollup_ACountWithANationalTargetIsJudgedProvinceByProvince is issue
// 13's CP_SWC: at least one Social Work Centre in every province, so 60
// centres in the country meet nothing by themselves; the country is judged
// by how many provinces meet their own target.
func TestRollup_ACountWithANationalTargetIsJudgedProvinceByProvince(t *testing.T) {
	swc := indicators.Indicator{Code: "CP_SWC", Unit: indicators.Count, Direction: indicators.Higher,
		Targets: []indicators.NationalTarget{{Comparator: ">=", Value: d("1")}}}
	var progress []assessment.ProvinceProgress
	var actuals []map[indicators.Code]assessment.Actual
	for _, n := range []int64{58, 2, 0} {
		a := assessment.Actual{Measure: indicators.Measure{Unit: indicators.Count, Count: n}, Year: 2025}
		status := assessment.Achieved
		if n == 0 {
			status = assessment.NotAchieved
		}
		progress = append(progress, assessment.ProvinceProgress{Items: []assessment.Progress{{Indicator: swc, Actual: &a, Status: status}}})
		actuals = append(actuals, map[indicators.Code]assessment.Actual{"CP_SWC": a})
	}
	f := assessment.Rollup([]indicators.Indicator{swc}, 2025, true, progress, actuals)[0]
	if !f.PerProvince || f.Meeting != 2 || f.Total != 3 || f.Measure.Count != 60 || f.Status != assessment.NotAchieved {
		t.Errorf("CP_SWC: %+v; want 60 centres, 2 of 3 provinces meeting their target, not achieved", f)
	}
}
