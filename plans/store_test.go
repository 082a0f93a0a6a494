package plans_test

import (
	"context"
	"sync"
	"testing"

	"github.com/shopspring/decimal"

	"baove"
	"baove/access"
	"baove/app"
	"baove/audit"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
	"baove/plans"
)

var (
	plannerHN  = access.Caller{UserID: 0, Username: "planner.hanoi", Role: access.Planner, Province: "01"}
	plannerDB  = access.Caller{Username: "planner.dienbien", Role: access.Planner, Province: "11"}
	financeHN  = access.Caller{Username: "finance.hanoi", Role: access.Finance, Province: "01"}
	reviewer   = access.Caller{Username: "reviewer", Role: access.Reviewer}
	approverHN = access.Caller{Username: "approver.hanoi", Role: access.Approver, Province: "01"}
	// issued is the issuance of a plan by Hà Nội's approver on the tests' today.
	issued = plans.Issuance{DocumentNo: "99/KH-UBND", IssuedOn: baove.NewDate(2026, 11, 28), SignerName: "Nguyễn Văn An",
		SignerTitle: "Phó Chủ tịch"}
	admin      = access.Caller{Username: "admin", Role: access.Admin}
	ctx        = context.Background()
	hundred    = decimal.NewFromInt(100)
	activityHN = plans.ActivityInput{TaskArea: "5.3", Title: "Tháng hành động vì trẻ em 2026", LeadAgency: "Sở Y tế",
		StartsOn: baove.NewDate(2026, 6, 1), EndsOn: baove.NewDate(2026, 6, 30)}
)

// services are the services over db, on the tests' fixed clock.
func services(db *database.DB) *app.Services { return app.MustNew(db, app.Config{Clock: dbtest.Clock}) }

