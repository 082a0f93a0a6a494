package assessment_test

import (
	"testing"

	"baove"
	"baove/assessment"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
	"baove/units"
)

// TestReporting_JudgesEveryProvinceFromWhenItReported: on 28 November
// 2026, Hà Nội reported its third quarter on 10 October (on time), TP Hồ
// Chí Minh on 2 November (18 days late), and Điện Biên not at all (44 days
// overdue, like every other province); no one owes the fourth quarter yet.
func TestReporting_JudgesEveryProvinceFromWhenItReported(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := services(db)
		reportOn(t, s, baove.NewDate(2026, 10, 10), "01", indicators.AbuseCases, "2026-Q3")
		reportOn(t, s, baove.NewDate(2026, 11, 2), "79", indicators.AbuseCases, "2026-Q3")
		q3 := indicators.Period{Year: 2026, Quarter: 3}
		r, err := s.Assessment.Reporting(ctx, reviewer, q3)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Provinces) != 34 || r.Today != baove.NewDate(2026, 11, 28) || len(r.Rules) != 1 {
			t.Fatalf("%d provinces on %s, rules %v; want the 34 judged on 28 November by the quarterly rule",
				len(r.Provinces), r.Today, r.Rules)
		}
		want := map[units.ProvinceCode]struct {
			state indicators.ReportState
			days  int
		}{"01": {indicators.OnTime, 0}, "79": {indicators.Late, 18}, "11": {indicators.Missing, 44}}
		for _, p := range r.Provinces {
			w, named := want[p.Province.Code]
			if !named {
				w.state, w.days = indicators.Missing, 44
			}
			if p.State != w.state || len(p.Reports) != 1 || p.Reports[0].DaysLate != w.days ||
				p.Reports[0].DueOn != baove.NewDate(2026, 10, 15) {
				t.Errorf("%s: %s %+v, want %s by %d days, due 15 October", p.Province.Code, p.State, p.Reports, w.state, w.days)
			}
		}
		if c := r.Summary; c.OnTime != 1 || c.Late != 1 || c.Missing != 32 || c.NotDue != 0 || c.Provinces != 34 {
			t.Errorf("summary %+v, want 1 on time, 1 late, 32 missing of 34", c)
		}
		q4, err := s.Assessment.Reporting(ctx, reviewer, indicators.Period{Year: 2026, Quarter: 4})
		if err != nil || q4.Summary.NotDue != 34 {
			t.Errorf("the fourth quarter: %+v (%v), want nothing due yet", q4.Summary, err)
		}
	})
}

func TestReporting_IsTheReviewersAndRefusesAYearOutOfRange(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := services(db)
		_, err := s.Assessment.Reporting(ctx, plannerOf("01"), indicators.Period{Year: 2026, Quarter: 3})
		if baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("a planner: %v, want EFORBIDDEN", err)
		}
		if _, err = s.Assessment.Reporting(ctx, reviewer, indicators.Period{Year: 1900}); baove.ErrorCode(err) != baove.EINVALID {
			t.Errorf("1900: %v, want EINVALID", err)
		}
	})
}

// TestCompliance_NamesALateProvincesLateQuarter: TP Hồ Chí Minh's
// compliance says its third quarter came 18 days late.
func TestCompliance_NamesALateProvincesLateQuarter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := services(db)
		reportOn(t, s, baove.NewDate(2026, 4, 10), "79", indicators.AbuseCases, "2026-Q1")
		reportOn(t, s, baove.NewDate(2026, 7, 10), "79", indicators.AbuseCases, "2026-Q2")
		reportOn(t, s, baove.NewDate(2026, 11, 2), "79", indicators.AbuseCases, "2026-Q3")
		c, err := s.Assessment.Compliance(ctx, reviewer, "79", 2026)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range c.Results {
			if r.Code != "ABUSE_DATA" {
				continue
			}
			late := assessment.Item{Code: "CP_ABUSE_CASES/2026-Q3", State: indicators.Late, DaysLate: 18}
			if r.Status != assessment.Warn || len(r.Evidence.Items) != 1 || r.Evidence.Items[0] != late {
				t.Errorf("3.3: %s %+v, want a warning naming the quarter 18 days late", r.Status, r.Evidence.Items)
			}
			return
		}
		t.Error("no ABUSE_DATA check")
	})
}
