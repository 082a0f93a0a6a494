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

// Session is a login: the token is shown once, at login, and stored only as
// a hash.
type Session struct {
	Token     string
	ExpiresAt time.Time
	User      User
	// FailedAttempts are the attempts that failed on the account since its
	// previous sign-in.
	FailedAttempts FailedAttempts
}

type sessionRow struct {
	bun.BaseModel `bun:"table:sessions"`

	ID                 int64 `bun:",pk,autoincrement"`
	TokenHash          string
	UserID             int64
	CreatedAt          time.Time
	ExpiresAt          time.Time
	RevokedAt          time.Time `bun:",nullzero"`
	FailuresBefore     int
	LastFailureAt      time.Time `bun:",nullzero"`
	LastFailureAddress string
}

// Attempt is one sign-in: the credentials and where they come from.
type Attempt struct {
	Username string
	Password string
	// Address is the client's IP address as the API saw it (see
	// api.ClientAddress); failures are counted by it.
	Address   string
	RequestID string // recorded in the audit trail
}

var errBadLogin = baove.E(baove.EUNAUTHORIZED, "access.login.failed", nil)

// Login checks an attempt and opens a session. A wrong password, an unknown
// username and a disabled account all answer the same EUNAUTHORIZED after
// the same work, and count as failures. An address with MaxFailures failures
// within FailureWindow gets ETOOMANY with the time to wait, even with the
// right password; a username that failed often is slowed, never locked (see
// throttle.go). When no hashing turn comes free in time it answers
// EUNAVAILABLE with the time to wait.
func (s *Store) Login(ctx context.Context, a Attempt) (Session, error) {
	a.Username = NormaliseUsername(a.Username)
	key := addressKey(a.Address)
	if err := s.hold(ctx, a.Username, key); err != nil {
		return Session{}, fmt.Errorf("access: login: %w", err)
	}
	u, ok, err := s.credentials(ctx, a)
	if err != nil {
		return Session{}, fmt.Errorf("access: login: %w", err)
	}
	var sess Session
	var refusal error
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		sess, refusal, err = s.admit(ctx, tx, u, a, key, ok)
		return err
	})
	if err != nil {
		return Session{}, fmt.Errorf("access: login: %w", err)
	}
	return sess, refusal
}

// credentials returns the user a names (zero when unknown) and whether they
// may sign in with a's password. An unknown username costs one hash, as a
// wrong password does.
func (s *Store) credentials(ctx context.Context, a Attempt) (userRow, bool, error) {
	var u userRow
	err := s.db.NewSelect().Model(&u).Where("username = ?", a.Username).Scan(ctx)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return u, false, err
	}
	hash := u.PasswordHash
	if hash == "" {
		hash = dummyHash()
	}
	ok, err := s.hasher.verify(ctx, hash, a.Password)
	return u, ok && u.ID != 0 && !u.Disabled && len(a.Password) <= MaxPasswordLength, err
}

// admit decides an attempt under the throttle's locks. The refusal it
// returns is committed with what it records, not rolled back.
func (s *Store) admit(ctx context.Context, tx bun.Tx, u userRow, a Attempt, key string, ok bool) (Session, error, error) {
	now := s.clock.Now()
	refusal, err := s.waitForAddress(ctx, tx, key, a.Username, now)
	if err != nil || refusal != nil {
		return Session{}, refusal, err
	}
	if !ok {
		return Session{}, errBadLogin, s.fail(ctx, tx, u, a, key, now)
	}
	sess, err := s.open(ctx, tx, u, a, key, now)
	return sess, nil, err
}

