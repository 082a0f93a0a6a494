package indicators_test

import (
	"bytes"
	"slices"
	"testing"

	"baove"
	"baove/access"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
)

func TestPutValue_DerivesThePercentFromNumeratorAndDenominator(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		report(t, s, "11", "CP_STAFF_TRAINED", "2025", ratio(162, 168))
		vs, err := s.Values(ctx, reviewer, "11", 2025)
		if err != nil || len(vs) != 1 {
			t.Fatalf("values: %v, %v", vs, err)
		}
		if r, _ := vs[0].Rounded(2); r.StringFixed(2) != "96.43" || vs[0].Numerator != 162 || vs[0].Denominator != 168 {
			t.Errorf("read back %+v = %s, want 162 of 168 = 96.43", vs[0].Measure, r)
		}
		var stored string
		db.NewRaw("SELECT value FROM indicator_values").Scan(ctx, &stored)
		if stored != "96.4286" {
			t.Errorf("stored figure %q, want the decimal text 96.4286", stored)
		}
	})
}

func TestPutValue_KeepsBeforeAndAfterInTheTrailAndIgnoresRepeats(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		report(t, s, "11", indicators.AbuseCases, "2026-Q1", count(7))
		report(t, s, "11", indicators.AbuseCases, "2026-Q1", count(9))
		report(t, s, "11", indicators.AbuseCases, "2026-Q1", count(9))
		es := auditOf(t, db, "indicator_value")
		if len(es) != 2 || es[0].EntityID != "11/CP_ABUSE_CASES/2026-Q1" || es[0].ProvinceCode != "11" {
			t.Fatalf("trail %+v, want two entries for 11/CP_ABUSE_CASES/2026-Q1", es)
		}
		if es[1].Before != nil || !bytes.Contains(es[0].Before, []byte(`"count":7`)) || !bytes.Contains(es[0].After, []byte(`"count":9`)) {
			t.Errorf("update recorded before %s after %s, want 7 then 9", es[0].Before, es[0].After)
		}
	})
}

func TestPutValue_RefusesComputedIndicatorsAndNamesEveryBadField(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		p := indicators.Period{Year: 2026}
		_, err := s.PutValue(ctx, plannerOf("11"), indicators.ValueKey{Province: "11", Indicator: indicators.CommuneWorker, Period: p}, ratio(40, 45))
		if got := fields(t, err); !slices.Equal(got, []string{"indicator_code"}) {
			t.Errorf("computed indicator: fields %v, want indicator_code", got)
		}
		_, err = s.PutValue(ctx, plannerOf("11"), indicators.ValueKey{Province: "11", Indicator: "CP_STAFF_TRAINED", Period: p}, indicators.Entry{Numerator: ptr(50), Denominator: ptr(40), Count: ptr(3)})
		if got := fields(t, err); !slices.Equal(got, []string{"value", "numerator"}) {
			t.Errorf("percent with value and numerator over denominator: fields %v", got)
		}
		_, err = s.PutValue(ctx, plannerOf("11"), indicators.ValueKey{Province: "11", Indicator: "CP_SWC", Period: p}, indicators.Entry{Numerator: ptr(1), Denominator: ptr(2)})
		if got := fields(t, err); !slices.Equal(got, []string{"value", "value"}) {
			t.Errorf("count with a ratio and no value: fields %v", got)
		}
		if _, err := s.PutValue(ctx, plannerOf("11"), indicators.ValueKey{Province: "11", Indicator: "CP_NOTHING", Period: p}, count(1)); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("unknown indicator: %v, want ENOTFOUND", err)
		}
	})
}

func TestPutValue_OnlyAPlannerOfTheProvinceWritesBeforeAnyInputIsRead(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		before := dbtest.Snapshot(t, db)
		bad := indicators.Entry{Count: ptr(-1)}
		for _, c := range []struct {
			name string
			err  error
		}{
			{"planner of another province", put(s, plannerOf("79"), bad)},
			{"reviewer", put(s, reviewer, bad)},
		} {
			if baove.ErrorCode(c.err) != baove.EFORBIDDEN {
				t.Errorf("%s: %v, want EFORBIDDEN", c.name, c.err)
			}
		}
		if _, err := s.Values(ctx, plannerOf("79"), "11", 0); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("planner of another province reads: %v, want EFORBIDDEN", err)
		}
		if dbtest.Snapshot(t, db) != before {
			t.Error("a refused call changed the database")
		}
	})
}

func put(s *indicators.Store, c access.Caller, e indicators.Entry) error {
	_, err := s.PutValue(ctx, c, indicators.ValueKey{Province: "11", Indicator: indicators.AbuseCases, Period: indicators.Period{Year: 2026, Quarter: 1}}, e)
	return err
}

