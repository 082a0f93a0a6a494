package plans_test

import (
	"slices"
	"testing"

	"baove"
	"baove/database"
	"baove/database/dbtest"
	"baove/i18n"
	"baove/plans"
)

func TestMissing_SaysWhatSubmitWouldRefuseAndNothingOnceReady(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := ok(t)(s.Create(ctx, plannerHN, plans.NewPlan{Province: "01", Year: 2026, Title: "Kế hoạch 2026"}))
		missing, err := s.Missing(ctx, plannerHN, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		var fields []string
		for _, m := range missing {
			fields = append(fields, m.Field)
		}
		want := []string{"activities", "targets.CP_COMMUNE_WORKER", "budget_lines"}
		if !slices.Equal(fields, want) {
			t.Errorf("an empty plan misses %v, want %v", fields, want)
		}
		if got := missing[0].Text(i18n.VI); got != "kế hoạch cần ít nhất một hoạt động trước khi trình" {
			t.Errorf("in Vietnamese the first says %q", got)
		}
		_, err = s.Submit(ctx, plannerHN, p.Ref())
		var e *baove.Error
		if !asError(err, &e) || len(e.Fields) != len(want) {
			t.Errorf("Submit refused with %v, want the same %d problems", err, len(want))
		}
		if _, err := s.Missing(ctx, plannerDB, p.ID); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("another province's planner asked: %v, want not found", err)
		}
	})
}

func TestMissing_IsEmptyForAReadyPlan(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		p := readyPlan(t, svc)
		missing, err := svc.Plans.Missing(ctx, reviewer, p.ID)
		if err != nil || len(missing) != 0 {
			t.Errorf("a ready plan misses %v (%v)", missing, err)
		}
	})
}
