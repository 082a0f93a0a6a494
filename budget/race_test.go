package budget_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"baove"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/plans"
)

// Every write that changes what may be paid takes the lock payments take:
// raced against payments, each leaves the ledger within its limits. (On
// SQLite writers take turns anyway; the races matter on PostgreSQL.)

// race runs n payments of amount from line, and other, all at once, and
// returns the errors of the payments that were refused.
func race(f *fixture, line budget.Line, n int, amount budget.VND, paidOn baove.Date, other func()) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			f.budget.Disburse(ctx, financeHN, budget.NewDisbursement{Line: line.ID, Amount: amount, PaidOn: paidOn,
				VoucherNo: fmt.Sprintf("R-%d-%d", line.ID, i)}, "")
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-start
		time.Sleep(time.Duration(n/8) * time.Millisecond) // land among the payments
		other()
	}()
	close(start)
	wg.Wait()
}

// tries runs fn on six fresh databases of each engine.
func tries(t *testing.T, fn func(t *testing.T, try int, db *database.DB)) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		for try := range 6 {
			if try > 0 {
				db = dbtest.MustOpenDB(t, db.Engine)
			}
			fn(t, try, db)
		}
	})
}

func TestApproval_RacedAgainstPaymentsNeverLeavesALineOverspent(t *testing.T) {
	tries(t, func(t *testing.T, try int, db *database.DB) {
		{
			f := newFixture(t, db, 2026, 1_000_000, 500_000, 1_000_000)
			v2, err := f.plans.Revise(ctx, plannerHN, f.plan.ID)
			f.check(err)
			lines, err := f.budget.Lines(ctx, plannerHN, v2.ID)
			f.check(err)
			v2, err = f.budget.UpdateLine(ctx, plannerHN, budget.LineRef{Plan: v2.Ref(), Line: lines[1].ID}, func(in *budget.LineInput) { in.Amount = 299_997 })
			f.check(err)
			_, err = f.plans.Submit(ctx, plannerHN, plans.Ref{ID: v2.ID})
			f.check(err)
			for range 14 { // 280.000 paid: one more payment of 20.000 goes over the revised line
				_, err = f.pay(f.provinial, 20_000)
				f.check(err)
			}
			issue := func() { f.plans.Approve(ctx, approverHN, plans.Ref{ID: v2.ID}, f.issued()) }
			race(f, f.provinial, 4, 20_000, baove.NewDate(2026, 4, 1), issue)
			sum, err := f.budget.Summary(ctx, reviewer, "01", 2026)
			f.check(err)
			inForce, err := f.budget.Lines(ctx, reviewer, sum.Plan.ID)
			f.check(err)
			for _, l := range inForce {
				if l.Disbursed > l.Amount {
					t.Fatalf("try %d: line %s of version %d in force: %d paid of %d", try, l.Lineage, sum.Plan.Version, l.Disbursed, l.Amount)
				}
			}
		}
	})
}

func TestCorrection_RacedAgainstPaymentsNeverLeavesCentralPaymentsAboveTheAllocations(t *testing.T) {
	tries(t, func(t *testing.T, try int, db *database.DB) {
		{
			f := newFixture(t, db, 2026, 2_000_000, 500_000, 1_000_000)
			race(f, f.central, 30, 40_000, baove.NewDate(2026, 4, 1), func() {
				f.budget.Allocate(ctx, reviewer, budget.NewAllocation{Province: "01", Year: 2026, Amount: -400_000,
					DecidedOn: baove.NewDate(2026, 6, 1), Reason: "Điều chỉnh giảm"}, "")
			})
			sum, err := f.budget.Summary(ctx, reviewer, "01", 2026)
			f.check(err)
			if c := sum.BySource[0]; c.Disbursed > c.Allocated {
				t.Fatalf("try %d: central paid %d, allocated %d", try, c.Disbursed, c.Allocated)
			}
		}
	})
}

func TestClose_RacedAgainstPaymentsCountsEveryPaymentOrRefusesIt(t *testing.T) {
	tries(t, func(t *testing.T, try int, db *database.DB) {
		{
			f := newFixture(t, db, 2025, 2_000_000, 500_000, 1_000_000)
			f.now = time.Date(2026, 1, 20, 2, 0, 0, 0, time.UTC) // the adjustment period: payments of 2025 still go in
			race(f, f.central, 30, 20_000, baove.NewDate(2026, 1, 15), func() {
				f.budget.Close(ctx, financeHN, budget.YearEnd{Province: "01", Year: 2025, Disposition: budget.CarryOver})
			})
			sum, err := f.budget.Summary(ctx, reviewer, "01", 2025)
			f.check(err)
			if sum.Central.Closed && sum.Central.Unspent+sum.BySource[0].Disbursed != sum.BySource[0].Allocated {
				t.Fatalf("try %d: closed with %d unspent, but %d paid of %d allocated", try, sum.Central.Unspent,
					sum.BySource[0].Disbursed, sum.BySource[0].Allocated)
			}
		}
	})
}
