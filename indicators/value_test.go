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
		report(t, s, "11", "CP_STAFF_TRAINED", "2026", ratio(162, 168))
		vs, err := s.Values(ctx, reviewer, "11", 2026)
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
		_, err := s.PutValue(ctx, plannerOf("11"), "11", indicators.CommuneWorker, p, ratio(40, 45))
		if got := fields(t, err); !slices.Equal(got, []string{"indicator_code"}) {
			t.Errorf("computed indicator: fields %v, want indicator_code", got)
		}
		_, err = s.PutValue(ctx, plannerOf("11"), "11", "CP_STAFF_TRAINED", p, indicators.Entry{Numerator: ptr(50), Denominator: ptr(40), Count: ptr(3)})
		if got := fields(t, err); !slices.Equal(got, []string{"value", "numerator"}) {
			t.Errorf("percent with value and numerator over denominator: fields %v", got)
		}
		_, err = s.PutValue(ctx, plannerOf("11"), "11", "CP_SWC", p, indicators.Entry{Numerator: ptr(1), Denominator: ptr(2)})
		if got := fields(t, err); !slices.Equal(got, []string{"value", "value"}) {
			t.Errorf("count with a ratio and no value: fields %v", got)
		}
		if _, err := s.PutValue(ctx, plannerOf("11"), "11", "CP_NOTHING", p, count(1)); baove.ErrorCode(err) != baove.ENOTFOUND {
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
	_, err := s.PutValue(ctx, c, "11", indicators.AbuseCases, indicators.Period{Year: 2026, Quarter: 1}, e)
	return err
}
