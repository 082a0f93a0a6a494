package indicators_test

import (
	"testing"

	"baove/indicators"
)

func TestJudge_LowerIsBetterIsOnTrackAtOrUnderTheTarget(t *testing.T) {
	target := indicators.Target{Value: d("550")} // CP_INJURY_RATE per 100,000
	for actual, want := range map[string]indicators.Status{
		"400": indicators.OnTrack, "550": indicators.OnTrack, "550.01": indicators.AtRisk,
		"605": indicators.AtRisk, "605.01": indicators.OffTrack, "900": indicators.OffTrack,
	} {
		if got := indicators.Judge(indicators.Lower, target, d(actual)); got != want {
			t.Errorf("lower-is-better, target 550, actual %s: %s, want %s", actual, got, want)
		}
	}
}

func TestJudge_HigherIsBetterIsOnTrackAtOrAboveTheTarget(t *testing.T) {
	target := indicators.Target{Value: d("98.5")}
	for actual, want := range map[string]indicators.Status{
		"100": indicators.OnTrack, "98.5": indicators.OnTrack, "98.49": indicators.AtRisk,
		"88.65": indicators.AtRisk, "88.64": indicators.OffTrack, "0": indicators.OffTrack,
	} {
		if got := indicators.Judge(indicators.Higher, target, d(actual)); got != want {
			t.Errorf("higher-is-better, target 98.5, actual %s: %s, want %s", actual, got, want)
		}
	}
}

func TestJudge_StrictTargetsMustBeBeaten(t *testing.T) {
	target := indicators.Target{Value: d("6.5"), Strict: true} // "< 6.5", CP_CSS_RATE 2025
	if got := indicators.Judge(indicators.Lower, target, d("6.5")); got != indicators.AtRisk {
		t.Errorf("6.5 against < 6.5: %s, want at_risk", got)
	}
	if got := indicators.Judge(indicators.Lower, target, d("6.49")); got != indicators.OnTrack {
		t.Errorf("6.49 against < 6.5: %s, want on_track", got)
	}
}

func TestJudge_AZeroTargetHasNoRiskBandAndMonitorIsNeverJudged(t *testing.T) {
	zero := indicators.Target{Value: d("0")}
	if got := indicators.Judge(indicators.Lower, zero, d("1")); got != indicators.OffTrack {
		t.Errorf("1 case against a target of 0: %s, want off_track", got)
	}
	if got := indicators.Judge(indicators.Monitor, zero, d("1000")); got != indicators.Monitored {
		t.Errorf("monitor indicator: %s, want monitored", got)
	}
}
