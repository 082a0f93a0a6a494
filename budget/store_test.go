package budget_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
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
)

var (
	ctx        = context.Background()
	plannerHN  = access.Caller{Username: "planner.hanoi", Role: access.Planner, Province: "01"}
	financeHN  = access.Caller{Username: "finance.hanoi", Role: access.Finance, Province: "01"}
	financeDB  = access.Caller{Username: "finance.dienbien", Role: access.Finance, Province: "11"}
	reviewer   = access.Caller{Username: "reviewer", Role: access.Reviewer}
	approverHN = access.Caller{Username: "approver.hanoi", Role: access.Approver, Province: "01"}
)

// fixture is Hà Nội's budget for a year: an approved plan with a central
// line on task area 1.3 and a provincial line on task area 0, and central
// allocations.
type fixture struct {
	t         *testing.T
	now       time.Time
	plans     *plans.Store
	budget    *budget.Store
	plan      plans.Plan
	central   budget.Line
	provinial budget.Line
}

func newFixture(t *testing.T, db *database.DB, year int, centralLine, provincialLine, allocated budget.VND) *fixture {
	t.Helper()
	f := &fixture{t: t, now: dbtest.Now()}
	svc := app.MustNew(db, app.Config{Clock: baove.NewClock(func() time.Time { return f.now }, nil)})
	f.plans, f.budget = svc.Plans, svc.Budget
	p, err := f.plans.Create(ctx, plannerHN, plans.NewPlan{Province: "01", Year: year, Title: fmt.Sprintf("Kế hoạch %d", year)})
	f.check(err)
	_, hotline, err := f.plans.AddActivity(ctx, plannerHN, p.ID, plans.ActivityInput{TaskArea: "1.3", Title: "Tổng đài 111"})
	f.check(err)
	_, admin, err := f.plans.AddActivity(ctx, plannerHN, p.ID, plans.ActivityInput{TaskArea: "0", Title: "Quản lý chung"})
	f.check(err)
	p, err = f.plans.Plan(ctx, plannerHN, p.ID)
	f.check(err)
	_, err = f.plans.SetTarget(ctx, plannerHN, p.Ref(), plans.Target{Indicator: indicators.CommuneWorker, Value: decimal.NewFromInt(100)})
	f.check(err)
	_, f.central, err = f.budget.AddLine(ctx, plannerHN, p.ID, budget.LineInput{ActivityID: hotline.ID, FundingSource: budget.Central, Amount: centralLine})
	f.check(err)
	_, f.provinial, err = f.budget.AddLine(ctx, plannerHN, p.ID, budget.LineInput{ActivityID: admin.ID, FundingSource: budget.Provincial, Amount: provincialLine})
	f.check(err)
	_, err = f.plans.Submit(ctx, plannerHN, plans.Ref{ID: p.ID})
	f.check(err)
	f.plan, err = f.plans.Approve(ctx, approverHN, plans.Ref{ID: p.ID}, f.issued())
	f.check(err)
	if allocated != 0 {
		_, _, err = f.budget.Allocate(ctx, reviewer, budget.NewAllocation{Province: "01", Year: year, Amount: allocated,
			DecisionNo: "123/QĐ-BYT", DecidedOn: baove.NewDate(year, 1, 15)}, "")
		f.check(err)
	}
	return f
}

// issued is the issuance of a plan by Hà Nội's approver on the fixture's
// today.
func (f *fixture) issued() plans.Issuance {
	return plans.Issuance{DocumentNo: "99/KH-UBND", IssuedOn: baove.NewClock(nil, nil).Day(f.now), SignerName: "Nguyễn Văn An",
		SignerTitle: "Phó Chủ tịch"}
}

