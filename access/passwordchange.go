package access

import (
	"context"
	"fmt"
	"strconv"

	"github.com/uptrace/bun"

	"baove"
	"baove/audit"
)

// PasswordChange is a caller's change of their own password.
type PasswordChange struct {
	Current   string
	Next      string
	KeepToken string // the session that stays open
	Address   string // the client's IP address, as in Attempt
}

// ChangePassword sets the caller's own password after checking the current
// one, and ends their other sessions. A wrong current password is a failed
// attempt on the account, counted and throttled as at sign-in: it returns
// EINVALID naming current_password, then ETOOMANY once the address is
// throttled (EUNAVAILABLE when no hashing turn comes free). It returns
// EINVALID naming new_password when next breaks a password rule.
func (s *Store) ChangePassword(ctx context.Context, c Caller, ch PasswordChange) error {
	key := addressKey(ch.Address)
	if err := s.hold(ctx, c.Username, key); err != nil {
		return fmt.Errorf("access: change password: %w", err)
	}
	u, err := s.userRow(ctx, s.db, false, "id = ?", c.UserID)
	if err != nil {
		return err
	}
	ok, err := s.hasher.verify(ctx, u.PasswordHash, ch.Current)
	if err != nil {
		return fmt.Errorf("access: change password: %w", err)
	}
	if !ok {
		return s.wrongCurrent(ctx, u, c, ch.Address, key)
	}
	var p baove.Problems
	checkPassword(&p, "new_password", u.Username, ch.Next)
	if err := p.Err(); err != nil {
		return err
	}
	hash, err := s.hasher.hash(ctx, ch.Next)
	if err != nil {
		return fmt.Errorf("access: change password: %w", err)
	}
	return s.setOwnPassword(ctx, c, hash, ch.KeepToken)
}

// wrongCurrent records a wrong current password as a failed attempt on u's
// account and returns its refusal.
func (s *Store) wrongCurrent(ctx context.Context, u userRow, c Caller, address, key string) error {
	refusal := error(baove.InvalidKey("current_password", "access.password.wrong", nil, nil))
	a := Attempt{Username: u.Username, Address: address, RequestID: c.RequestID}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now := s.clock.Now()
		throttle, err := s.waitForAddress(ctx, tx, key, u.Username, now)
		if err != nil || throttle != nil {
			refusal = throttle
			return err
		}
		return s.fail(ctx, tx, u, a, key, now)
	})
	if err != nil {
		return fmt.Errorf("access: change password: %w", err)
	}
	return refusal
}

func (s *Store) setOwnPassword(ctx context.Context, c Caller, hash, keepToken string) error {
	now := s.clock.Now()
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewUpdate().Table("users").Set("password_hash = ?, updated_at = ?", hash, now).
			Where("id = ?", c.UserID).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Table("sessions").Set("revoked_at = ?", now).
			Where("user_id = ? AND revoked_at IS NULL AND token_hash <> ?", c.UserID, tokenHash(keepToken)).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Change{At: now, Actor: c.Actor(), Action: "user.password", Entity: "user",
			EntityID: strconv.FormatInt(c.UserID, 10), ProvinceCode: string(c.Province)})
	})
}