// readyPlan creates Hà Nội's 2026 plan with what submission needs: an
// activity, the commune-worker target and a budget line.
func readyPlan(t *testing.T, svc *app.Services) plans.Plan {
	t.Helper()
	s := svc.Plans
	p, err := s.Create(ctx, plannerHN, plans.NewPlan{Province: "01", Year: 2026, Title: "Kế hoạch bảo vệ trẻ em năm 2026"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AddActivity(ctx, plannerHN, p.ID, activityHN); err != nil {
		t.Fatal(err)
	}
	p, err = s.Plan(ctx, plannerHN, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	p, err = s.SetTarget(ctx, plannerHN, p.Ref(), plans.Target{Indicator: indicators.CommuneWorker, Value: hundred})
	if err != nil {
		t.Fatal(err)
	}
	p, _, err = svc.Budget.AddLine(ctx, plannerHN, p.ID, budget.LineInput{ActivityID: p.Activities[0].ID,
		FundingSource: budget.Provincial, Amount: 150_000_000})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// ok returns a function that fails the test on an error and passes the
// plan through: ok(t)(s.Submit(…)).
func ok(t *testing.T) func(plans.Plan, error) plans.Plan {
	return func(p plans.Plan, err error) plans.Plan {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
}

func wantCode(t *testing.T, what string, err error, code baove.Code) {
	t.Helper()
	if baove.ErrorCode(err) != code {
		t.Fatalf("%s: %v, want %s", what, err, code)
	}
}

func TestPlan_WholeReviewCycleKeepsHistoryAndTheFirstVersion(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := readyPlan(t, svc)
		p = ok(t)(s.Submit(ctx, plannerHN, plans.Ref{ID: p.ID}))
		p = ok(t)(s.Return(ctx, approverHN, plans.Ref{ID: p.ID}, "Thiếu hoạt động về Tổng đài 111"))
		p = ok(t)(s.Update(ctx, plannerHN, p.Ref(), plans.PlanPatch{Narrative: ptr("Bổ sung hoạt động 1.3")}))
		p = ok(t)(s.Submit(ctx, plannerHN, plans.Ref{ID: p.ID}))
		v1 := ok(t)(s.Approve(ctx, approverHN, plans.Ref{ID: p.ID}, issued))
		if v1.Status != plans.Approved || len(v1.History) != 5 || v1.History[2].Reason != "Thiếu hoạt động về Tổng đài 111" {
			t.Fatalf("after approval: %s with history %+v", v1.Status, v1.History)
		}

		v2 := ok(t)(s.Revise(ctx, plannerHN, v1.ID))
		if v2.Version != 2 || v2.Status != plans.Draft || len(v2.Activities) != 1 || len(v2.Targets) != 1 ||
			v2.Activities[0].Lineage != v1.Activities[0].Lineage || v2.Activities[0].ID == v1.Activities[0].ID {
			t.Fatalf("revision = %+v", v2)
		}
		v2 = ok(t)(s.Update(ctx, plannerHN, v2.Ref(), plans.PlanPatch{Title: ptr("Kế hoạch 2026 (điều chỉnh)")}))
		if again := ok(t)(s.Plan(ctx, reviewer, v1.ID)); again.Status != plans.Approved || again.Title != v1.Title || again.Revision != v1.Revision {
			t.Fatalf("the approved version changed while its revision was edited: %+v", again)
		}
		v2 = ok(t)(s.Submit(ctx, plannerHN, plans.Ref{ID: v2.ID}))
		v2 = ok(t)(s.Approve(ctx, approverHN, plans.Ref{ID: v2.ID}, issued))
		old := ok(t)(s.Plan(ctx, reviewer, v1.ID))
		if v2.Status != plans.Approved || old.Status != plans.Superseded || old.Title != "Kế hoạch bảo vệ trẻ em năm 2026" {
			t.Fatalf("v2 %s, v1 %s %q; want v2 approved, v1 superseded and otherwise unchanged", v2.Status, old.Status, old.Title)
		}
		versions, err := s.Versions(ctx, plannerHN, v2.ID)
		if err != nil || len(versions) != 2 {
			t.Fatalf("versions: %d, %v", len(versions), err)
		}
		d, err := s.Diff(ctx, reviewer, v2.ID, 1)
		if err != nil || len(d) != 1 || d[0].Section != "plan" || d[0].Fields["title"].To != "Kế hoạch 2026 (điều chỉnh)" {
			t.Fatalf("diff v1→v2 = %+v, %v; want only the title", d, err)
		}
	})
}

func TestPlan_EditingInTheWrongStateIsAConflictThatSaysWhy(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := readyPlan(t, svc)
		p = ok(t)(s.Submit(ctx, plannerHN, plans.Ref{ID: p.ID}))
		_, err := s.Update(ctx, plannerHN, p.Ref(), plans.PlanPatch{Title: ptr("x")})
		wantCode(t, "edit a submitted plan", err, baove.ECONFLICT)
		_, _, err = s.AddActivity(ctx, plannerHN, p.ID, activityHN)
		wantCode(t, "add an activity to a submitted plan", err, baove.ECONFLICT)
		_, err = s.SetTarget(ctx, plannerHN, p.Ref(), plans.Target{Indicator: indicators.CommuneWorker, Value: hundred})
		wantCode(t, "set a target of a submitted plan", err, baove.ECONFLICT)
		_, err = s.Submit(ctx, plannerHN, plans.Ref{ID: p.ID})
		wantCode(t, "submit twice", err, baove.ECONFLICT)
		_, err = s.Revise(ctx, plannerHN, p.ID)
		wantCode(t, "revise a submitted plan", err, baove.ECONFLICT)
		p = ok(t)(s.Approve(ctx, approverHN, plans.Ref{ID: p.ID}, issued))
		_, err = s.DeleteActivity(ctx, plannerHN, plans.ActivityRef{Plan: p.Ref(), Activity: p.Activities[0].ID})
		wantCode(t, "delete an activity of an approved plan", err, baove.ECONFLICT)
		if _, err := s.Revise(ctx, plannerHN, p.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.Revise(ctx, plannerHN, p.ID)
		wantCode(t, "a second revision at once", err, baove.ECONFLICT)
	})
}

func TestPlan_RolesAndProvincesAreEnforced(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		_, err := s.Create(ctx, plannerDB, plans.NewPlan{Province: "01", Year: 2026, Title: "x"})
		wantCode(t, "planner of 11 creating 01's plan", err, baove.EFORBIDDEN)
		_, err = s.Create(ctx, reviewer, plans.NewPlan{Province: "01", Year: 2026, Title: "x"})
		wantCode(t, "reviewer creating a plan", err, baove.EFORBIDDEN)
		p := readyPlan(t, svc)
		_, err = s.Plan(ctx, plannerDB, p.ID)
		wantCode(t, "planner of 11 reading 01's plan", err, baove.ENOTFOUND)
		_, err = s.Plan(ctx, admin, p.ID)
		wantCode(t, "admin reading a plan", err, baove.EFORBIDDEN)
		if _, err := s.Plan(ctx, financeHN, p.ID); err != nil {
			t.Fatalf("finance officer of 01 reading 01's plan: %v", err)
		}
		_, err = s.Update(ctx, financeHN, p.Ref(), plans.PlanPatch{Title: ptr("x")})
		wantCode(t, "finance editing the plan", err, baove.EFORBIDDEN)
		_, err = s.Submit(ctx, reviewer, plans.Ref{ID: p.ID})
		wantCode(t, "reviewer submitting", err, baove.EFORBIDDEN)
		p = ok(t)(s.Submit(ctx, plannerHN, plans.Ref{ID: p.ID}))
		_, err = s.Approve(ctx, plannerHN, plans.Ref{ID: p.ID}, issued)
		wantCode(t, "planner approving their own plan", err, baove.EFORBIDDEN)
		_, err = s.Plans(ctx, plannerDB, plans.Filter{Province: "01"})
		wantCode(t, "planner of 11 listing 01's plans", err, baove.EFORBIDDEN)
		mine, err := s.Plans(ctx, plannerDB, plans.Filter{})
		if err != nil || len(mine) != 0 {
			t.Fatalf("planner of 11 lists %d plans (%v), want none of 01's", len(mine), err)
		}
	})
}

