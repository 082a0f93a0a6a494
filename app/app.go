// Package app builds the service's domain services over one database, in
// one place. The binary, the API tests, the benchmarks and the demo all use
// it, so that the wiring is written once and a missing dependency is an
// error here, never a silently skipped rule.
package app

import (
	"fmt"
	"time"

	"baove"
	"baove/access"
	"baove/assessment"
	"baove/attachments"
	"baove/audit"
	"baove/budget"
	"baove/database"
	"baove/exports"
	"baove/indicators"
	"baove/notify"
	"baove/plans"
	"baove/reports"
	"baove/units"
)

// Config is what the services need besides a database.
type Config struct {
	// Clock tells the time and the day in the service's zone.
	Clock baove.Clock
	// TokenTTL is how long a session lasts (access.DefaultTokenTTL when
	// zero).
	TokenTTL time.Duration
	// SignIn bounds what sign-ins cost and how fast one username may be
	// tried (zero fields take access's defaults).
	SignIn access.Limits
	// Ministry names the ministry in charge of children in the reports'
	// default settings, e.g. "Bộ Y tế".
	Ministry string
}

// Services are the domain services over one database.
type Services struct {
	DB         *database.DB
	Clock      baove.Clock
	Access     *access.Store
	Audit      *audit.Store
	Units      *units.Store
	Indicators *indicators.Store
	Plans      *plans.Store
	Budget     *budget.Store
	Assessment *assessment.Service
	// Notify keeps each user's inbox and the e-mail outbox.
	Notify *notify.Store
	// Attachments keeps the signed scans of plans, allocations,
	// disbursements and compliance checks.
	Attachments *attachments.Store
	// ReportSettings keeps how reports are issued and sent, and the
	// register of the report files generated.
	ReportSettings *reports.Store
	// Reports builds the PDF and XLSX reports from the services above.
	Reports exports.Sources
}

// New returns the services over db. It fails when db is missing or a
// service refuses its dependencies.
func New(db *database.DB, cfg Config) (*Services, error) {
	if db == nil {
		return nil, fmt.Errorf("app: no database")
	}
	s := &Services{DB: db, Clock: cfg.Clock, Access: access.NewStore(db, cfg.Clock, cfg.TokenTTL, cfg.SignIn), Audit: audit.NewStore(db),
		Units: units.NewStore(db, cfg.Clock), Notify: notify.NewStore(db, cfg.Clock)}
	var err error
	if s.Indicators, err = indicators.NewStore(db, cfg.Clock, s.Units, budget.ClosedYears{}); err != nil {
		return nil, err
	}
	if s.Plans, err = plans.NewStore(db, cfg.Clock, s.Indicators, budget.Lines{}); err != nil {
		return nil, err
	}
	if s.Budget, err = budget.NewStore(db, cfg.Clock, s.Plans); err != nil {
		return nil, err
	}
	owners := attachments.Owners{Plans: s.Plans, Allocations: s.Budget, Disbursements: s.Budget, Provinces: s.Units}
	if s.Attachments, err = attachments.NewStore(db, cfg.Clock, owners); err != nil {
		return nil, err
	}
	st := assessment.Stores{Units: s.Units, Indicators: s.Indicators, Plans: s.Plans, Budget: s.Budget, Scans: s.Attachments, DB: db}
	if s.Assessment, err = assessment.New(st, cfg.Clock); err != nil {
		return nil, err
	}
	if s.ReportSettings, err = reports.NewStore(db, cfg.Clock, s.Units, cfg.Ministry); err != nil {
		return nil, err
	}
	s.Reports = exports.Sources{Units: s.Units, Plans: s.Plans, Budget: s.Budget, Indicators: s.Indicators, Assessment: s.Assessment,
		Settings: s.ReportSettings, People: s.Access, Clock: cfg.Clock}
	return s, nil
}

// MustNew is New for tests and tools whose wiring cannot fail: it panics
// on an error.
func MustNew(db *database.DB, cfg Config) *Services {
	s, err := New(db, cfg)
	if err != nil {
		panic(err)
	}
	return s
}
