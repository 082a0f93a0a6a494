package web_test

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"

	"baove/access"
	"baove/budget"
	"baove/demo"
	"baove/indicators"
	"baove/plans"
	"baove/web/webtest"
)

var bg = context.Background()

// callerFor signs username in through the domain and returns them as a
// caller, to prepare what a page test needs.
func callerFor(t *testing.T, s *webtest.Server, username string) access.Caller {
	t.Helper()
	sess, err := s.Services.Access.Login(bg, access.Attempt{Username: username, Password: demo.Password, Address: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Services.Access.Authenticate(bg, sess.Token, "")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// submittedPlan has Điện Biên's planner draft and submit its 2026 plan:
// one activity with a provincial budget line and the commune-worker target.
func submittedPlan(t *testing.T, s *webtest.Server) plans.Plan {
	t.Helper()
	planner := callerFor(t, s, "planner.dienbien")
	p, err := s.Services.Plans.Create(bg, planner, plans.NewPlan{Province: "11", Year: 2026, Title: "Kế hoạch bảo vệ trẻ em năm 2026"})
	must(t, err)
	_, a, err := s.Services.Plans.AddActivity(bg, planner, p.ID, plans.ActivityInput{TaskArea: "1.3", Title: "Tập huấn cán bộ xã"})
	must(t, err)
	_, _, err = s.Services.Budget.AddLine(bg, planner, p.ID, budget.LineInput{ActivityID: a.ID, FundingSource: budget.Provincial,
		Amount: 120_000_000, Description: "Tập huấn"})
	must(t, err)
	p, err = s.Services.Plans.Plan(bg, planner, p.ID)
	must(t, err)
	p, err = s.Services.Plans.SetTarget(bg, planner, p.Ref(), plans.Target{Indicator: indicators.CommuneWorker, Value: decimal.NewFromInt(90)})
	must(t, err)
	p, err = s.Services.Plans.Submit(bg, planner, p.Ref())
	must(t, err)
	return p
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// planNow returns plan id as the reviewer reads it now.
func planNow(t *testing.T, s *webtest.Server, id plans.ID) plans.Plan {
	t.Helper()
	p, err := s.Services.Plans.Plan(bg, callerFor(t, s, "reviewer"), id)
	must(t, err)
	return p
}

// hiddenField returns the value of the hidden field name in a page's
// body, failing the test when there is none.
func hiddenField(t *testing.T, body, name string) string {
	t.Helper()
	v := hidden(body, name)
	if v == "" {
		t.Fatalf("the page has no hidden %s", name)
	}
	return v
}