// TestPutValue_TakesOnlyPeriodsThatEndedOrEstimatesOfTheCurrentOne is the
// values part of issue 13's sixth case, on 28 November 2026.
func TestPutValue_TakesOnlyPeriodsThatEndedOrEstimatesOfTheCurrentOne(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		for _, c := range []struct {
			period   string
			estimate bool
			ok       bool
		}{
			{"2026-Q3", false, true}, {"2025", false, true},
			{"2026-Q4", false, false}, {"2026-Q4", true, true}, // under way: an estimate only
			{"2026", false, false}, {"2026", true, true},
			{"2027-Q1", true, false}, {"2030", true, false}, // not begun, estimate or not
		} {
			p, _ := indicators.ParsePeriod("period", c.period)
			e := count(4)
			e.Estimate = c.estimate
			v, err := s.PutValue(ctx, plannerOf("11"), indicators.ValueKey{Province: "11", Indicator: indicators.AbuseCases, Period: p}, e)
			switch {
			case c.ok && (err != nil || v.Estimate != c.estimate):
				t.Errorf("%s (estimate %v): %v, %+v", c.period, c.estimate, err, v)
			case !c.ok && !slices.Equal(fields(t, err), []string{"period"}):
				t.Errorf("%s (estimate %v): %v, want 422 naming period", c.period, c.estimate, err)
			}
		}
	})
}

func TestPutValue_StoresTheNoteInNFC(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		e := count(3)
		e.Note = " Báo cáo của Sở Y tê\u0301 " // "tế" typed with a combining acute accent
		v, err := s.PutValue(ctx, plannerOf("11"), indicators.ValueKey{Province: "11", Indicator: indicators.AbuseCases, Period: indicators.Period{Year: 2026, Quarter: 1}}, e)
		if err != nil || v.Note != "Báo cáo của Sở Y tế" {
			t.Fatalf("%q, %v; want the note in NFC, trimmed", v.Note, err)
		}
		vs, _ := s.Values(ctx, reviewer, "11", 2026)
		if len(vs) != 1 || vs[0].Note != "Báo cáo của Sở Y tế" {
			t.Errorf("stored %+v", vs)
		}
	})
}

func TestDeleteValue_RemovesItWithAnAuditEntryAndRefusesAClosedYear(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		report(t, s, "11", indicators.AbuseCases, "2026-Q1", count(7))
		report(t, s, "11", indicators.AbuseCases, "2025-Q1", count(5))
		q1 := indicators.Period{Year: 2026, Quarter: 1}
		if err := s.DeleteValue(ctx, plannerOf("79"), indicators.ValueKey{Province: "11", Indicator: indicators.AbuseCases, Period: q1}); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("another province's planner: %v, want EFORBIDDEN", err)
		}
		if err := s.DeleteValue(ctx, plannerOf("11"), indicators.ValueKey{Province: "11", Indicator: indicators.AbuseCases, Period: q1}); err != nil {
			t.Fatal(err)
		}
		if vs, _ := s.Values(ctx, reviewer, "11", 2026); len(vs) != 0 {
			t.Errorf("after delete: %+v", vs)
		}
		es := auditOf(t, db, "indicator_value")
		if es[0].Action != "indicator_value.delete" || es[0].EntityID != "11/CP_ABUSE_CASES/2026-Q1" || !bytes.Contains(es[0].Before, []byte(`"count":7`)) {
			t.Errorf("trail %+v, want the deletion with what was there", es[0])
		}
		if err := s.DeleteValue(ctx, plannerOf("11"), indicators.ValueKey{Province: "11", Indicator: indicators.AbuseCases, Period: q1}); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("deleting again: %v, want ENOTFOUND", err)
		}
		if _, err := db.NewRaw("INSERT INTO budget_years (province_code, year, closed_at, closed_by, disposition) VALUES ('11', 2025, ?, 'finance', 'return')",
			dbtest.Now()).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		err := s.DeleteValue(ctx, plannerOf("11"), indicators.ValueKey{Province: "11", Indicator: indicators.AbuseCases, Period: indicators.Period{Year: 2025, Quarter: 1}})
		if baove.ErrorCode(err) != baove.ECONFLICT {
			t.Errorf("a value of a closed year: %v, want ECONFLICT", err)
		}
		if vs, _ := s.Values(ctx, reviewer, "11", 2025); len(vs) != 1 {
			t.Errorf("the closed year's value: %+v, want it kept", vs)
		}
	})
}
