package access

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/audit"
	"baove/database"
	"baove/i18n"
	"baove/units"
	"baove/vn"
)

// Store keeps users and sessions.
type Store struct {
	db        *database.DB
	clock     baove.Clock
	tokenTTL  time.Duration
	hasher    *hasher
	delayStep time.Duration
	sleep     func(context.Context, time.Duration) error // waits out a slowed username's delay
}

// DefaultTokenTTL is how long a session lasts unless configured otherwise.
const DefaultTokenTTL = 12 * time.Hour

// NewStore returns a store over db; sessions last tokenTTL (DefaultTokenTTL
// when zero); limits bound sign-ins (zero fields take the defaults).
func NewStore(db *database.DB, clock baove.Clock, tokenTTL time.Duration, limits Limits) *Store {
	if tokenTTL <= 0 {
		tokenTTL = DefaultTokenTTL
	}
	if limits.DelayStep <= 0 {
		limits.DelayStep = DefaultDelayStep
	}
	return &Store{db: db, clock: clock, tokenTTL: tokenTTL, hasher: newHasher(limits.HashConcurrency, limits.HashWait),
		delayStep: limits.DelayStep, sleep: sleep}
}

type userRow struct {
	bun.BaseModel `bun:"table:users"`

	ID           int64 `bun:",pk,autoincrement"`
	Username     string
	FullName     string
	Role         Role
	ProvinceCode string `bun:",nullzero"`
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (r userRow) user() User {
	return User{ID: r.ID, Username: r.Username, FullName: r.FullName, Role: r.Role,
		Province: units.ProvinceCode(r.ProvinceCode), Disabled: r.Disabled, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// CreateUser adds a user. Only an administrator may; it returns EINVALID for
// bad fields (an unknown province and a password that breaks a rule
// included), ECONFLICT when the username is taken, and EUNAVAILABLE when no
// hashing turn comes free.
func (s *Store) CreateUser(ctx context.Context, c Caller, n NewUser) (User, error) {
	if err := c.Require(Admin); err != nil {
		return User{}, err
	}
	if err := n.check(); err != nil {
		return User{}, err
	}
	hash, err := s.hasher.hash(ctx, n.Password)
	if err != nil {
		return User{}, fmt.Errorf("access: create user: %w", err)
	}
	now := s.clock.Now()
	r := userRow{Username: n.Username, FullName: n.FullName, Role: n.Role, ProvinceCode: string(n.Province),
		PasswordHash: hash, CreatedAt: now, UpdatedAt: now}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&r).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Change{At: now, Actor: c.Actor(), Action: "user.create", Entity: "user",
			EntityID: strconv.FormatInt(r.ID, 10), ProvinceCode: r.ProvinceCode, AfterState: r.user()})
	})
	switch {
	case database.IsUniqueViolation(err):
		return User{}, baove.E(baove.ECONFLICT, "access.username.taken", i18n.Args{"username": n.Username})
	case database.IsForeignKeyViolation(err):
		return User{}, baove.InvalidKey("province_code", "access.province.unknown", nil, n.Province)
	case err != nil:
		return User{}, fmt.Errorf("access: create user: %w", err)
	}
	return r.user(), nil
}

// Users lists every user by username. Only an administrator may.
func (s *Store) Users(ctx context.Context, c Caller) ([]User, error) {
	if err := c.Require(Admin); err != nil {
		return nil, err
	}
	var rows []userRow
	if err := s.db.NewSelect().Model(&rows).Order("username").Scan(ctx); err != nil {
		return nil, fmt.Errorf("access: users: %w", err)
	}
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = r.user()
	}
	return out, nil
}

// User returns the user with id. Only an administrator may. It returns
// ENOTFOUND for an unknown id.
func (s *Store) User(ctx context.Context, c Caller, id int64) (User, error) {
	if err := c.Require(Admin); err != nil {
		return User{}, err
	}
	r, err := s.userRow(ctx, s.db, false, "id = ?", id)
	return r.user(), err
}

// Me returns the caller's own account.
func (s *Store) Me(ctx context.Context, c Caller) (User, error) {
	r, err := s.userRow(ctx, s.db, false, "id = ?", c.UserID)
	return r.user(), err
}

// userRow returns the one user matching where, locked for the transaction
// when lock is set; ENOTFOUND when there is none.
func (s *Store) userRow(ctx context.Context, db bun.IDB, lock bool, where string, arg any) (userRow, error) {
	var r userRow
	q := db.NewSelect().Model(&r).Where(where, arg)
	if lock {
		q = s.db.ForUpdate(q)
	}
	err := q.Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return r, baove.E(baove.ENOTFOUND, "access.user.none", nil)
	} else if err != nil {
		return r, fmt.Errorf("access: user: %w", err)
	}
	return r, nil
}

