package assessment_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"baove"
	"baove/access"
	"baove/app"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
	"baove/plans"
	"baove/units"
)

var ctx = context.Background()

func plannerOf(p units.ProvinceCode) access.Caller {
	return access.Caller{Username: "planner." + string(p), Role: access.Planner, Province: p}
}

func approverOf(p units.ProvinceCode) access.Caller {
	return access.Caller{Username: "approver." + string(p), Role: access.Approver, Province: p}
}

// issued is an issuance on the tests' today.
var issued = plans.Issuance{DocumentNo: "99/KH-UBND", IssuedOn: baove.NewDate(2026, 11, 28), SignerName: "Nguyễn Văn An",
	SignerTitle: "Phó Chủ tịch"}

func financeOf(p units.ProvinceCode) access.Caller {
	return access.Caller{Username: "finance." + string(p), Role: access.Finance, Province: p}
}

var reviewer = access.Caller{Username: "reviewer", Role: access.Reviewer}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// services returns the services over db on the tests' clock.
func services(db *database.DB) *app.Services { return app.MustNew(db, app.Config{Clock: dbtest.Clock}) }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// communes returns province's communes in force in year.
func communes(t *testing.T, s *app.Services, p units.ProvinceCode, year int) []units.Commune {
	t.Helper()
	cs, err := s.Units.CommunesValidIn(ctx, p, year)
	must(t, err)
	return cs
}

// staff records staffing for every commune of p in year: covered unless its
// index is in vacant.
func staff(t *testing.T, s *app.Services, p units.ProvinceCode, year int, vacant ...int) []units.Commune {
	t.Helper()
	cs := communes(t, s, p, year)
	items := make([]indicators.Staffing, len(cs))
	for i, c := range cs {
		items[i] = indicators.Staffing{Commune: c.Code, FullTime: 1, Collaborators: 4, Villages: 10, VillagesWithCollaborator: 4}
		for _, v := range vacant {
			if v == i {
				items[i].FullTime = 0
			}
		}
	}
	_, err := s.Indicators.PutProvinceStaffing(ctx, plannerOf(p), indicators.ProvinceStaffing{Province: p, Year: year, Items: items})
	must(t, err)
	return cs
}

// report records a value, failing the test on error.
func report(t *testing.T, s *app.Services, p units.ProvinceCode, code indicators.Code, period string, e indicators.Entry) indicators.Value {
	t.Helper()
	per, err := indicators.ParsePeriod("period", period)
	must(t, err)
	v, err := s.Indicators.PutValue(ctx, plannerOf(p), indicators.ValueKey{Province: p, Indicator: code, Period: per}, e)
	if err != nil {
		t.Fatalf("report %s %s: %v", code, period, err)
	}
	return v
}

// reportOn records a value as reported at 09:00 on day (Viet Nam time),
// through a store whose clock says so, failing the test on error.
func reportOn(t *testing.T, s *app.Services, day baove.Date, p units.ProvinceCode, code indicators.Code, period string) {
	t.Helper()
	at := day.Time().Add(2 * time.Hour)
	store, err := indicators.NewStore(s.DB, baove.NewClock(func() time.Time { return at }, nil), s.Units, budget.ClosedYears{})
	must(t, err)
	per, err := indicators.ParsePeriod("period", period)
	must(t, err)
	if _, err := store.PutValue(ctx, plannerOf(p), indicators.ValueKey{Province: p, Indicator: code, Period: per}, count(6)); err != nil {
		t.Fatalf("report %s %s on %s: %v", code, period, day, err)
	}
}

func ratio(num, den int64) indicators.Entry {
	return indicators.Entry{Numerator: &num, Denominator: &den}
}

func count(n int64) indicators.Entry { return indicators.Entry{Count: &n} }

// estimate marks e as an estimate of a period under way.
func estimate(e indicators.Entry) indicators.Entry {
	e.Estimate = true
	return e
}

// line is a budget line of a test plan: an activity under a task area, with
// money from one source.
type line struct {
	taskArea string
	source   budget.FundingSource
	amount   budget.VND
}

// planOf is a test plan: its lines (each with its own activity), targets,
// and the workflow step it ends at: "draft", "submitted", "returned" or
// "approved".
type planOf struct {
	lines   []line
	targets map[indicators.Code]string
	state   string
}

// makePlan builds province p's plan for year and returns it with its lines,
// in the order given.
func makePlan(t *testing.T, s *app.Services, p units.ProvinceCode, year int, in planOf) (plans.Plan, []budget.Line) {
	t.Helper()
	planner := plannerOf(p)
	plan, err := s.Plans.Create(ctx, planner, plans.NewPlan{Province: p, Year: year, Title: fmt.Sprintf("Kế hoạch %d", year)})
	must(t, err)
	var lines []budget.Line
	for _, l := range in.lines {
		_, a, err := s.Plans.AddActivity(ctx, planner, plan.ID, plans.ActivityInput{TaskArea: l.taskArea, Title: "Hoạt động " + l.taskArea})
		must(t, err)
		_, bl, err := s.Budget.AddLine(ctx, planner, plan.ID, budget.LineInput{ActivityID: a.ID, FundingSource: l.source, Amount: l.amount})
		must(t, err)
		lines = append(lines, bl)
	}
	targets := map[indicators.Code]string{indicators.CommuneWorker: "100"}
	for code, v := range in.targets {
		targets[code] = v
	}
	for code, v := range targets {
		plan, err = s.Plans.Plan(ctx, planner, plan.ID)
		must(t, err)
		_, err = s.Plans.SetTarget(ctx, planner, plan.Ref(), plans.Target{Indicator: code, Value: d(v)})
		must(t, err)
	}
	return moveTo(t, s, plan, in.state), lines
}

// moveTo takes a draft plan through the workflow to state.
func moveTo(t *testing.T, s *app.Services, plan plans.Plan, state string) plans.Plan {
	t.Helper()
	var err error
	if state != "draft" {
		plan, err = s.Plans.Submit(ctx, plannerOf(plan.Province), plans.Ref{ID: plan.ID})
		must(t, err)
	}
	switch state {
	case "returned":
		plan, err = s.Plans.Return(ctx, approverOf(plan.Province), plans.Ref{ID: plan.ID}, "Đề nghị bổ sung")
	case "approved":
		plan, err = s.Plans.Approve(ctx, approverOf(plan.Province), plans.Ref{ID: plan.ID}, issued)
	}
	must(t, err)
	return plan
}

// allocate records a central allocation to p for year.
func allocate(t *testing.T, s *app.Services, p units.ProvinceCode, year int, amount budget.VND) {
	t.Helper()
	_, _, err := s.Budget.Allocate(ctx, reviewer, budget.NewAllocation{Province: p, Year: year, Amount: amount,
		DecisionNo: "1/QĐ-BYT", DecidedOn: baove.NewDate(year, 1, 15)}, "")
	must(t, err)
}

// pay records a payment from l on 10 March of its year.
func pay(t *testing.T, s *app.Services, p units.ProvinceCode, year int, l budget.Line, amount budget.VND) {
	t.Helper()
	_, _, err := s.Budget.Disburse(ctx, financeOf(p), budget.NewDisbursement{Line: l.ID, Amount: amount,
		PaidOn: baove.NewDate(year, 3, 10), VoucherNo: fmt.Sprintf("PC-%d", l.ID)}, "")
	must(t, err)
}
