package access

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"baove/audit"
	"baove/database"
)

// Throttles returns the throttle of every username that failed to sign in
// within the window, unknown usernames included, by username. Only an
// administrator may.
func (s *Store) Throttles(ctx context.Context, c Caller) (map[string]Throttle, error) {
	if err := c.Require(Admin); err != nil {
		return nil, err
	}
	out, err := s.throttles(ctx, s.db, s.clock.Now())
	if err != nil {
		return nil, fmt.Errorf("access: throttles: %w", err)
	}
	return out, nil
}

// Throttle returns the sign-in throttle of the user id; its zero value
// when nothing holds them back. Only an administrator may. It returns
// ENOTFOUND for an unknown id.
func (s *Store) Throttle(ctx context.Context, c Caller, id int64) (Throttle, error) {
	u, err := s.User(ctx, c, id)
	if err != nil {
		return Throttle{}, err
	}
	all, err := s.throttles(ctx, s.db, s.clock.Now())
	if err != nil {
		return Throttle{}, fmt.Errorf("access: throttle of %d: %w", id, err)
	}
	return all[u.Username], nil
}

// LiftThrottle lifts the sign-in throttle of the user id, with an audit
// entry holding the throttle before and after: the failures on the
// username within the window stay recorded (the owner is still told of
// them) but no longer count, so that the right password gets in at once.
// An address stays refused by the failures of other usernames from it.
// Nothing changes, and nothing is recorded, when the user has no failure
// to lift. Only an administrator may. It returns ENOTFOUND for an unknown
// id, and the throttle after the lift.
func (s *Store) LiftThrottle(ctx context.Context, c Caller, id int64) (Throttle, error) {
	if err := c.Require(Admin); err != nil {
		return Throttle{}, err
	}
	var after Throttle
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		u, err := s.userRow(ctx, tx, true, "id = ?", id)
		if err != nil {
			return err
		}
		if s.db.Engine == database.Postgres { // an attempt on the username in flight counts first, or not at all
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?, hashtext(?))", lockUsername, u.Username); err != nil {
				return err
			}
		}
		after, err = s.lift(ctx, tx, c, u)
		return err
	})
	if err != nil {
		return Throttle{}, fmt.Errorf("access: lift throttle of %d: %w", id, err)
	}
	return after, nil
}

// lift marks u's failures within the window lifted and audits it.
func (s *Store) lift(ctx context.Context, tx bun.Tx, c Caller, u userRow) (Throttle, error) {
	now := s.clock.Now()
	all, err := s.throttles(ctx, tx, now)
	before := all[u.Username]
	if err != nil || before.Failures == 0 {
		return before, err
	}
	if _, err := tx.NewUpdate().Table("login_failures").Set("lifted_at = ?", now).
		Where("username = ? AND at > ? AND lifted_at IS NULL", u.Username, now.Add(-FailureWindow)).Exec(ctx); err != nil {
		return Throttle{}, err
	}
	if all, err = s.throttles(ctx, tx, now); err != nil {
		return Throttle{}, err
	}
	after := all[u.Username]
	return after, audit.Record(ctx, tx, audit.Change{At: now, Actor: c.Actor(), Action: "user.throttle_lift", Entity: "user",
		EntityID: strconv.FormatInt(u.ID, 10), ProvinceCode: u.ProvinceCode, BeforeState: before, AfterState: after})
}

// throttles reads the failures that count at now and returns the throttle
// of each username among them.
func (s *Store) throttles(ctx context.Context, db bun.IDB, now time.Time) (map[string]Throttle, error) {
	var rows []failureRow
	err := db.NewSelect().Model(&rows).Column("username", "address", "at").
		Where("at > ? AND lifted_at IS NULL", now.Add(-FailureWindow)).Scan(ctx)
	failed := make([]failure, len(rows))
	for i, r := range rows {
		failed[i] = failure{Username: r.Username, Address: r.Address, At: r.At}
	}
	return throttles(failed, now), err
}
