package plans_test

import (
	"maps"
	"testing"

	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
	"baove/plans"
)

func TestStanding_CountsEachVersionsActivitiesByTaskAreaBesideItsTargets(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		v1 := issuedPlan(t, svc)
		v2 := ok(t)(s.Revise(ctx, plannerHN, v1.ID))
		more := activityHN
		more.TaskArea, more.Title = "1.3", "Truyền thông về Tổng đài 111"
		for range 2 {
			if _, _, err := s.AddActivity(ctx, plannerHN, v2.ID, more); err != nil {
				t.Fatal(err)
			}
		}
		v2 = ok(t)(s.Plan(ctx, plannerHN, v2.ID))
		ok(t)(s.SetTarget(ctx, plannerHN, v2.Ref(), plans.Target{Indicator: indicators.CommuneWorker, Value: hundred.Div(hundred)}))

		st, err := s.Standing(ctx, "01", 2026)
		if err != nil {
			t.Fatal(err)
		}
		in, pending := st.InForce, st.Pending
		if in == nil || pending == nil || in.ID != v1.ID || pending.ID != v2.ID || st.Counting() != in {
			t.Fatalf("standing %+v, want version 1 in force and version 2 pending", st)
		}
		if !maps.Equal(in.Activities, map[string]int{"5.3": 1}) || !maps.Equal(pending.Activities, map[string]int{"5.3": 1, "1.3": 2}) {
			t.Errorf("activities %v in force and %v pending, want one in 5.3, and two more in 1.3 in the revision",
				in.Activities, pending.Activities)
		}
		if !in.Targets[indicators.CommuneWorker].Equal(hundred) || !pending.Targets[indicators.CommuneWorker].Equal(hundred.Div(hundred)) ||
			len(in.Targets) != 1 || len(pending.Targets) != 1 || in.Issuance == nil || in.Issuance.DocumentNo != issued.DocumentNo {
			t.Errorf("targets %v and %v, issuance %+v, want each version's own and the document of version 1",
				in.Targets, pending.Targets, in.Issuance)
		}
		all, err := s.YearStandings(ctx, 2026)
		if err != nil || len(all) != 1 || !maps.Equal(all["01"].Pending.Activities, pending.Activities) {
			t.Errorf("year standings %+v (%v), want Hà Nội's alone, as its own", all, err)
		}
	})
}
