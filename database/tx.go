package database

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// DefaultWriteWait is how long a write waits for its turn on SQLite before
// it gives up as busy (DB.WriteWait).
const DefaultWriteWait = 30 * time.Second

// attempts bounds how often a transaction runs when PostgreSQL aborts it for
// a conflict with another one (a deadlock or a serialization failure): the
// first run and three retries.
const attempts = 4

// RunInTx runs fn in a transaction, committed when fn returns nil and rolled
// back otherwise. It shadows bun's, so that every store's transaction goes
// through it.
//
// On SQLite, one transaction writes at a time in the process: a transaction
// waits for its turn, first come first served, for at most WriteWait (and
// never past ctx), so that a long import makes other writes wait rather than
// fail with SQLITE_BUSY. On PostgreSQL, a transaction that loses a deadlock
// or a serialization failure runs again, up to three times, after a short
// random pause: fn must therefore start afresh on every call (each call gets
// a new transaction) and keep nothing from an earlier call.
//
// It returns fn's error, or an *UnavailableError when the turn did not come
// in time, the database did not answer, or the conflicts outlasted the
// retries.
func (db *DB) RunInTx(ctx context.Context, opts *sql.TxOptions, fn func(ctx context.Context, tx bun.Tx) error) error {
	if db.turn != nil && ctx.Value(turnKey{}) == nil {
		release, err := db.turn.take(ctx, db.writeWait())
		if err != nil {
			return err
		}
		defer release()
		ctx = context.WithValue(ctx, turnKey{}, true)
	}
	var err error
	for attempt := 1; ; attempt++ {
		err = db.DB.RunInTx(ctx, opts, fn)
		if attempt == attempts || !isConflict(err) || pause(ctx, attempt) != nil {
			break
		}
	}
	return unavailable(err)
}

func (db *DB) writeWait() time.Duration {
	if db.WriteWait > 0 {
		return db.WriteWait
	}
	return DefaultWriteWait
}

// pause waits before attempt+1: about 10 ms, 20 ms, 40 ms, give or take
// half, so that the two transactions that collided do not collide again.
func pause(ctx context.Context, attempt int) error {
	base := 5 * time.Millisecond << attempt
	t := time.NewTimer(base/2 + rand.N(base))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// turn is the right to write to one SQLite file: a channel holding at most
// one token. Goroutines blocked sending on it are woken in the order they
// came, so writers are served first come, first served.
type turn chan struct{}

// turnKey marks the context of a transaction that holds the turn: a
// transaction begun within it (a bug on SQLite, whose second writer waits for
// the first) must not wait for the turn it holds itself.
type turnKey struct{}

// turns holds one turn per SQLite file the process opened, so that two
// handles on the same file share it.
var turns sync.Map // path → turn

func turnOf(path string) turn {
	t, _ := turns.LoadOrStore(path, make(turn, 1))
	return t.(turn)
}

// take waits for the turn, at most wait and never past ctx, and returns the
// function that hands it on. When the wait ends first it returns an
// *UnavailableError.
func (t turn) take(ctx context.Context, wait time.Duration) (func(), error) {
	release := func() { <-t }
	select {
	case t <- struct{}{}:
		return release, nil
	default:
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case t <- struct{}{}:
		return release, nil
	case <-timer.C:
		return nil, &UnavailableError{Err: ErrBusy, Busy: true, RetryAfter: RetryBusy}
	case <-ctx.Done():
		return nil, &UnavailableError{Err: context.Cause(ctx), Busy: true, RetryAfter: RetryBusy}
	}
}
