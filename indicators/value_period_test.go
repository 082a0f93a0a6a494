package indicators_test

import (
	"slices"
	"testing"

	"baove"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
)

func TestPutPeriodValues_RecordsEveryEntryOrNoneAndNamesFieldsByIndicator(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		q3 := indicators.Period{Year: 2026, Quarter: 3}
		bad := indicators.PeriodValues{Province: "11", Period: q3, Items: []indicators.PeriodEntry{
			{Indicator: indicators.AbuseCases, Entry: count(4)},
			{Indicator: "CP_STAFF_TRAINED", Entry: ratio(50, 40)},
			{Indicator: indicators.CommuneWorker, Entry: ratio(1, 2)},
		}}
		err := s.PutPeriodValues(ctx, plannerOf("11"), bad)
		want := []string{"items[CP_STAFF_TRAINED].numerator", "items[CP_COMMUNE_WORKER].indicator_code"}
		if got := fields(t, err); !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
		if vs, _ := s.Values(ctx, reviewer, "11", 2026); len(vs) != 0 {
			t.Fatalf("a refused period recorded %d values", len(vs))
		}
		good := bad
		good.Items = []indicators.PeriodEntry{{Indicator: indicators.AbuseCases, Entry: count(4)},
			{Indicator: "CP_STAFF_TRAINED", Entry: ratio(30, 40)}}
		if err := s.PutPeriodValues(ctx, plannerOf("11"), good); err != nil {
			t.Fatal(err)
		}
		vs, _ := s.Values(ctx, reviewer, "11", 2026)
		if len(vs) != 2 || vs[0].Period != q3 || vs[1].Period != q3 {
			t.Errorf("recorded %+v, want two values of 2026-Q3", vs)
		}
	})
}

func TestPutPeriodValues_TakesTheCurrentQuarterOnlyAsEstimatesAndOnlyFromItsPlanner(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		pv := indicators.PeriodValues{Province: "11", Period: indicators.Period{Year: 2026, Quarter: 4},
			Items: []indicators.PeriodEntry{{Indicator: indicators.AbuseCases, Entry: count(2)}}}
		if got := fields(t, s.PutPeriodValues(ctx, plannerOf("11"), pv)); !slices.Equal(got, []string{"period"}) {
			t.Errorf("the quarter under way without estimate: fields %v, want period", got)
		}
		if err := s.PutPeriodValues(ctx, plannerOf("01"), pv); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("another province's planner: %v, want forbidden", err)
		}
		pv.Estimate = true
		if err := s.PutPeriodValues(ctx, plannerOf("11"), pv); err != nil {
			t.Fatal(err)
		}
		if vs, _ := s.Values(ctx, reviewer, "11", 2026); len(vs) != 1 || !vs[0].Estimate {
			t.Errorf("recorded %+v, want one estimate", vs)
		}
	})
}
