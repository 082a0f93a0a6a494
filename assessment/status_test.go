package assessment_test

import (
	"testing"

	"baove/assessment"
	"baove/indicators"
)

// actual is a figure of 2026: a ratio num/den, or a count (den 0), summed
// over quarters (none: a yearly value).
func actual(num, den int64, quarters ...int) *assessment.Actual {
	m := indicators.Measure{Unit: indicators.Percent, Numerator: num, Denominator: den}
	if den == 0 {
		m = indicators.Measure{Unit: indicators.Count, Count: num}
	}
	return &assessment.Actual{Measure: m, Year: 2026, Quarters: quarters}
}

func TestMeets_LowerIsBetterAtOrUnderTheTarget(t *testing.T) {
	target := assessment.Target{Value: d("550")} // CP_INJURY_RATE per 100,000
	for figure, want := range map[string]bool{"400": true, "550": true, "550.01": false, "900": false} {
		if got := assessment.Meets(indicators.Lower, target, d(figure)); got != want {
			t.Errorf("lower-is-better, target 550, figure %s: %v, want %v", figure, got, want)
		}
	}
}

func TestMeets_HigherIsBetterAtOrAboveTheTarget(t *testing.T) {
	target := assessment.Target{Value: d("98.5")}
	for figure, want := range map[string]bool{"100": true, "98.5": true, "98.49": false, "0": false} {
		if got := assessment.Meets(indicators.Higher, target, d(figure)); got != want {
			t.Errorf("higher-is-better, target 98.5, figure %s: %v, want %v", figure, got, want)
		}
	}
}

func TestMeets_StrictTargetsMustBeBeatenAndMonitorMeetsNothing(t *testing.T) {
	target := assessment.Target{Value: d("6.5"), Strict: true} // "< 6.5", CP_CSS_RATE 2025
	if assessment.Meets(indicators.Lower, target, d("6.5")) || !assessment.Meets(indicators.Lower, target, d("6.49")) {
		t.Error("< 6.5 must be beaten: 6.5 does not meet it, 6.49 does")
	}
	if assessment.Meets(indicators.Monitor, assessment.Target{}, d("1000")) {
		t.Error("a monitor indicator meets a target")
	}
}

func TestStatusOf_AClosedYearIsAchievedOrNotAchieved(t *testing.T) {
	target := assessment.Target{Value: d("98.5")}
	for _, c := range []struct {
		a    *assessment.Actual
		want assessment.Status
	}{
		{actual(990, 1000), assessment.Achieved},
		{actual(985, 1000), assessment.Achieved},
		{actual(980, 1000), assessment.NotAchieved}, // within 10 % of the target: at risk while the year ran, not achieved once over
		{actual(100, 1000), assessment.NotAchieved},
		{nil, assessment.NoData},
	} {
		if got := assessment.StatusOf(indicators.Higher, target, c.a, true); got != c.want {
			t.Errorf("%+v over a closed year: %s, want %s", c.a, got, c.want)
		}
	}
}

func TestStatusOf_AYearUnderWayIsOnTrackAtRiskOrInProgressNeverAchieved(t *testing.T) {
	target := assessment.Target{Value: d("98.5")}
	estimate := actual(990, 1000)
	estimate.Estimate = true
	for _, c := range []struct {
		a    *assessment.Actual
		want assessment.Status
	}{
		{actual(990, 1000), assessment.OnTrack},
		{actual(980, 1000), assessment.AtRisk},
		{actual(100, 1000), assessment.AtRisk},
		{estimate, assessment.InProgress},
		{nil, assessment.NoData},
		{actual(0, 0), assessment.AtRisk}, // a count of 0 against 98.5
	} {
		if got := assessment.StatusOf(indicators.Higher, target, c.a, false); got != c.want {
			t.Errorf("%+v in a year under way: %s, want %s", c.a, got, c.want)
		}
	}
}

// TestStatusOf_ACountOfQuartersIsHeldToItsTargetProRata is issue 13's first
// case: quarters 36, 34 and 32 abuse cases against a yearly ceiling of 60
// are 102 cases, far over the 45 that three quarters allow; the latest
// quarter alone (32) would have read "achieved".
func TestStatusOf_ACountOfQuartersIsHeldToItsTargetProRata(t *testing.T) {
	ceiling := assessment.Target{Value: d("60")}
	three := actual(36+34+32, 0, 1, 2, 3)
	if got := assessment.StatusOf(indicators.Lower, ceiling, three, false); got != assessment.AtRisk {
		t.Errorf("102 cases in three quarters against 60 a year: %s, want at_risk", got)
	}
	if got := assessment.StatusOf(indicators.Lower, ceiling, actual(40, 0, 1, 2, 3), false); got != assessment.OnTrack {
		t.Errorf("40 cases in three quarters against 60 a year (45 pro rata): %s, want on_track", got)
	}
	if got := assessment.StatusOf(indicators.Lower, ceiling, actual(40, 0, 1, 2, 3), true); got != assessment.NotAchieved {
		t.Errorf("a closed year missing a quarter under a ceiling: %s, want not_achieved (the missing quarter could only add)", got)
	}
	goal := assessment.Target{Value: d("4")}
	if got := assessment.StatusOf(indicators.Higher, goal, actual(4, 0, 1), false); got != assessment.OnTrack {
		t.Errorf("one quarter meeting a yearly goal while the year runs: %s, want on_track, never achieved", got)
	}
	if got := assessment.StatusOf(indicators.Higher, goal, actual(4, 0, 1, 2), true); got != assessment.Achieved {
		t.Errorf("a closed year whose reported quarters already meet a goal: %s, want achieved", got)
	}
}

func TestStatusOf_MonitorIsNeverJudged(t *testing.T) {
	if got := assessment.StatusOf(indicators.Monitor, assessment.Target{}, actual(120, 0), true); got != assessment.Monitored {
		t.Errorf("monitor indicator: %s, want monitored", got)
	}
}