func (f *fixture) check(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// pay records a payment from line with a fresh voucher number.
func (f *fixture) pay(line budget.Line, amount budget.VND) (budget.Disbursement, error) {
	d, _, err := f.budget.Disburse(ctx, financeHN, budget.NewDisbursement{Line: line.ID, Amount: amount,
		PaidOn: baove.NewDate(f.plan.Year, 3, 10), VoucherNo: fmt.Sprintf("PC-%d-%d", line.ID, time.Now().UnixNano())}, "")
	return d, err
}

func wantCode(t *testing.T, what string, err error, code baove.Code) {
	t.Helper()
	if baove.ErrorCode(err) != code {
		t.Fatalf("%s: %v, want %s", what, err, code)
	}
}

func TestSummary_IsExactOverManySmallAmounts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000_007, 500_000_000, 1_000_000_007)
		var want budget.VND
		for i := range 990 {
			amount := budget.VND(1_000_003 + i*7) // odd amounts that floating point would blur when summed
			if _, err := f.pay(f.central, amount); err != nil {
				t.Fatal(err)
			}
			want += amount
		}
		sum, err := f.budget.Summary(ctx, reviewer, "01", 2026)
		if err != nil {
			t.Fatal(err)
		}
		c := sum.BySource[0]
		if c.Source != budget.Central || c.Disbursed != want || c.Remaining != 1_000_000_007-want {
			t.Fatalf("central row %+v, want disbursed %d", c, want)
		}
		wantRate := decimal.NewFromInt(int64(want)).Mul(decimal.NewFromInt(100)).DivRound(decimal.NewFromInt(1_000_000_007), 2)
		if !c.Rate.Decimal.Equal(wantRate) || sum.Total.Disbursed != want || sum.Total.Planned != 1_500_000_007 {
			t.Fatalf("rate %s (want %s), totals %+v", c.Rate.Decimal, wantRate, sum.Total)
		}
	})
}

func TestDisburse_RefusesOverspendingALine(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 500_000, 1_000_000)
		if _, err := f.pay(f.provinial, 400_000); err != nil {
			t.Fatal(err)
		}
		_, err := f.pay(f.provinial, 100_001)
		wantCode(t, "overspend the line", err, baove.ECONFLICT)
		if !strings.Contains(err.Error(), "would exceed line") || !strings.Contains(err.Error(), "by 1 đồng") {
			t.Errorf("the refusal does not say by how much: %v", err)
		}
	})
}

func TestDisburse_RefusesCentralSpendingBeyondAllocations(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 500_000, 600_000)
		if _, err := f.pay(f.central, 600_000); err != nil {
			t.Fatal(err)
		}
		_, err := f.pay(f.central, 1)
		wantCode(t, "central payment beyond the allocations", err, baove.ECONFLICT)
		if !strings.Contains(err.Error(), "central allocations") {
			t.Errorf("the refusal does not name the allocations: %v", err)
		}
	})
}

func TestDisburse_IdempotentRetryRecordsOnePayment(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 500_000, 1_000_000)
		n := budget.NewDisbursement{Line: f.central.ID, Amount: 250_000, PaidOn: baove.NewDate(2026, 4, 2), VoucherNo: "PC-0042"}
		first, replayed, err := f.budget.Disburse(ctx, financeHN, n, "retry-me")
		if err != nil || replayed {
			t.Fatalf("first: %v, replayed %v", err, replayed)
		}
		again, replayed, err := f.budget.Disburse(ctx, financeHN, n, "retry-me")
		if err != nil || !replayed || again.ID != first.ID {
			t.Fatalf("retry: %+v, replayed %v, %v; want the first payment", again, replayed, err)
		}
		n.Amount = 260_000
		_, _, err = f.budget.Disburse(ctx, financeHN, n, "retry-me")
		wantCode(t, "the same key with another body", err, baove.EINVALID)
		ledger, _ := f.budget.Disbursements(ctx, financeHN, f.central.ID)
		if len(ledger) != 1 {
			t.Fatalf("ledger has %d entries, want 1", len(ledger))
		}
	})
}

