package access

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"baove/audit"
	"baove/database"
)

// failureRow is one failed attempt, of a known username or not.
type failureRow struct {
	bun.BaseModel `bun:"table:login_failures"`

	ID       int64 `bun:",pk,autoincrement"`
	Username string
	Address  string // addressKey of the client
	At       time.Time
	LiftedAt time.Time `bun:",nullzero"` // when an administrator lifted the throttle it counts in
}

// FailedAttempts tells the owner of an account about the attempts that
// failed on it since they last signed in.
type FailedAttempts struct {
	Count       int
	LastAt      time.Time // zero when Count is
	LastAddress string    // the client address of the last one
}

type alertRow struct {
	bun.BaseModel `bun:"table:login_alerts"`

	UserID      int64 `bun:",pk"`
	Failures    int
	LastAt      time.Time
	LastAddress string
}

// PostgreSQL advisory locks of the throttle, as pairs of int4 keys (a key
// space apart from the single bigint keys of the migrations).
const (
	lockAddress  = 0x62610001
	lockUsername = 0x62610002
	lockPurge    = 0x62610003
)

// purgeBatch bounds how many old failures one new failure deletes.
const purgeBatch = 100

// waitForAddress makes the attempts from one address, and on one username,
// take turns until tx ends, then returns the refusal of the address when it
// is throttled (nil when it is not). Locks go address first, username
// second, so that no two transactions wait for each other in a circle. On
// SQLite writers already take turns (database.SQLiteDSN).
func (s *Store) waitForAddress(ctx context.Context, tx bun.Tx, key, username string, now time.Time) (refusal, err error) {
	if s.db.Engine == database.Postgres {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?, hashtext(?))", lockAddress, key); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?, hashtext(?))", lockUsername, username); err != nil {
			return nil, err
		}
	}
	latest, err := latestFailures(ctx, tx, key, now)
	if wait := addressWait(latest, now); err == nil && wait > 0 {
		return throttled(wait), nil
	}
	return nil, err
}

// latestFailures returns the times of the latest MaxFailures failures from
// the address key within the window, newest first; lifted ones do not
// count.
func latestFailures(ctx context.Context, db bun.IDB, key string, now time.Time) ([]time.Time, error) {
	var at []time.Time
	err := db.NewSelect().Table("login_failures").Column("at").
		Where("address = ? AND at > ? AND lifted_at IS NULL", key, now.Add(-FailureWindow)).
		OrderExpr("at DESC").Limit(MaxFailures).Scan(ctx, &at)
	return at, err
}

// usernameFailures counts the failures on username within the window,
// lifted ones left out.
func usernameFailures(ctx context.Context, db bun.IDB, username string, now time.Time) (int, error) {
	n, err := db.NewSelect().Table("login_failures").
		Where("username = ? AND at > ? AND lifted_at IS NULL", username, now.Add(-FailureWindow)).Count(ctx)
	return int(n), err
}

// fail records a failed attempt on u (zero for an unknown username) from
// the address key, keeps it for the owner's next sign-in, audits it and the
// throttle it starts, and purges old failures.
func (s *Store) fail(ctx context.Context, tx bun.Tx, u userRow, a Attempt, key string, now time.Time) error {
	if _, err := tx.NewInsert().Model(&failureRow{Username: a.Username, Address: key, At: now}).Exec(ctx); err != nil {
		return err
	}
	if err := alert(ctx, tx, u.ID, a.Address, now); err != nil {
		return err
	}
	changes, err := failureChanges(ctx, tx, u, a, key, now)
	if err != nil {
		return err
	}
	if err := audit.RecordAll(ctx, tx, changes); err != nil {
		return err
	}
	return s.purge(ctx, tx, now)
}