// UpdateUser changes a user. Only an administrator may. Disabling a user or
// setting their password revokes their sessions at once. It returns
// EINVALID for bad fields, ENOTFOUND for an unknown id, ECONFLICT when
// the change would leave no enabled administrator, and EUNAVAILABLE when no
// hashing turn comes free.
func (s *Store) UpdateUser(ctx context.Context, c Caller, id int64, p UserPatch) (User, error) {
	if err := c.Require(Admin); err != nil {
		return User{}, err
	}
	hash, err := s.newHash(ctx, id, p.Password)
	if err != nil {
		return User{}, err
	}
	var after userRow
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := s.userRow(ctx, tx, true, "id = ?", id)
		if err != nil {
			return err
		}
		after = before
		revoke, err := applyPatch(&after, p, hash)
		if err != nil {
			return err
		}
		if err := s.keepAnAdmin(ctx, tx, before, after); err != nil {
			return err
		}
		after.UpdatedAt = s.clock.Now()
		if _, err := tx.NewUpdate().Model(&after).WherePK().Exec(ctx); err != nil {
			return err
		}
		if revoke {
			if err := s.revokeAll(ctx, tx, id); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Change{At: after.UpdatedAt, Actor: c.Actor(), Action: "user.update",
			Entity: "user", EntityID: strconv.FormatInt(id, 10), ProvinceCode: after.ProvinceCode,
			BeforeState: before.user(), AfterState: after.user()})
	})
	var appErr *baove.Error
	switch {
	case database.IsForeignKeyViolation(err):
		return User{}, baove.InvalidKey("province_code", "access.province.unknown", nil, after.ProvinceCode)
	case errors.As(err, &appErr):
		return User{}, err
	case err != nil:
		return User{}, fmt.Errorf("access: update user %d: %w", id, err)
	}
	return after.user(), nil
}

// newHash returns the hash of the password a patch of user id sets, hashed
// outside the patch's transaction; "" when the patch sets none or the
// password breaks a rule (applyPatch says which).
func (s *Store) newHash(ctx context.Context, id int64, password *string) (string, error) {
	if password == nil {
		return "", nil
	}
	r, err := s.userRow(ctx, s.db, false, "id = ?", id)
	if err != nil {
		return "", err
	}
	if key, _ := passwordProblem(r.Username, *password); key != "" {
		return "", nil
	}
	hash, err := s.hasher.hash(ctx, *password)
	if err != nil {
		return "", fmt.Errorf("access: update user %d: %w", id, err)
	}
	return hash, nil
}

// applyPatch applies p to r, with hash the hash of p's password, and reports
// whether the user's sessions must go.
func applyPatch(r *userRow, p UserPatch, hash string) (revoke bool, err error) {
	var probs baove.Problems
	if p.FullName != nil {
		r.FullName = vn.NFC(*p.FullName)
		checkFullName(&probs, r.FullName)
	}
	if p.Role != nil {
		r.Role = *p.Role
	}
	if p.Province != nil {
		r.ProvinceCode = string(*p.Province)
	}
	if p.Disabled != nil {
		revoke = *p.Disabled && !r.Disabled
		r.Disabled = *p.Disabled
	}
	if p.Password != nil {
		checkPassword(&probs, "password", r.Username, *p.Password)
		if len(probs) == 0 {
			r.PasswordHash, revoke = hash, true
		}
	}
	checkRole(&probs, r.Role, units.ProvinceCode(r.ProvinceCode))
	return revoke, probs.Err()
}

// keepAnAdmin refuses a change that leaves no enabled administrator: nobody
// could manage users any more.
func (s *Store) keepAnAdmin(ctx context.Context, tx bun.IDB, before, after userRow) error {
	wasAdmin := before.Role == Admin && !before.Disabled
	isAdmin := after.Role == Admin && !after.Disabled
	if !wasAdmin || isAdmin {
		return nil
	}
	n, err := tx.NewSelect().Table("users").Where("role = 'admin' AND NOT disabled AND id <> ?", before.ID).Count(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		return baove.E(baove.ECONFLICT, "access.last_admin", i18n.Args{"username": before.Username})
	}
	return nil
}

// UserByUsername returns the user with username, for the CLI. It returns
// ENOTFOUND for an unknown username.
func (s *Store) UserByUsername(ctx context.Context, username string) (User, error) {
	r, err := s.userRow(ctx, s.db, false, "username = ?", NormaliseUsername(username))
	return r.user(), err
}

// EnsureAdmin creates the user "admin" with password when there are no users
// at all, as on first start. It reports whether it created one.
func (s *Store) EnsureAdmin(ctx context.Context, password string) (bool, error) {
	n, err := s.db.NewSelect().Table("users").Count(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	_, err = s.CreateUser(ctx, System("first-start"), NewUser{Username: "admin", FullName: "Administrator",
		Role: Admin, Password: password})
	return err == nil, err
}

// FullNames returns every user's full name by username, leaving out users
// without one: the names documents print beside what people did (a plan's
// history, a ledger's entries), which the caller already reads by
// username. It fails only when the read fails.
func (s *Store) FullNames(ctx context.Context) (map[string]string, error) {
	var rows []userRow
	if err := s.db.NewSelect().Model(&rows).Column("username", "full_name").Where("full_name <> ''").Scan(ctx); err != nil {
		return nil, fmt.Errorf("access: full names: %w", err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.Username] = r.FullName
	}
	return out, nil
}
