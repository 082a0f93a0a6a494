package budget_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/i18n"
)

// counter counts the SQL statements bun sends while it is on, BEGIN and
// COMMIT included.
type counter struct {
	on atomic.Bool
	n  atomic.Int64
}

func (c *counter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	if c.on.Load() {
		c.n.Add(1)
	}
	return ctx
}

func (c *counter) AfterQuery(context.Context, *bun.QueryEvent) {}

// count returns how many statements fn sends.
func (c *counter) count(t *testing.T, fn func() error) int64 {
	t.Helper()
	c.n.Store(0)
	c.on.Store(true)
	err := fn()
	c.on.Store(false)
	if err != nil {
		t.Fatal(err)
	}
	return c.n.Load()
}

func TestDisburse_RunsAtMostEightStatementsAndAnImportAConstantNumberPerBatch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 100_000_000, 100_000_000, 100_000_000)
		c := &counter{}
		db.AddQueryHook(c)
		pay := func(key string) int64 {
			return c.count(t, func() error {
				_, _, err := f.budget.Disburse(ctx, financeHN, budget.NewDisbursement{Line: f.central.ID, Amount: 1_000,
					PaidOn: baove.NewDate(2026, 4, 1), VoucherNo: "CT-" + key}, key)
				return err
			})
		}
		plain, keyed := pay(""), pay("k-1")
		if plain > 7 || keyed > 8 {
			t.Errorf("a payment ran %d statements, %d with an idempotency key; want at most 7 and 8", plain, keyed)
		}
		imports := map[int]int64{}
		for _, rows := range []int{10, 1_000, 2_000} {
			all := importRows(f, rows)
			for i := range all {
				all[i].VoucherNo = fmt.Sprintf("IM-%d-%d", rows, i)
				all[i].Amount = 1
			}
			imports[rows] = c.count(t, func() error {
				_, _, err := f.budget.ImportDisbursements(ctx, financeHN, budget.Import{Province: "01", Rows: all, Key: fmt.Sprint("file-", rows)})
				return err
			})
		}
		t.Logf("statements: payment %d (%d with a key); import of 10 rows %d, 1,000 rows %d, 2,000 rows %d",
			plain, keyed, imports[10], imports[1_000], imports[2_000])
		if imports[1_000] > 20 || imports[2_000]-imports[1_000] > 6 {
			t.Errorf("imports ran %v statements: want a constant number per batch of rows, not one per row", imports)
		}
	})
}

func TestLedger_ABrokenRuleSaysTheSameForAPaymentAndAFileRow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 500_000, 1_000_000)
		_, err := f.pay(f.provinial, 400_000)
		f.check(err)
		over := budget.NewDisbursement{Line: f.provinial.ID, Amount: 100_001, PaidOn: baove.NewDate(2026, 6, 1), VoucherNo: "OVER-1"}
		_, _, single := f.budget.Disburse(ctx, financeHN, over, "")
		rows := []budget.ImportRow{{Row: 7, NewDisbursement: over}}
		_, _, file := f.budget.ImportDisbursements(ctx, financeHN, budget.Import{Province: "01", Rows: rows, Key: "f"})
		var s, r *baove.Error
		if !asError(single, &s) || !asError(file, &r) {
			t.Fatalf("single %v, file %v", single, file)
		}
		if s.Code != baove.ECONFLICT || r.Code != s.Code || len(s.Fields) != 1 || len(r.Fields) != 1 {
			t.Fatalf("codes: single %s %+v, file %s %+v; want conflict for both", s.Code, s.Fields, r.Code, r.Fields)
		}
		if s.Fields[0].Field != "amount" || r.Fields[0].Field != "rows[7].amount" {
			t.Errorf("fields %s and %s", s.Fields[0].Field, r.Fields[0].Field)
		}
		for _, lang := range i18n.Langs {
			if a, b := s.Fields[0].Text(lang), r.Fields[0].Text(lang); a != b || a != s.Text(lang) {
				t.Errorf("%s: single says %q (%q), the file row %q", lang, s.Text(lang), a, b)
			}
		}
		if want := "would exceed line"; !contains(s.Text(i18n.EN), want, "by 1 đồng") {
			t.Errorf("the refusal says %q", s.Text(i18n.EN))
		}
	})
}

// A key stored by a transaction still running when a payment with the same
// key checks it: the payment cannot see it yet, waits on it when it stores
// its own, and must then answer as the key's first request says.
func TestDisburse_AKeyTakenWhileThePaymentRunsIsRefusedNot500(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 1_000_000, 1_000_000, 1_000_000)
		tx, err := db.BeginTx(ctx, nil)
		f.check(err)
		defer tx.Rollback()
		if db.Engine == database.Postgres { // SQLite's writers take turns: the payment simply waits for this one
			_, err = tx.ExecContext(ctx, `INSERT INTO idempotency_keys (user_id, idem_key, request_hash, result, created_at)
				VALUES (0, 'taken', 'another request', '{}', ?)`, dbtest.Now())
			f.check(err)
		}
		done := make(chan error, 1)
		go func() {
			_, _, err := f.budget.Disburse(ctx, financeHN, budget.NewDisbursement{Line: f.provinial.ID, Amount: 1_000,
				PaidOn: baove.NewDate(2026, 4, 1), VoucherNo: "TAKEN-1"}, "taken")
			done <- err
		}()
		time.Sleep(300 * time.Millisecond) // the payment is waiting on the key
		if db.Engine == database.SQLite {
			_, err = tx.ExecContext(ctx, `INSERT INTO idempotency_keys (user_id, idem_key, request_hash, result, created_at)
				VALUES (0, 'taken', 'another request', '{}', ?)`, dbtest.Now())
			f.check(err)
		}
		f.check(tx.Commit())
		if err := <-done; baove.ErrorCode(err) != baove.EINVALID {
			t.Fatalf("the payment with a key taken meanwhile: %v, want EINVALID", err)
		}
		if sum, _ := f.budget.Summary(ctx, reviewer, "01", 2026); sum.Total.Disbursed != 0 {
			t.Fatalf("it recorded %d đồng", sum.Total.Disbursed)
		}
	})
}