// open opens a session for u, which carries the failures on the account
// since its previous sign-in. The failures of u's username from this
// address (the owner's own typing) are forgotten.
func (s *Store) open(ctx context.Context, tx bun.Tx, u userRow, a Attempt, key string, now time.Time) (Session, error) {
	if _, err := tx.NewDelete().Table("login_failures").Where("username = ? AND address = ?", a.Username, key).Exec(ctx); err != nil {
		return Session{}, err
	}
	failed, err := takeAlert(ctx, tx, u.ID)
	if err != nil {
		return Session{}, err
	}
	token, row, err := newSession(u.ID, now, s.tokenTTL)
	if err != nil {
		return Session{}, err
	}
	row.FailuresBefore, row.LastFailureAt, row.LastFailureAddress = failed.Count, failed.LastAt, failed.LastAddress
	if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
		return Session{}, err
	}
	actor := audit.Actor{UserID: u.ID, Name: a.Username, RequestID: a.RequestID}
	err = audit.Record(ctx, tx, audit.Change{At: now, Actor: actor, Action: "login", Entity: "user",
		EntityID: strconv.FormatInt(u.ID, 10), ProvinceCode: u.ProvinceCode,
		AfterState: map[string]any{"address": a.Address, "failures_before": failed.Count}})
	return Session{Token: token, ExpiresAt: row.ExpiresAt, User: u.user(), FailedAttempts: failed}, err
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
	c, _, err := s.AuthenticateUser(ctx, token, requestID)
	return c, err
}

// AuthenticateUser is Authenticate that also returns the caller's user, as
// Me would, read by the same statement: for the pages, which show who is
// signed in on every page.
func (s *Store) AuthenticateUser(ctx context.Context, token, requestID string) (Caller, User, error) {
	var u userRow
	err := s.db.Select(ctx, s.db, &u, `SELECT u.id, u.username, u.full_name, u.role, u.province_code, u.password_hash,
		u.disabled, u.created_at, u.updated_at FROM users AS u JOIN sessions AS s ON s.user_id = u.id
		WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND NOT u.disabled`,
		tokenHash(token), s.clock.Now())
	if errors.Is(err, sql.ErrNoRows) {
		return Caller{}, User{}, baove.E(baove.EUNAUTHORIZED, "access.token.unknown", nil)
	} else if err != nil {
		return Caller{}, User{}, fmt.Errorf("access: authenticate: %w", err)
	}
	return Caller{UserID: u.ID, Username: u.Username, Role: u.Role, Province: units.ProvinceCode(u.ProvinceCode),
		RequestID: requestID}, u.user(), nil
}

// FailedAttempts returns what the session of token, the caller's, was told
// at sign-in: the attempts that failed on the account before it. It returns
// EUNAUTHORIZED when token is not the caller's.
func (s *Store) FailedAttempts(ctx context.Context, c Caller, token string) (FailedAttempts, error) {
	var r sessionRow
	err := s.db.Select(ctx, s.db, &r, "SELECT "+s.db.Columns((*sessionRow)(nil), "s")+
		" FROM sessions AS s WHERE s.token_hash = ? AND s.user_id = ?", tokenHash(token), c.UserID)
	if errors.Is(err, sql.ErrNoRows) {
		return FailedAttempts{}, baove.E(baove.EUNAUTHORIZED, "access.token.not_open", nil)
	} else if err != nil {
		return FailedAttempts{}, fmt.Errorf("access: failed attempts: %w", err)
	}
	return FailedAttempts{Count: r.FailuresBefore, LastAt: r.LastFailureAt, LastAddress: r.LastFailureAddress}, nil
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
			return baove.E(baove.EUNAUTHORIZED, "access.token.not_open", nil)
		}
		return audit.Record(ctx, tx, audit.Change{At: now, Actor: c.Actor(), Action: "logout", Entity: "user",
			EntityID: strconv.FormatInt(c.UserID, 10), ProvinceCode: string(c.Province)})
	})
}

func (s *Store) revokeAll(ctx context.Context, tx bun.IDB, userID int64) error {
	_, err := tx.NewUpdate().Table("sessions").Set("revoked_at = ?", s.clock.Now()).
		Where("user_id = ? AND revoked_at IS NULL", userID).Exec(ctx)
	return err
}
