package indicators_test

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"baove"
	"baove/access"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/i18n"
	"baove/indicators"
	"baove/units"
)

// storeAt is a store whose clock says at.
func storeAt(db *database.DB, at time.Time) *indicators.Store {
	clock := baove.NewClock(func() time.Time { return at }, nil)
	s, err := indicators.NewStore(db, clock, units.NewStore(db, dbtest.Clock), budget.ClosedYears{})
	if err != nil {
		panic(err)
	}
	return s
}

func TestJudge_OnTimeLateMissingOrNotDue(t *testing.T) {
	due := baove.NewDate(2026, 10, 15)
	day := func(m time.Month, d int) *baove.Date { x := baove.NewDate(2026, m, d); return &x }
	for _, c := range []struct {
		reported *baove.Date
		today    baove.Date
		state    indicators.ReportState
		days     int
	}{
		{day(10, 15), baove.NewDate(2026, 11, 28), indicators.OnTime, 0}, // on the due date itself
		{day(11, 2), baove.NewDate(2026, 11, 28), indicators.Late, 18},
		{nil, baove.NewDate(2026, 11, 28), indicators.Missing, 44},
		{nil, baove.NewDate(2026, 10, 15), indicators.NotDue, 0}, // still the due date
		{nil, baove.NewDate(2026, 10, 16), indicators.Missing, 1},
		{day(10, 3), baove.NewDate(2026, 10, 5), indicators.OnTime, 0},
	} {
		state, days := indicators.Judge(due, c.reported, c.today)
		if state != c.state || days != c.days {
			t.Errorf("reported %v, today %s: %s %d, want %s %d", c.reported, c.today, state, days, c.state, c.days)
		}
	}
}

// TestCalendar_CountsTheDayInVietNam: a value stored at 23:30 UTC on 15
// October was reported on 16 October in Hà Nội, a day late.
func TestCalendar_CountsTheDayInVietNam(t *testing.T) {
	q3 := indicators.Period{Year: 2026, Quarter: 3}
	cal := indicators.Calendar{Clock: dbtest.Clock,
		Rules: []indicators.DueRule{{Indicator: indicators.AbuseCases, Frequency: indicators.Quarterly, DaysAfter: 15},
			{Indicator: "CP_ABUSE_RATE", Frequency: indicators.Yearly, DaysAfter: 31}},
		Reported: map[indicators.ValueKey]time.Time{
			{Province: "01", Indicator: indicators.AbuseCases, Period: q3}: time.Date(2026, 10, 15, 23, 30, 0, 0, time.UTC)}}
	due := cal.Due("01", q3)
	if len(due) != 1 || due[0].State != indicators.Late || due[0].DaysLate != 1 || due[0].DueOn != baove.NewDate(2026, 10, 15) {
		t.Errorf("Q3: %+v, want CP_ABUSE_CASES one day late", due)
	}
	year := cal.Year("01", 2026)
	var states []indicators.ReportState
	for _, r := range year {
		states = append(states, r.State)
	}
	want := []indicators.ReportState{indicators.Missing, indicators.Missing, indicators.Late, indicators.NotDue, indicators.NotDue}
	if !slices.Equal(states, want) || year[4].DueOn != baove.NewDate(2027, 1, 31) {
		t.Errorf("2026 on 28 November: %v, want %v, the year due on 31 January 2027", states, want)
	}
}

func TestValue_ReportedAtIsTheFirstFinalFigure(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		k := indicators.ValueKey{Province: "11", Indicator: "CP_ABUSE_RATE", Period: indicators.Period{Year: 2026}}
		v, err := s.PutValue(ctx, plannerOf("11"), k, indicators.Entry{Numerator: ptr(3), Denominator: ptr(1000), Estimate: true})
		if err != nil || v.ReportedAt != nil {
			t.Fatalf("an estimate: reported at %v (%v), want never", v.ReportedAt, err)
		}
		k.Period = indicators.Period{Year: 2026, Quarter: 1}
		first, err := s.PutValue(ctx, plannerOf("11"), k, indicators.Entry{Numerator: ptr(3), Denominator: ptr(1000)})
		if err != nil || first.ReportedAt == nil || !first.ReportedAt.Equal(dbtest.Now()) {
			t.Fatalf("a final figure: reported at %v (%v), want now", first.ReportedAt, err)
		}
		later := storeAt(db, dbtest.Now().Add(72*time.Hour))
		fixed, err := later.PutValue(ctx, plannerOf("11"), k, indicators.Entry{Numerator: ptr(4), Denominator: ptr(1000)})
		if err != nil || !fixed.ReportedAt.Equal(dbtest.Now()) || fixed.UpdatedAt.Equal(dbtest.Now()) {
			t.Errorf("a correction: reported at %v, updated at %v (%v), want the first report kept",
				fixed.ReportedAt, fixed.UpdatedAt, err)
		}
		got, err := s.Reported(ctx, 2026, "11")
		if at, ok := got[k]; err != nil || len(got) != 1 || !ok || !at.Equal(dbtest.Now()) {
			t.Errorf("reported %v (%v), want the final figure at its first report, not the estimate", got, err)
		}
	})
}