func TestDisburse_LimitsHoldUnder50ConcurrentPayments(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 1_000_000, 2_000_000)
		var wg sync.WaitGroup
		errs := make(chan error, 50)
		for i := range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, err := f.budget.Disburse(ctx, financeHN, budget.NewDisbursement{Line: f.central.ID, Amount: 30_000,
					PaidOn: baove.NewDate(2026, 5, 5), VoucherNo: fmt.Sprintf("PC-C-%02d", i)}, "")
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		ok, refused := 0, 0
		for err := range errs {
			switch {
			case err == nil:
				ok++
			case baove.ErrorCode(err) == baove.ECONFLICT && strings.Contains(err.Error(), "would exceed line"):
				refused++
			default:
				t.Errorf("unexpected: %v", err)
			}
		}
		l, _, err := f.budget.Line(ctx, financeHN, f.central.ID)
		if err != nil {
			t.Fatal(err)
		}
		if ok != 33 || refused != 17 || l.Disbursed != 990_000 {
			t.Fatalf("%d paid, %d refused, line disbursed %d; want 33, 17, 990000 (at or under 1000000)", ok, refused, l.Disbursed)
		}
	})
}

func TestReverse_AddsAnEntryAndKeepsTheOriginal(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 500_000, 1_000_000)
		d, err := f.pay(f.central, 300_000)
		f.check(err)
		rev, err := f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: d.ID, Reason: "Chứng từ ghi sai số tiền"})
		f.check(err)
		if rev.Kind != budget.Reversal || rev.Amount != -300_000 || rev.ReversesID != d.ID {
			t.Fatalf("reversal %+v", rev)
		}
		_, err = f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: d.ID, Reason: "lần nữa"})
		wantCode(t, "reverse twice", err, baove.ECONFLICT)
		_, err = f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: rev.ID, Reason: "đảo của đảo"})
		wantCode(t, "reverse a reversal", err, baove.ECONFLICT)
		_, err = f.budget.Reverse(ctx, financeDB, budget.NewReversal{Payment: d.ID, Reason: "tỉnh khác"})
		wantCode(t, "another province's finance officer", err, baove.ENOTFOUND)
		ledger, _ := f.budget.Disbursements(ctx, financeHN, f.central.ID)
		if len(ledger) != 2 || ledger[0].Amount != 300_000 || ledger[0].ReversedByID != rev.ID {
			t.Fatalf("ledger %+v: the original must stay, marked reversed", ledger)
		}
		if _, err := db.ExecContext(ctx, "UPDATE disbursements SET amount = 1"); err == nil {
			t.Error("the ledger accepted an UPDATE")
		}
		if _, err := db.ExecContext(ctx, "DELETE FROM disbursements"); err == nil {
			t.Error("the ledger accepted a DELETE")
		}
	})
}

func TestClose_RefusesWritesAndCarriesUnspentIntoNextYear(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2025, 1_000_000, 500_000, 900_000)
		d, err := f.pay(f.central, 700_000)
		f.check(err)
		_, err = f.budget.Close(ctx, financeHN, budget.YearEnd{Province: "01", Year: 2026, Disposition: budget.CarryOver})
		wantCode(t, "close the running year", err, baove.ECONFLICT)
		sum, err := f.budget.Close(ctx, financeHN, budget.YearEnd{Province: "01", Year: 2025, Disposition: budget.CarryOver})
		f.check(err)
		if !sum.Central.Closed || sum.Central.Unspent != 200_000 || sum.Central.Disposition != budget.CarryOver {
			t.Fatalf("closed summary %+v", sum.Central)
		}
		_, err = f.budget.Close(ctx, financeHN, budget.YearEnd{Province: "01", Year: 2025, Disposition: budget.Return})
		wantCode(t, "close twice", err, baove.ECONFLICT)
		_, err = f.pay(f.central, 1)
		wantCode(t, "pay in a closed year", err, baove.ECONFLICT)
		_, err = f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: d.ID, Reason: "sau khi khóa sổ"})
		wantCode(t, "reverse in a closed year", err, baove.ECONFLICT)
		next, err := f.budget.Allocations(ctx, financeHN, "01", 2026)
		f.check(err)
		if len(next) != 1 || next[0].Kind != budget.CarriedIn || next[0].Amount != 200_000 {
			t.Fatalf("2026 allocations %+v, want the 200000 carried in", next)
		}
		s26, err := f.budget.Summary(ctx, financeHN, "01", 2026)
		f.check(err)
		if s26.BySource[0].Allocated != 200_000 || s26.Central.CarriedIn != 200_000 {
			t.Fatalf("2026 central allocated %d, carried in %d; want 200000", s26.BySource[0].Allocated, s26.Central.CarriedIn)
		}
	})
}

