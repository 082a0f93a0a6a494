package plans_test

import (
	"slices"
	"testing"

	"baove/access"
	"baove/database"
	"baove/database/dbtest"
	"baove/notify"
	"baove/notify/notifytest"
	"baove/plans"
)

func TestWorkflow_TellsTheProvinceWhoseTurnItIs(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		planner := notifytest.User(t, db, "planner.hanoi", access.Planner, "01")
		approver := notifytest.User(t, db, "approver.hanoi", access.Approver, "01")
		finance := notifytest.User(t, db, "finance.hanoi", access.Finance, "01")
		other := notifytest.User(t, db, "approver.dienbien", access.Approver, "11")
		p := readyPlan(t, svc)
		s := svc.Plans
		p = ok(t)(s.Submit(ctx, planner, p.Ref()))
		p = ok(t)(s.Return(ctx, approver, p.Ref(), "Thiếu hoạt động về Tổng đài 111"))
		if _, err := s.AddComment(ctx, reviewer, p.ID, plans.NewComment{Kind: plans.RevisionRequest, Text: "Bổ sung"}); err != nil {
			t.Fatal(err)
		}
		p = ok(t)(s.Submit(ctx, planner, p.Ref()))
		ok(t)(s.Approve(ctx, approver, p.Ref(), issued))
		want := map[string][]notify.Kind{
			"planner":  {notify.PlanReturned, notify.RevisionRequested, notify.PlanIssued},
			"approver": {notify.PlanSubmitted, notify.PlanSubmitted},
			"finance":  {notify.PlanIssued},
			"other":    {},
		}
		for name, c := range map[string]access.Caller{"planner": planner, "approver": approver, "finance": finance, "other": other} {
			if got := notifytest.Kinds(t, db, c); !slices.Equal(got, want[name]) {
				t.Errorf("%s was told %v, want %v", name, got, want[name])
			}
		}
	})
}

func TestWorkflow_ARefusedStepTellsNobody(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		planner := notifytest.User(t, db, "planner.hanoi", access.Planner, "01")
		approver := notifytest.User(t, db, "approver.hanoi", access.Approver, "01")
		p, err := svc.Plans.Create(ctx, planner, plans.NewPlan{Province: "01", Year: 2026, Title: "Kế hoạch 2026"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Plans.Submit(ctx, planner, p.Ref()); err == nil {
			t.Fatal("an empty plan was submitted")
		}
		if got := notifytest.Kinds(t, db, approver); len(got) != 0 {
			t.Errorf("the approver was told %v of a refused submission", got)
		}
	})
}