func TestCalendar_ReadsTheRulesAndFirstReportsAsTheirOwnReadsDo(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		rule := indicators.DueRule{Indicator: "CP_HOTLINE_CASES", Frequency: indicators.Quarterly, DaysAfter: 20}
		if _, err := s.SetDueRule(ctx, access.System("test"), rule); err != nil {
			t.Fatal(err)
		}
		for _, p := range []units.ProvinceCode{"11", "01"} {
			for q := 1; q <= 2; q++ {
				k := indicators.ValueKey{Province: p, Indicator: indicators.AbuseCases, Period: indicators.Period{Year: 2026, Quarter: q}}
				if _, err := s.PutValue(ctx, plannerOf(p), k, indicators.Entry{Count: ptr(int64(q))}); err != nil {
					t.Fatal(err)
				}
			}
		}
		rules, err := s.DueRules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for p, want := range map[units.ProvinceCode]int{"11": 2, "": 4} {
			reported, err := s.Reported(ctx, 2026, p)
			if err != nil {
				t.Fatal(err)
			}
			cal, err := s.Calendar(ctx, 2026, p)
			if err != nil || !slices.Equal(cal.Rules, rules) || !maps.EqualFunc(cal.Reported, reported, time.Time.Equal) ||
				len(cal.Rules) != 4 || len(reported) != want {
				t.Errorf("province %q: calendar %+v (%v), want the rules %+v and the reports %v", p, cal, err, rules, reported)
			}
		}
	})
}

func TestDueRules_AreTheAdministratorsAndAudited(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		admin := access.System("test")
		rule := indicators.DueRule{Indicator: "CP_HOTLINE_CASES", Frequency: indicators.Quarterly, DaysAfter: 20}
		if _, err := s.SetDueRule(ctx, plannerOf("11"), rule); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("a planner: %v, want EFORBIDDEN", err)
		}
		bad := indicators.DueRule{Indicator: indicators.CommuneWorker, Frequency: "monthly", DaysAfter: 0}
		if _, err := s.SetDueRule(ctx, admin, bad); baove.ErrorCode(err) != baove.EINVALID || len(err.(*baove.Error).Fields) != 3 {
			t.Errorf("computed, monthly, 0 days: %v, want EINVALID naming the three", err)
		}
		if _, err := s.SetDueRule(ctx, admin, rule); err != nil {
			t.Fatal(err)
		}
		rules, err := s.DueRules(ctx)
		if err != nil || len(rules) != 4 || rules[3] != rule {
			t.Fatalf("calendar %+v (%v), want the seeded three and the hotline, in catalogue order", rules, err)
		}
		if err := s.DeleteDueRule(ctx, admin, "CP_HOTLINE_CASES"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteDueRule(ctx, admin, "CP_HOTLINE_CASES"); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("deleting twice: %v, want ENOTFOUND", err)
		}
		if trail := auditOf(t, db, "due_rule"); len(trail) != 2 || trail[0].Action != "due_rule.delete" {
			t.Errorf("trail %+v, want the rule set then deleted", trail)
		}
	})
}

func TestParsePeriod_SaysWhatAPeriodLooksLikeInEachLanguage(t *testing.T) {
	_, err := indicators.ParsePeriod("period", "2026-Q5")
	e, ok := err.(*baove.Error)
	if !ok || e.Code != baove.EINVALID || len(e.Fields) != 1 || e.Fields[0].Field != "period" ||
		!strings.Contains(e.Fields[0].Text(i18n.VI), "một quý") || !strings.Contains(e.Fields[0].Text(i18n.EN), "a quarter") {
		t.Errorf("2026-Q5: %v, want EINVALID naming period, in Vietnamese and English", err)
	}
}
