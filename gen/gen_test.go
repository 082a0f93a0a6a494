package gen_test

import (
	"context"
	"errors"
	"testing"

	"baove"
	"baove/access"
	"baove/app"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/gen"
	"baove/plans"
)

var ctx = context.Background()

// small is a dataset small enough for every test run: three years ending
// with dbtest's 2026, a few thousand ledger entries.
var small = gen.Options{Years: 3, Disbursements: 6_000, Seed: 7, Clock: dbtest.Clock}

func mustRun(t *testing.T, db *database.DB, o gen.Options) gen.Stats {
	t.Helper()
	st, err := gen.Run(ctx, db, o)
	if err != nil {
		t.Fatalf("gen: %v", err)
	}
	return st
}

// wire returns the services over db, as cmd/baove wires them.
func wire(db *database.DB) *app.Services { return app.MustNew(db, app.Config{Clock: dbtest.Clock}) }

var reviewer = access.Caller{Username: "reviewer", Role: access.Reviewer}

func TestRun_TheSameSeedGivesTheSameRowsAndAnotherSeedOthers(t *testing.T) {
	for _, engine := range []database.Engine{database.SQLite, database.Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			var digests []string
			for _, seed := range []uint64{7, 7, 8} {
				db := dbtest.MustOpenDB(t, engine)
				o := small
				o.Seed = seed
				mustRun(t, db, o)
				digests = append(digests, dbtest.Snapshot(t, db))
			}
			if digests[0] != digests[1] {
				t.Error("seed 7 twice gave different rows")
			}
			if digests[0] == digests[2] {
				t.Error("seeds 7 and 8 gave the same rows")
			}
		})
	}
}

func TestRun_WritesTheRequestedEntriesAndEveryPart(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		st := mustRun(t, db, small)
		if st.Payments+st.Reversals != small.Disbursements || st.Reversals == 0 {
			t.Errorf("%d payments and %d reversals, want %d entries with some reversals", st.Payments, st.Reversals, small.Disbursements)
		}
		var statuses []string
		if err := db.NewRaw("SELECT DISTINCT status FROM plans ORDER BY status").Scan(ctx, &statuses); err != nil {
			t.Fatal(err)
		}
		if len(statuses) != 5 {
			t.Errorf("plan statuses %v, want all five", statuses)
		}
		for table, least := range map[string]int64{"plans": 34 * 3, "allocations": 34, "budget_years": 34, "commune_staffing": 2 * 3321,
			"indicator_values": 34 * 3 * 10, "plan_events": 34 * 3 * 2} {
			if n, err := db.NewSelect().Table(table).Count(ctx); err != nil || n < least {
				t.Errorf("%s: %d rows (%v), want at least %d", table, n, err, least)
			}
		}
		var kinds []string
		db.NewRaw("SELECT DISTINCT kind FROM allocations ORDER BY kind").Scan(ctx, &kinds)
		if len(kinds) != 3 {
			t.Errorf("allocation kinds %v, want allocation, carry_in and correction", kinds)
		}
		var ledger, totals [2]int64
		db.NewRaw("SELECT coalesce(sum(amount), 0), count(*) FROM disbursements").Scan(ctx, &ledger[0], &ledger[1])
		db.NewRaw("SELECT coalesce(sum(amount), 0), coalesce(sum(entries), 0) FROM ledger_totals").Scan(ctx, &totals[0], &totals[1])
		if ledger != totals || ledger[1] != int64(small.Disbursements) {
			t.Errorf("ledger sums to %v, its running totals to %v", ledger, totals)
		}
	})
}

func TestRun_RefusesADatabaseThatHoldsPlans(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		mustRun(t, db, small)
		before := dbtest.Snapshot(t, db)
		_, err := gen.Run(ctx, db, small)
		var e *baove.Error
		if !errors.As(err, &e) || e.Code != baove.ECONFLICT {
			t.Fatalf("second run: %v, want ECONFLICT", err)
		}
		if dbtest.Snapshot(t, db) != before {
			t.Error("the refused run changed the database")
		}
	})
}

func TestRun_RefusesYearsBeforeTheDirective(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	o := small
	o.Years = 11 // 2016–2026
	if _, err := gen.Run(ctx, db, o); baove.ErrorCode(err) != baove.EINVALID {
		t.Fatalf("11 years before 2027: %v, want EINVALID", err)
	}
}

func TestRun_LeavesRoomForTheServicesToAddRows(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		mustRun(t, db, small)
		s := wire(db)
		planner := access.Caller{Username: "planner.01", Role: access.Planner, Province: "01"}
		p, err := s.Plans.Create(ctx, planner, plans.NewPlan{Province: "01", Year: 2027, Title: "Kế hoạch năm 2027"})
		if err != nil {
			t.Fatalf("a new plan after generation: %v", err)
		}
		if _, _, err := s.Plans.AddActivity(ctx, planner, p.ID, plans.ActivityInput{TaskArea: "1.1", Title: "Tuyên truyền"}); err != nil {
			t.Fatalf("a new activity after generation: %v", err)
		}
		r := s.Budget
		if _, _, err := r.Allocate(ctx, reviewer, budget.NewAllocation{Province: "01", Year: 2027, Amount: 1_000_000,
			DecisionNo: "1/QĐ-BYT", DecidedOn: baove.NewDate(2026, 11, 28)}, ""); err != nil {
			t.Fatalf("a new allocation after generation: %v", err)
		}
	})
}
