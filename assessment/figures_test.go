package assessment_test

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"

	"github.com/uptrace/bun"

	"baove"
	"baove/assessment"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
)

// statements counts the statements sent while it is on.
type statements struct{ n atomic.Int64 }

func (c *statements) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *statements) AfterQuery(context.Context, *bun.QueryEvent) {}

// same reports whether a and b say the same, as their JSON does (a
// check's rule is a function, which reflect.DeepEqual never finds equal).
func same(t *testing.T, a, b assessment.NationalFigures) bool {
	t.Helper()
	ja, err := json.Marshal(a)
	must(t, err)
	jb, err := json.Marshal(b)
	must(t, err)
	return string(ja) == string(jb)
}

func TestNationalFigures_KeptWhileNothingIsRecordedAndReadAfreshAfterAnyWrite(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := services(db)
		a := s.Assessment
		allocate(t, s, "01", 2026, 1_000_000)
		if _, err := a.NationalFigures(ctx, plannerOf("01"), 2026); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Fatalf("a planner: %v, want EFORBIDDEN", err)
		}
		if _, err := a.NationalFigures(ctx, reviewer, 1999); baove.ErrorCode(err) != baove.EINVALID {
			t.Fatalf("1999: %v, want EINVALID", err)
		}
		first, err := a.NationalFigures(ctx, reviewer, 2026)
		must(t, err)
		sent := &statements{}
		db.AddQueryHook(sent)
		again, err := a.NationalFigures(ctx, reviewer, 2026)
		must(t, err)
		if n := sent.n.Load(); n > 1 || !same(t, first, again) {
			t.Fatalf("nothing recorded since: %d statements (want at most the mark's), same figures: %v", n,
				same(t, first, again))
		}

		// Any write has them read again: a value reported, an allocation.
		report(t, s, "11", indicators.AbuseCases, "2026-Q1", count(4))
		allocate(t, s, "01", 2026, 500_000)
		after, err := a.NationalFigures(ctx, reviewer, 2026)
		must(t, err)
		before, now := first.Budgets["01"].Total.Allocated, after.Budgets["01"].Total.Allocated
		if now != before+500_000 {
			t.Fatalf("Hà Nội's allocations after another: %d, want %d", now, before+500_000)
		}
		budgets, err := s.Budget.YearFigures(ctx, reviewer, 2026)
		must(t, err)
		national, err := a.National(ctx, reviewer, 2026, budgets)
		must(t, err)
		if want := (assessment.NationalFigures{Budgets: budgets, National: national}); !same(t, after, want) {
			t.Fatal("the figures after the writes differ from those read afresh")
		}
	})
}
