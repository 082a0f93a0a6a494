package assessment_test

import (
	"testing"

	"baove/assessment"
	"baove/indicators"
)

func TestJudge_LowerIsBetterIsOnTrackAtOrUnderTheTarget(t *testing.T) {
	target := assessment.Target{Value: d("550")} // CP_INJURY_RATE per 100,000
	for actual, want := range map[string]assessment.Status{
		"400": assessment.OnTrack, "550": assessment.OnTrack, "550.01": assessment.AtRisk,
		"605": assessment.AtRisk, "605.01": assessment.OffTrack, "900": assessment.OffTrack,
	} {
		if got := assessment.Judge(indicators.Lower, target, d(actual)); got != want {
			t.Errorf("lower-is-better, target 550, actual %s: %s, want %s", actual, got, want)
		}
	}
}

func TestJudge_HigherIsBetterIsOnTrackAtOrAboveTheTarget(t *testing.T) {
	target := assessment.Target{Value: d("98.5")}
	for actual, want := range map[string]assessment.Status{
		"100": assessment.OnTrack, "98.5": assessment.OnTrack, "98.49": assessment.AtRisk,
		"88.65": assessment.AtRisk, "88.64": assessment.OffTrack, "0": assessment.OffTrack,
	} {
		if got := assessment.Judge(indicators.Higher, target, d(actual)); got != want {
			t.Errorf("higher-is-better, target 98.5, actual %s: %s, want %s", actual, got, want)
		}
	}
}

func TestJudge_StrictTargetsMustBeBeaten(t *testing.T) {
	target := assessment.Target{Value: d("6.5"), Strict: true} // "< 6.5", CP_CSS_RATE 2025
	if got := assessment.Judge(indicators.Lower, target, d("6.5")); got != assessment.AtRisk {
		t.Errorf("6.5 against < 6.5: %s, want at_risk", got)
	}
	if got := assessment.Judge(indicators.Lower, target, d("6.49")); got != assessment.OnTrack {
		t.Errorf("6.49 against < 6.5: %s, want on_track", got)
	}
}

func TestJudge_AZeroTargetHasNoRiskBandAndMonitorIsNeverJudged(t *testing.T) {
	zero := assessment.Target{Value: d("0")}
	if got := assessment.Judge(indicators.Lower, zero, d("1")); got != assessment.OffTrack {
		t.Errorf("1 case against a target of 0: %s, want off_track", got)
	}
	if got := assessment.Judge(indicators.Monitor, zero, d("1000")); got != assessment.Monitored {
		t.Errorf("monitor indicator: %s, want monitored", got)
	}
}