func TestClose_ReturnSetsThe30DayDeadline(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2025, 1_000_000, 500_000, 900_000)
		sum, err := f.budget.Close(ctx, financeHN, budget.YearEnd{Province: "01", Year: 2025, Disposition: budget.Return})
		f.check(err)
		if sum.Central.Unspent != 900_000 || sum.Central.ReturnDeadline != baove.NewDate(2026, 12, 28) {
			t.Fatalf("return: %+v, want 900000 by 2026-12-28", sum.Central)
		}
	})
}

func TestDisburse_OnlyTheApprovedVersionsLinesAndTheLedgerFollowsRevisions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 500_000, 1_000_000)
		_, err := f.pay(f.central, 400_000)
		f.check(err)
		v2, err := f.plans.Revise(ctx, plannerHN, f.plan.ID)
		f.check(err)
		lines, err := f.budget.Lines(ctx, plannerHN, v2.ID)
		f.check(err)
		if len(lines) != 2 || lines[0].Lineage != f.central.Lineage || lines[0].Disbursed != 400_000 {
			t.Fatalf("revision's lines %+v: copies with the ledger so far", lines)
		}
		inForce, _, err := f.budget.LinesInForce(ctx, financeHN, "01", 2026)
		f.check(err)
		if len(inForce) != 2 || inForce[0].Lineage != f.central.Lineage || inForce[0].Disbursed != 400_000 || inForce[1].Disbursed != 0 {
			t.Fatalf("lines in force %+v: version 1's, with what was paid from each", inForce)
		}
		_, err = f.pay(lines[0], 1)
		wantCode(t, "pay from a draft revision's line", err, baove.ECONFLICT)
		_, err = f.budget.UpdateLine(ctx, plannerHN, budget.LineRef{Plan: v2.Ref(), Line: lines[0].ID}, func(in *budget.LineInput) { in.Amount = 399_999 })
		wantCode(t, "lower a line below what was paid", err, baove.EINVALID)
		v2, err = f.budget.UpdateLine(ctx, plannerHN, budget.LineRef{Plan: v2.Ref(), Line: lines[0].ID}, func(in *budget.LineInput) { in.Amount = 450_000 })
		f.check(err)
		if _, err := f.pay(f.central, 40_000); err != nil { // v1 is still in force
			t.Fatal(err)
		}
		_, err = f.plans.Submit(ctx, plannerHN, plans.Ref{ID: v2.ID})
		f.check(err)
		_, err = f.plans.Approve(ctx, approverHN, plans.Ref{ID: v2.ID}, f.issued())
		f.check(err)
		_, err = f.pay(f.central, 1)
		wantCode(t, "pay from a superseded version's line", err, baove.ECONFLICT)
		_, err = f.pay(lines[0], 10_001)
		wantCode(t, "the revised line holds what was paid under version 1", err, baove.ECONFLICT)
		if _, err := f.pay(lines[0], 10_000); err != nil {
			t.Fatal(err)
		}
	})
}

func TestLines_CentralFundsOnlyOnEligibleTaskAreas(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 500_000, 0)
		v2, err := f.plans.Revise(ctx, plannerHN, f.plan.ID)
		f.check(err)
		var admin plans.Activity
		for _, a := range v2.Activities {
			if a.TaskArea == "0" {
				admin = a
			}
		}
		_, _, err = f.budget.AddLine(ctx, plannerHN, v2.ID, budget.LineInput{ActivityID: admin.ID, FundingSource: budget.Central, Amount: 1})
		var e *baove.Error
		if !asError(err, &e) || e.Code != baove.EINVALID || e.Fields[0].Field != "funding_source" {
			t.Fatalf("central line on task area 0: %v, want EINVALID naming funding_source", err)
		}
	})
}

