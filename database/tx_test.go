package database_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"

	"baove/database"
	"baove/database/dbtest"
)

func TestRunInTx_SQLiteWritersTakeTurnsInArrivalOrder(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	ctx := context.Background()
	holding, done := make(chan struct{}), make(chan struct{})
	go db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		close(holding)
		<-done
		return nil
	})
	<-holding
	var mu sync.Mutex
	var order []int
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
				_, err := tx.ExecContext(ctx, "UPDATE task_areas SET position = position WHERE code = 'x'")
				return err
			})
			if err != nil {
				t.Errorf("writer %d: %v", i, err)
			}
		})
		time.Sleep(20 * time.Millisecond) // so that they queue in this order
	}
	close(done)
	wg.Wait()
	for i, got := range order {
		if got != i {
			t.Fatalf("writers ran in the order %v, want the order they came in", order)
		}
	}
}

func TestRunInTx_SQLiteWriterPastTheWaitIsBusyNotFailed(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	db.WriteWait = 100 * time.Millisecond
	ctx := context.Background()
	holding, done := make(chan struct{}), make(chan struct{})
	go db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		close(holding)
		<-done
		return nil
	})
	<-holding
	defer close(done)
	ran := false
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { ran = true; return nil })
	u, ok := database.Unavailable(err)
	if !ok || !u.Busy || u.RetryAfter <= 0 || !errors.Is(err, database.ErrBusy) || ran {
		t.Fatalf("a write past its wait: %v (ran %v), want busy with a retry time, not run", err, ran)
	}
}

func TestRunInTx_PostgresDeadlockIsRetriedAndBothCommit(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.Postgres)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "CREATE TABLE pair (id INT PRIMARY KEY, v INT); INSERT INTO pair VALUES (1, 0), (2, 0)"); err != nil {
		t.Fatal(err)
	}
	var runs atomic.Int32
	var firstTwo sync.WaitGroup
	firstTwo.Add(2)
	update := func(first, second int) error {
		return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			n := runs.Add(1)
			if _, err := tx.ExecContext(ctx, "UPDATE pair SET v = v + 1 WHERE id = ?", first); err != nil {
				return err
			}
			if n <= 2 { // both hold their first row before either takes its second
				firstTwo.Done()
				firstTwo.Wait()
			}
			_, err := tx.ExecContext(ctx, "UPDATE pair SET v = v + 1 WHERE id = ?", second)
			return err
		})
	}
	errs := make(chan error, 2)
	go func() { errs <- update(1, 2) }()
	go func() { errs <- update(2, 1) }()
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("opposite-order updates: %v", err)
		}
	}
	var sum int
	if err := db.NewRaw("SELECT sum(v) FROM pair").Scan(ctx, &sum); err != nil || sum != 4 || runs.Load() != 3 {
		t.Fatalf("sum %d after %d runs (%v), want 4 after 3: one deadlock retried once", sum, runs.Load(), err)
	}
}

func TestRunInTx_ConflictsPastTheRetriesAreBusy(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		runs := 0
		err := db.RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error {
			runs++
			return &pgconn.PgError{Code: "40001", Message: "could not serialize access"}
		})
		if u, ok := database.Unavailable(err); !ok || !u.Busy || runs != 4 {
			t.Fatalf("after %d runs: %v, want busy after 4", runs, err)
		}
	})
}

func TestRunInTx_ApplicationErrorsAreNotRetried(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		runs, refusal := 0, errors.New("refused")
		err := db.RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error {
			runs++
			return refusal
		})
		if err != refusal || runs != 1 {
			t.Fatalf("after %d runs: %v, want the error itself after one", runs, err)
		}
	})
}