func TestPlan_SecondPlanForAYearIsAConflict(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		readyPlan(t, svc)
		_, err := s.Create(ctx, plannerHN, plans.NewPlan{Province: "01", Year: 2026, Title: "Kế hoạch thứ hai"})
		wantCode(t, "second plan for 01/2026", err, baove.ECONFLICT)
	})
}

func TestPlan_StaleRevisionIsRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := readyPlan(t, svc)
		read := p.Revision
		ok(t)(s.Update(ctx, plannerHN, plans.Ref{ID: p.ID, IfMatch: &read}, plans.PlanPatch{Title: ptr("A")}))
		_, err := s.Update(ctx, plannerHN, plans.Ref{ID: p.ID, IfMatch: &read}, plans.PlanPatch{Title: ptr("B")})
		wantCode(t, "edit with a stale revision", err, baove.ESTALE)
		_, err = s.DeleteActivity(ctx, plannerHN, plans.ActivityRef{Plan: plans.Ref{ID: p.ID, IfMatch: &read}, Activity: p.Activities[0].ID})
		wantCode(t, "delete with a stale revision", err, baove.ESTALE)
		_, err = s.Update(ctx, plannerHN, plans.Ref{ID: p.ID}, plans.PlanPatch{Title: ptr("C")})
		wantCode(t, "edit without If-Match", err, baove.ENOPRECOND)
	})
}

func TestPlan_ConcurrentEditsWithTheSameRevisionLetExactlyOneWin(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := readyPlan(t, svc)
		read := p.Revision
		const n = 8
		var wg sync.WaitGroup
		codes := make(chan baove.Code, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				title := "Tiêu đề " + string(rune('A'+i))
				_, err := s.Update(ctx, plannerHN, plans.Ref{ID: p.ID, IfMatch: &read}, plans.PlanPatch{Title: &title})
				codes <- baove.ErrorCode(err)
			}()
		}
		wg.Wait()
		close(codes)
		won, stale := 0, 0
		for c := range codes {
			switch c {
			case "":
				won++
			case baove.ESTALE:
				stale++
			default:
				t.Errorf("unexpected outcome %s", c)
			}
		}
		if won != 1 || stale != n-1 {
			t.Fatalf("%d edits won and %d were stale; want exactly 1 and %d", won, stale, n-1)
		}
	})
}

func TestActivity_BadFieldsAreNamed(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := readyPlan(t, svc)
		_, _, err := s.AddActivity(ctx, plannerHN, p.ID, plans.ActivityInput{TaskArea: "9.9", Title: " ",
			StartsOn: baove.NewDate(2025, 12, 31), EndsOn: baove.NewDate(2027, 1, 1)})
		var e *baove.Error
		if !asError(err, &e) || e.Code != baove.EINVALID {
			t.Fatalf("bad activity: %v", err)
		}
		fields := map[string]bool{}
		for _, f := range e.Fields {
			fields[f.Field] = true
		}
		for _, want := range []string{"task_area", "title", "starts_on", "ends_on"} {
			if !fields[want] {
				t.Errorf("no problem named %s in %+v", want, e.Fields)
			}
		}
	})
}

func TestSubmit_NeedsAnActivityAndTheCommuneWorkerTarget(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := ok(t)(s.Create(ctx, plannerHN, plans.NewPlan{Province: "01", Year: 2027, Title: "Kế hoạch 2027"}))
		_, err := s.Submit(ctx, plannerHN, plans.Ref{ID: p.ID})
		var e *baove.Error
		if !asError(err, &e) || e.Code != baove.EINVALID || len(e.Fields) != 3 {
			t.Fatalf("empty plan submitted: %v, want EINVALID naming activities, the target and the budget lines", err)
		}
		for i, want := range []string{"activities", "targets.CP_COMMUNE_WORKER", "budget_lines"} {
			if e.Fields[i].Field != want {
				t.Errorf("problem %d names %s, want %s", i, e.Fields[i].Field, want)
			}
		}
		_, err = s.SetTarget(ctx, plannerHN, p.Ref(), plans.Target{Indicator: "CP_CSS_RATE", Value: decimal.RequireFromString("101")})
		wantCode(t, "a percentage target over 100", err, baove.EINVALID)
		_, err = s.SetTarget(ctx, plannerHN, p.Ref(), plans.Target{Indicator: "NO_SUCH", Value: hundred})
		wantCode(t, "a target for an unknown indicator", err, baove.EINVALID)
	})
}

func TestPlan_ChangesAreAudited(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := readyPlan(t, svc)
		ok(t)(s.Submit(ctx, plannerHN, plans.Ref{ID: p.ID}))
		entries, err := audit.NewStore(db).List(ctx, reviewer, audit.Filter{Province: "01"})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action)
		}
		want := []string{"plan.submit", "budget_line.create", "target.set", "activity.create", "plan.create"}
		if len(actions) != len(want) {
			t.Fatalf("audit actions %v, want %v", actions, want)
		}
		for i := range want {
			if actions[i] != want[i] {
				t.Fatalf("audit actions %v, want %v", actions, want)
			}
		}
	})
}

func ptr[T any](v T) *T { return &v }