func TestDisburse_PaidOnMustFallInTheYearOrTheAdjustmentPeriod(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 500_000, 1_000_000)
		f.now = time.Date(2027, 2, 5, 2, 0, 0, 0, time.UTC)
		for _, d := range []baove.Date{baove.NewDate(2025, 12, 31), baove.NewDate(2027, 2, 1)} {
			_, _, err := f.budget.Disburse(ctx, financeHN, budget.NewDisbursement{Line: f.central.ID, Amount: 1, PaidOn: d, VoucherNo: "X-" + d.String()}, "")
			wantCode(t, "paid on "+d.String(), err, baove.EINVALID)
		}
		_, _, err := f.budget.Disburse(ctx, financeHN, budget.NewDisbursement{Line: f.central.ID, Amount: 1, PaidOn: baove.NewDate(2027, 1, 31), VoucherNo: "ADJ-1"}, "")
		f.check(err)
		_, _, err = f.budget.Disburse(ctx, financeHN, budget.NewDisbursement{Line: f.central.ID, Amount: 1, PaidOn: baove.NewDate(2026, 8, 1), VoucherNo: "ADJ-1"}, "")
		wantCode(t, "a voucher number twice in a year", err, baove.ECONFLICT)
	})
}

func TestDisburse_OnlyTheProvincesFinanceOfficer(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 500_000, 1_000_000)
		n := budget.NewDisbursement{Line: f.central.ID, Amount: 1, PaidOn: baove.NewDate(2026, 3, 1), VoucherNo: "V-1"}
		_, _, err := f.budget.Disburse(ctx, plannerHN, n, "")
		wantCode(t, "planner pays", err, baove.EFORBIDDEN)
		_, _, err = f.budget.Disburse(ctx, financeDB, n, "")
		wantCode(t, "another province's finance officer pays", err, baove.ENOTFOUND)
		_, _, err = f.budget.Allocate(ctx, financeHN, budget.NewAllocation{Province: "01", Year: 2026, Amount: 5, DecisionNo: "x", DecidedOn: baove.NewDate(2026, 1, 1)}, "")
		wantCode(t, "finance allocates", err, baove.EFORBIDDEN)
	})
}

// checkTotals fails the test unless the ledger's running totals equal the
// ledger summed afresh.
func checkTotals(t *testing.T, db *database.DB) {
	t.Helper()
	q := func(from string) string {
		var rows []struct {
			ProvinceCode, LineLineage, FundingSource, TaskArea string
			Year                                               int
			Amount, Entries                                    int64
		}
		if err := db.NewRaw(from).Scan(ctx, &rows); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(rows)
	}
	ledger := q(`SELECT province_code, line_lineage, funding_source, task_area, year, sum(amount) AS amount, count(*) AS entries
		FROM disbursements GROUP BY province_code, year, line_lineage, funding_source, task_area ORDER BY 1, 5, 2, 3, 4`)
	totals := q(`SELECT province_code, line_lineage, funding_source, task_area, year, amount, entries
		FROM ledger_totals ORDER BY 1, 5, 2, 3, 4`)
	if ledger != totals {
		t.Fatalf("the ledger's running totals drifted from the ledger:\nledger %s\ntotals %s", ledger, totals)
	}
}

func TestLedgerTotals_FollowPaymentsReversalsAndImports(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		var last budget.Disbursement
		for i := range 20 {
			d, err := f.pay([]budget.Line{f.central, f.provinial}[i%2], budget.VND(1_000+i))
			f.check(err)
			last = d
		}
		_, err := f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: last.ID, Reason: "sai số tiền"})
		f.check(err)
		_, _, err = f.budget.ImportDisbursements(ctx, financeHN, budget.Import{Province: "01", Rows: importRows(f, 50), Key: "totals"})
		f.check(err)
		checkTotals(t, db)
		if n, err := db.NewSelect().Table("ledger_totals").Count(ctx); err != nil || n != 2 {
			t.Fatalf("%d total rows (%v), want one per line", n, err)
		}
	})
}
