package budget_test

import (
	"testing"

	"baove"
	"baove/app"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/units"
)

func decisionFor(shares ...budget.Share) budget.Decision {
	return budget.Decision{Year: 2026, DecisionNo: "88/QĐ-BYT", DecidedOn: baove.NewDate(2026, 3, 2), Shares: shares}
}

// allocatedTo returns what province p was allocated in 2026, entry by entry.
func allocatedTo(t *testing.T, s *budget.Store, p string) []budget.VND {
	t.Helper()
	as, err := s.Allocations(ctx, reviewer, units.ProvinceCode(p), 2026)
	if err != nil {
		t.Fatal(err)
	}
	var out []budget.VND
	for _, a := range as {
		out = append(out, a.Amount)
	}
	return out
}

func TestAllocateDecision_RecordsOneAllocationPerProvinceWithTheDecision(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := app.MustNew(db, app.Config{Clock: dbtest.Clock}).Budget
		as, replayed, err := s.AllocateDecision(ctx, reviewer, decisionFor(budget.Share{Province: "11", Amount: 300_000_000},
			budget.Share{Province: "01", Amount: 500_000_000}), "")
		if err != nil || replayed || len(as) != 2 {
			t.Fatalf("AllocateDecision: %d entries, replayed %v, %v", len(as), replayed, err)
		}
		if as[0].Province != "11" || as[0].DecisionNo != "88/QĐ-BYT" || as[0].Kind != budget.Allocated || as[0].Actor != "reviewer" {
			t.Errorf("first entry %+v", as[0])
		}
		if got := allocatedTo(t, s, "01"); len(got) != 1 || got[0] != 500_000_000 {
			t.Errorf("Hà Nội was allocated %v, want [500000000]", got)
		}
		if got := allocatedTo(t, s, "11"); len(got) != 1 || got[0] != 300_000_000 {
			t.Errorf("Điện Biên was allocated %v, want [300000000]", got)
		}
	})
}

func TestAllocateDecision_RecordsNothingWhenOneShareIsRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := app.MustNew(db, app.Config{Clock: dbtest.Clock}).Budget
		d := decisionFor(budget.Share{Province: "01", Amount: 500_000_000}, budget.Share{Province: "99", Amount: 1})
		_, _, err := s.AllocateDecision(ctx, reviewer, d, "")
		assertField(t, err, baove.EINVALID, "shares[1].province_code")
		d = decisionFor(budget.Share{Province: "01", Amount: 500_000_000}, budget.Share{Province: "11", Amount: 0},
			budget.Share{Province: "01", Amount: 2})
		_, _, err = s.AllocateDecision(ctx, reviewer, d, "")
		assertField(t, err, baove.EINVALID, "shares[1].amount", "shares[2].province_code")
		d = decisionFor(budget.Share{Province: "01", Amount: 5}, budget.Share{Province: "11", Amount: 5})
		d.DecidedOn = baove.NewDate(2026, 12, 25) // after today
		_, _, err = s.AllocateDecision(ctx, reviewer, d, "")
		assertField(t, err, baove.EINVALID, "decided_on")
		if got := allocatedTo(t, s, "01"); len(got) != 0 {
			t.Errorf("refused decisions allocated %v to Hà Nội", got)
		}
	})
}

func TestAllocateDecision_ARetryWithTheSameKeyRecordsOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := app.MustNew(db, app.Config{Clock: dbtest.Clock}).Budget
		d := decisionFor(budget.Share{Province: "01", Amount: 7}, budget.Share{Province: "11", Amount: 9})
		first, _, err := s.AllocateDecision(ctx, reviewer, d, "decision-key-1")
		if err != nil {
			t.Fatal(err)
		}
		d.Shares[0], d.Shares[1] = d.Shares[1], d.Shares[0] // the same decision, its rows in another order
		again, replayed, err := s.AllocateDecision(ctx, reviewer, d, "decision-key-1")
		if err != nil || !replayed || len(again) != 2 || again[0].ID != first[0].ID {
			t.Fatalf("retry: replayed %v, %+v, %v; first %+v", replayed, again, err, first)
		}
		if got := allocatedTo(t, s, "11"); len(got) != 1 {
			t.Errorf("a retry allocated again: %v", got)
		}
		d.Shares[0].Amount = 8
		_, _, err = s.AllocateDecision(ctx, reviewer, d, "decision-key-1")
		assertField(t, err, baove.EINVALID, "Idempotency-Key")
	})
}

func TestAllocateDecision_OnlyAReviewerDecides(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := app.MustNew(db, app.Config{Clock: dbtest.Clock}).Budget
		_, _, err := s.AllocateDecision(ctx, approverHN, decisionFor(budget.Share{Province: "01", Amount: 7}), "")
		if baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("an approver's decision: %v, want EFORBIDDEN", err)
		}
	})
}

// assertField fails unless err has code and names every field of fields.
func assertField(t *testing.T, err error, code baove.Code, fields ...string) {
	t.Helper()
	var e *baove.Error
	if !asError(err, &e) || e.Code != code {
		t.Fatalf("got %v, want %s", err, code)
	}
	named := map[string]bool{}
	for _, f := range e.Fields {
		named[f.Field] = true
	}
	for _, f := range fields {
		if !named[f] {
			t.Errorf("the error names %v, not %s", e.Fields, f)
		}
	}
}
