package plans_test

import (
	"slices"
	"testing"

	"baove"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/plans"
)

// TestUpdateTaskArea_ChangesEligibilityFromAYearOnAndLeavesThePastAlone is
// issue 13's seventh case: eligibility for central funds was one global
// flag, so an administrator's change rewrote the compliance of past years.
func TestUpdateTaskArea_ChangesEligibilityFromAYearOnAndLeavesThePastAlone(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := services(db).Plans
		no, yes, y2027, y2025 := false, true, 2027, 2025
		ta, err := s.UpdateTaskArea(ctx, admin, "1.3", plans.TaskAreaPatch{EligibleForCentralFunds: &no}) // from 2026, this year
		if err != nil {
			t.Fatal(err)
		}
		want := []plans.Eligibility{{FromYear: 2016, ToYear: 2025, Eligible: true}, {FromYear: 2026, Eligible: false}}
		if !slices.Equal(ta.Eligibility, want) || ta.EligibleIn(2025) != true || ta.EligibleIn(2026) || ta.EligibleForCentralFunds {
			t.Fatalf("after ruling 1.3 out: %+v, want %+v", ta, want)
		}
		if ta, err = s.UpdateTaskArea(ctx, admin, "1.3", plans.TaskAreaPatch{EligibleForCentralFunds: &yes, EligibleFrom: &y2027}); err != nil {
			t.Fatal(err)
		}
		want = []plans.Eligibility{{FromYear: 2016, ToYear: 2025, Eligible: true}, {FromYear: 2026, ToYear: 2026, Eligible: false}, {FromYear: 2027, Eligible: true}}
		if !slices.Equal(ta.Eligibility, want) {
			t.Errorf("after ruling 1.3 back in from 2027: %+v, want %+v", ta.Eligibility, want)
		}
		_, err = s.UpdateTaskArea(ctx, admin, "1.3", plans.TaskAreaPatch{EligibleForCentralFunds: &no, EligibleFrom: &y2025})
		var e *baove.Error
		if !asError(err, &e) || e.Code != baove.EINVALID || e.Fields[0].Field != "eligible_from_year" {
			t.Errorf("a change from 2025, a past year: %v, want 422 naming eligible_from_year", err)
		}
		all, err := s.TaskAreas(ctx)
		if err != nil || all[3].Code != "1.3" || !slices.Equal(all[3].Eligibility, want) || len(all[0].Eligibility) != 1 {
			t.Errorf("task areas read back: %+v, %v", all[:4], err)
		}
	})
}

// TestSubmit_ChecksCentralLinesAgainstTheYearsEligibility: a central line
// added while its task area was eligible is refused at submission and at
// approval once the area is ruled out for the plan's year.
func TestSubmit_ChecksCentralLinesAgainstTheYearsEligibility(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		p := readyPlan(t, svc)
		_, a, err := svc.Plans.AddActivity(ctx, plannerHN, p.ID, plans.ActivityInput{TaskArea: "4.1", Title: "Rà soát cơ sở"})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Budget.AddLine(ctx, plannerHN, p.ID, budget.LineInput{ActivityID: a.ID, FundingSource: budget.Central, Amount: 1_000_000}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Plans.Submit(ctx, plannerHN, plans.Ref{ID: p.ID}); err != nil {
			t.Fatal(err)
		}
		no := false
		if _, err := svc.Plans.UpdateTaskArea(ctx, admin, "4.1", plans.TaskAreaPatch{EligibleForCentralFunds: &no}); err != nil {
			t.Fatal(err)
		}
		_, err = svc.Plans.Approve(ctx, approverHN, plans.Ref{ID: p.ID}, issued)
		var e *baove.Error
		if !asError(err, &e) || e.Code != baove.ECONFLICT || len(e.Fields) != 1 || e.Fields[0].Field != "budget_lines" {
			t.Fatalf("approving a central line on 4.1, ruled out for 2026: %v, want 409 naming budget_lines", err)
		}
		for year, want := range map[int]bool{2025: true, 2026: false} {
			if got, err := svc.Budget.EligibleForCentral(ctx, db, "4.1", year); err != nil || got != want {
				t.Errorf("EligibleForCentral(4.1, %d) = %v, %v; want %v", year, got, err, want)
			}
		}
		if _, err := svc.Budget.EligibleForCentral(ctx, db, "9.9", 2026); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("unknown task area: %v, want ENOTFOUND", err)
		}
	})
}