// failureChanges returns the audit entries of a failure: the failure, and
// the throttle of the address or the slowing of the username it starts.
func failureChanges(ctx context.Context, tx bun.Tx, u userRow, a Attempt, key string, now time.Time) ([]audit.Change, error) {
	actor := audit.Actor{UserID: u.ID, Name: a.Username, RequestID: a.RequestID}
	userID := ""
	if u.ID != 0 {
		userID = strconv.FormatInt(u.ID, 10)
	}
	// An address spans usernames and provinces: its throttle is the
	// ministry's to read, not a province's.
	entry := func(action, entity, id, province string, after any) audit.Change {
		return audit.Change{At: now, Actor: actor, Action: action, Entity: entity, EntityID: id, ProvinceCode: province, AfterState: after}
	}
	out := []audit.Change{entry("login.failed", "user", userID, u.ProvinceCode, map[string]any{"address": a.Address})}
	latest, err := latestFailures(ctx, tx, key, now)
	if err != nil {
		return nil, err
	}
	if len(latest) == MaxFailures {
		out = append(out, entry("login.throttled", "address", key, "",
			map[string]any{"address": key, "failures": MaxFailures, "until": latest[MaxFailures-1].Add(FailureWindow)}))
	}
	n, err := usernameFailures(ctx, tx, a.Username, now)
	if n == FreeFailures {
		out = append(out, entry("login.slowed", "user", userID, u.ProvinceCode, map[string]any{"username": a.Username, "failures": n}))
	}
	return out, err
}

// alert counts a failure on the account userID (none when zero) for its
// owner's next sign-in.
func alert(ctx context.Context, tx bun.Tx, userID int64, address string, now time.Time) error {
	if userID == 0 {
		return nil
	}
	_, err := tx.NewRaw(`INSERT INTO login_alerts (user_id, failures, last_at, last_address) VALUES (?, 1, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET failures = login_alerts.failures + 1,
		last_at = excluded.last_at, last_address = excluded.last_address`, userID, now, address).Exec(ctx)
	return err
}

// takeAlert returns the failures on userID's account since its last
// sign-in and forgets them.
func takeAlert(ctx context.Context, tx bun.Tx, userID int64) (FailedAttempts, error) {
	var r alertRow
	err := tx.NewSelect().Model(&r).Where("user_id = ?", userID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return FailedAttempts{}, nil
	} else if err != nil {
		return FailedAttempts{}, err
	}
	_, err = tx.NewDelete().Model(&r).WherePK().Exec(ctx)
	return FailedAttempts{Count: r.Failures, LastAt: r.LastAt, LastAddress: r.LastAddress}, err
}

// purge deletes up to purgeBatch failures that left the window, of any
// username, known or not: as each new failure clears some, the table holds
// little more than the window's failures. On PostgreSQL one transaction
// purges at a time and the others skip it, so that two never wait on each
// other's rows.
func (s *Store) purge(ctx context.Context, tx bun.Tx, now time.Time) error {
	if s.db.Engine == database.Postgres {
		var mine bool
		if err := tx.NewRaw("SELECT pg_try_advisory_xact_lock(?, 0)", lockPurge).Scan(ctx, &mine); err != nil || !mine {
			return err
		}
	}
	old := tx.NewSelect().Table("login_failures").Column("id").Where("at <= ?", now.Add(-FailureWindow)).
		Order("id").Limit(purgeBatch)
	_, err := tx.NewDelete().Table("login_failures").Where("id IN (?)", old).Exec(ctx)
	return err
}

// hold refuses an attempt from a throttled address, before any hashing, and
// makes an attempt on a slowed username wait. It reads without locking:
// admit checks the address again under its lock.
func (s *Store) hold(ctx context.Context, username, key string) error {
	now := s.clock.Now()
	latest, err := latestFailures(ctx, s.db, key, now)
	if err != nil {
		return err
	}
	if wait := addressWait(latest, now); wait > 0 {
		return throttled(wait)
	}
	n, err := usernameFailures(ctx, s.db, username, now)
	if err != nil {
		return err
	}
	return s.sleep(ctx, delay(n, s.delayStep))
}

// sleep waits d, or answers EUNAVAILABLE when the caller gives up first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return busy()
	}
}
