package reports

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/units"
)

// Store persists the report settings and the register.
type Store struct {
	db       *database.DB
	clock    baove.Clock
	units    *units.Store
	ministry string
}

// NewStore returns the store over db; ministry names the ministry in
// charge of children in the defaults (configuration: it changed in 2025).
// It fails without a database or a unit store.
func NewStore(db *database.DB, clock baove.Clock, u *units.Store, ministry string) (*Store, error) {
	if db == nil || u == nil {
		return nil, errors.New("reports: a store needs a database and the units")
	}
	return &Store{db: db, clock: clock, units: u, ministry: ministry}, nil
}

// nationalScope is the scope of the national settings.
const nationalScope = "national"

type settingsRow struct {
	bun.BaseModel `bun:"table:report_settings"`

	Scope     string `bun:",pk"`
	Settings  string
	UpdatedAt time.Time
	UpdatedBy string
}

// Province returns province code's report settings, its defaults when none
// were set. Whoever may read the province reads them, and administrators.
// It returns ENOTFOUND for an unknown province and EFORBIDDEN for another
// caller.
func (s *Store) Province(ctx context.Context, c access.Caller, code units.ProvinceCode) (Province, error) {
	if c.Role != access.Admin {
		if err := c.CanRead(code); err != nil {
			return Province{}, err
		}
	}
	return s.province(ctx, s.db, code)
}

func (s *Store) province(ctx context.Context, db bun.IDB, code units.ProvinceCode) (Province, error) {
	p, err := s.units.Province(ctx, code)
	if err != nil {
		return Province{}, err
	}
	out := DefaultProvince(p, s.ministry)
	if err := s.read(ctx, db, string(code), &out); err != nil {
		return Province{}, err
	}
	out.Province = code
	return out, nil
}

// SetProvince replaces province code's report settings with set and
// returns them as stored. An administrator or the province's approver
// may (EFORBIDDEN for anyone else). It returns
// ENOTFOUND for an unknown province and EINVALID naming every wrong field.
func (s *Store) SetProvince(ctx context.Context, c access.Caller, code units.ProvinceCode, set Province) (Province, error) {
	if err := canSet(c, code); err != nil {
		return Province{}, err
	}
	set.normalise()
	set.Province = code
	if err := set.Check(); err != nil {
		return Province{}, err
	}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := s.province(ctx, tx, code)
		if err != nil {
			return err
		}
		set.Updated = Updated{UpdatedAt: s.clock.Now(), UpdatedBy: c.Username}
		return s.write(ctx, tx, c, change{scope: string(code), province: string(code), before: before, after: set})
	})
	return set, translate(err, "set province settings")
}

// canSet returns EFORBIDDEN unless c is an administrator or province
// code's approver: its leadership, who sign what it issues.
func canSet(c access.Caller, code units.ProvinceCode) error {
	if c.Role == access.Approver {
		return c.CanRead(code)
	}
	return c.Require(access.Admin, access.Approver)
}

// National returns the national report's settings and the letter's
// citation, the defaults when none were set. Every role reads them: every
// report cites the letter.
func (s *Store) National(ctx context.Context, c access.Caller) (National, error) {
	if !c.Role.Valid() {
		return National{}, baove.E(baove.EFORBIDDEN, "reports.sign_in_for_settings", nil)
	}
	return s.national(ctx, s.db)
}

func (s *Store) national(ctx context.Context, db bun.IDB) (National, error) {
	out := DefaultNational(s.ministry)
	err := s.read(ctx, db, nationalScope, &out)
	return out, err
}

// SetNational replaces the national settings with set and returns them as
// stored. Administrators and the ministry's reviewers may. It returns
// EINVALID naming every wrong field.
func (s *Store) SetNational(ctx context.Context, c access.Caller, set National) (National, error) {
	if err := c.Require(access.Admin, access.Reviewer); err != nil {
		return National{}, err
	}
	set.normalise()
	if err := set.Check(); err != nil {
		return National{}, err
	}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := s.national(ctx, tx)
		if err != nil {
			return err
		}
		set.Updated = Updated{UpdatedAt: s.clock.Now(), UpdatedBy: c.Username}
		return s.write(ctx, tx, c, change{scope: nationalScope, before: before, after: set})
	})
	return set, translate(err, "set national settings")
}

// read decodes the stored settings of scope over into, leaving into as it
// is when there are none.
func (s *Store) read(ctx context.Context, db bun.IDB, scope string, into any) error {
	var row settingsRow
	err := db.NewSelect().Model(&row).Where("scope = ?", scope).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("reports: read settings of %s: %w", scope, err)
	}
	if err := json.Unmarshal([]byte(row.Settings), into); err != nil {
		return fmt.Errorf("reports: settings of %s: %w", scope, err)
	}
	return nil
}

// change is a replacement of a scope's settings.
type change struct {
	scope, province string
	before, after   any
}

// write stores ch.after for its scope and records the change in the trail.
func (s *Store) write(ctx context.Context, tx bun.Tx, c access.Caller, ch change) error {
	b, err := json.Marshal(ch.after)
	if err != nil {
		return err
	}
	row := settingsRow{Scope: ch.scope, Settings: string(b), UpdatedAt: s.clock.Now().UTC(), UpdatedBy: c.Username}
	if _, err := tx.NewInsert().Model(&row).On("CONFLICT (scope) DO UPDATE").
		Set("settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by").Exec(ctx); err != nil {
		return err
	}
	return audit.Record(ctx, tx, audit.Change{At: s.clock.Now(), Actor: c.Actor(), Action: "report_settings.update",
		Entity: "report_settings", EntityID: ch.scope, ProvinceCode: ch.province, BeforeState: ch.before, AfterState: ch.after})
}

func translate(err error, what string) error {
	var appErr *baove.Error
	if err == nil || errors.As(err, &appErr) {
		return err
	}
	return fmt.Errorf("reports: %s: %w", what, err)
}
