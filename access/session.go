package access

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/audit"
	"baove/units"
)

// Login throttling: after MaxFailures failed logins for one username within
// FailureWindow, every attempt is refused until the window has passed.
const (
	MaxFailures   = 5
	FailureWindow = 15 * time.Minute
)

// Session is a login: the token is shown once, at login, and stored only as
// a hash.
type Session struct {
	Token     string
	ExpiresAt time.Time
	User      User
}

type sessionRow struct {
	bun.BaseModel `bun:"table:sessions"`

	ID        int64 `bun:",pk,autoincrement"`
	TokenHash string
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
	RevokedAt time.Time `bun:",nullzero"`
}

type failureRow struct {
	bun.BaseModel `bun:"table:login_failures"`

	ID       int64 `bun:",pk,autoincrement"`
	Username string
	At       time.Time
}

var errBadLogin = baove.Errorf(baove.EUNAUTHORIZED, "wrong username or password")

// Login checks username and password and opens a session. A wrong password,
// an unknown username and a disabled account all answer the same
// EUNAUTHORIZED after the same work. After MaxFailures failures within
// FailureWindow it answers ETOOMANY, with the time to wait, even to the
// right password. requestID is recorded in the audit trail.
func (s *Store) Login(ctx context.Context, username, password, requestID string) (Session, error) {
	username = NormaliseUsername(username)
	var u userRow
	err := s.db.NewSelect().Model(&u).Where("username = ?", username).Scan(ctx)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Session{}, fmt.Errorf("access: login: %w", err)
	}
	hash := u.PasswordHash
	if hash == "" {
		hash = dummyHash()
	}
	ok, err := verifyPassword(hash, password)
	if err != nil {
		return Session{}, fmt.Errorf("access: login %s: %w", username, err)
	}
	ok = ok && u.ID != 0 && !u.Disabled && len(password) <= MaxPasswordLength

	var sess Session
	var refusal error
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		sess, refusal, err = s.admit(ctx, tx, u, username, ok, requestID)
		return err
	})
	if err != nil {
		return Session{}, fmt.Errorf("access: login: %w", err)
	}
	return sess, refusal
}

// admit decides a login attempt under the username's throttle lock. The
// refusal it returns is committed with its audit entry, not rolled back.
func (s *Store) admit(ctx context.Context, tx bun.Tx, u userRow, username string, ok bool, requestID string) (Session, error, error) {
	now := s.clock.Now()
	actor := audit.Actor{UserID: u.ID, Name: username, RequestID: requestID}
	entityID := ""
	if u.ID != 0 {
		entityID = strconv.FormatInt(u.ID, 10)
	}
	if _, err := tx.NewRaw("INSERT INTO login_throttles (username) VALUES (?) ON CONFLICT (username) DO NOTHING",
		username).Exec(ctx); err != nil {
		return Session{}, nil, err
	}
	var locked string
	if err := s.db.ForUpdate(tx.NewSelect().Table("login_throttles").Column("username").Where("username = ?", username)).
		Scan(ctx, &locked); err != nil {
		return Session{}, nil, err
	}
	var recent []time.Time
	if err := tx.NewSelect().Table("login_failures").Column("at").Where("username = ? AND at > ?", username, now.Add(-FailureWindow)).
		Order("at").Scan(ctx, &recent); err != nil {
		return Session{}, nil, err
	}
	if len(recent) >= MaxFailures {
		wait := recent[len(recent)-MaxFailures].Add(FailureWindow).Sub(now)
		err := audit.Record(ctx, tx, now, actor, "login.throttled", "user", entityID, u.ProvinceCode, nil, nil)
		return Session{}, &baove.Error{Code: baove.ETOOMANY, RetryAfter: wait,
			Message: fmt.Sprintf("too many failed logins for %s; try again in %d minutes", username, int(wait.Minutes())+1)}, err
	}
	if !ok {
		if _, err := tx.NewInsert().Model(&failureRow{Username: username, At: now}).Exec(ctx); err != nil {
			return Session{}, nil, err
		}
		return Session{}, errBadLogin, audit.Record(ctx, tx, now, actor, "login.failed", "user", entityID, u.ProvinceCode, nil, nil)
	}
	if _, err := tx.NewDelete().Table("login_failures").Where("username = ?", username).Exec(ctx); err != nil {
		return Session{}, nil, err
	}
	token, row, err := newSession(u.ID, now, s.tokenTTL)
	if err != nil {
		return Session{}, nil, err
	}
	if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
		return Session{}, nil, err
	}
	err = audit.Record(ctx, tx, now, actor, "login", "user", entityID, u.ProvinceCode, nil, nil)
	return Session{Token: token, ExpiresAt: row.ExpiresAt, User: u.user()}, nil, err
}

