package plans_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/uptrace/bun"

	"baove"
	"baove/database"
	"baove/database/dbtest"
	"baove/plans"
)

// planReads counts the statements that read plan rows: one version's, or
// a province-year's.
type planReads struct{ n atomic.Int64 }

func (c *planReads) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	dest := database.Dest(e)
	if e.Model != nil {
		dest = e.Model.Value()
	}
	if e.Operation() == "SELECT" {
		switch dest.(type) {
		case *plans.PlanRecord, *[]plans.PlanRecord:
			c.n.Add(1)
		}
	}
	return ctx
}

func (c *planReads) AfterQuery(context.Context, *bun.QueryEvent) {}

func TestRemember_AReadOnlyRequestReadsAPlansRowOnceAndStillChecksTheCaller(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := readyPlan(t, svc)
		reads := &planReads{}
		db.AddQueryHook(reads)

		req := plans.Remember(ctx)
		for range 3 {
			if _, err := s.Head(req, reviewer, p.ID); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Versions(req, reviewer, p.ID); err != nil {
			t.Fatal(err)
		}
		if n := reads.n.Load(); n != 1 {
			t.Fatalf("three heads and the versions of one plan in a remembered request read plan rows %d times, want 1", n)
		}
		if _, err := s.Head(req, plannerDB, p.ID); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Fatalf("another province's planner, from the remembered row: %v, want ENOTFOUND", err)
		}

		reads.n.Store(0)
		for range 2 {
			if _, err := s.Head(ctx, reviewer, p.ID); err != nil {
				t.Fatal(err)
			}
		}
		if n := reads.n.Load(); n != 2 {
			t.Fatalf("two heads without Remember read the row %d times, want 2", n)
		}
	})
}