func newSession(userID int64, now time.Time, ttl time.Duration) (string, sessionRow, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", sessionRow{}, err
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	return token, sessionRow{TokenHash: tokenHash(token), UserID: userID, CreatedAt: now, ExpiresAt: now.Add(ttl)}, nil
}

// tokenHash is what is stored of a token. Tokens are 256 random bits, so a
// plain SHA-256 suffices: there is nothing to guess.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Authenticate returns the caller a token belongs to. It returns
// EUNAUTHORIZED when the token is unknown, expired or revoked, or its user
// is disabled.
func (s *Store) Authenticate(ctx context.Context, token, requestID string) (Caller, error) {
	var u userRow
	err := s.db.NewSelect().Model(&u).
		Join("JOIN sessions AS s ON s.user_id = user_row.id").
		Where("s.token_hash = ?", tokenHash(token)).
		Where("s.revoked_at IS NULL").
		Where("s.expires_at > ?", s.clock.Now()).
		Where("NOT user_row.disabled").
		Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Caller{}, baove.Errorf(baove.EUNAUTHORIZED, "the token is unknown, expired or revoked; log in again")
	} else if err != nil {
		return Caller{}, fmt.Errorf("access: authenticate: %w", err)
	}
	return Caller{UserID: u.ID, Username: u.Username, Role: u.Role, Province: units.ProvinceCode(u.ProvinceCode),
		RequestID: requestID}, nil
}

// Logout revokes the session of token, which must be the caller's.
func (s *Store) Logout(ctx context.Context, c Caller, token string) error {
	now := s.clock.Now()
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewUpdate().Table("sessions").Set("revoked_at = ?", now).
			Where("token_hash = ? AND user_id = ? AND revoked_at IS NULL", tokenHash(token), c.UserID).Exec(ctx)
		if err != nil {
			return fmt.Errorf("access: logout: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return baove.Errorf(baove.EUNAUTHORIZED, "the token is not an open session")
		}
		return audit.Record(ctx, tx, now, c.Actor(), "logout", "user", strconv.FormatInt(c.UserID, 10), string(c.Province), nil, nil)
	})
}

func (s *Store) revokeAll(ctx context.Context, tx bun.IDB, userID int64) error {
	_, err := tx.NewUpdate().Table("sessions").Set("revoked_at = ?", s.clock.Now()).
		Where("user_id = ? AND revoked_at IS NULL", userID).Exec(ctx)
	return err
}

// ChangePassword sets the caller's own password after checking the current
// one, and ends their other sessions. It returns EINVALID when current is
// wrong or next too short.
func (s *Store) ChangePassword(ctx context.Context, c Caller, current, next, keepToken string) error {
	u, err := s.userRow(ctx, s.db, false, "id = ?", c.UserID)
	if err != nil {
		return err
	}
	if ok, err := verifyPassword(u.PasswordHash, current); err != nil || !ok {
		return baove.Invalid("current_password", "wrong password", nil)
	}
	var p baove.Problems
	checkPassword(&p, "new_password", next)
	if err := p.Err(); err != nil {
		return err
	}
	hash, err := hashPassword(next)
	if err != nil {
		return err
	}
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
		return audit.Record(ctx, tx, now, c.Actor(), "user.password", "user", strconv.FormatInt(c.UserID, 10), string(c.Province), nil, nil)
	})
}
