package main

import (
	"baove"
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"baove/app"
	"baove/database"
	"baove/units"
)

// dbFlags are the flags of every command that opens the database, and the
// time zone whose days the services count.
type dbFlags struct {
	url       string
	dataDir   string
	zone      string
	writeWait time.Duration
}

func (f *dbFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.url, "database-url", "", "PostgreSQL URL (postgres://…); empty selects the embedded SQLite file")
	fs.StringVar(&f.dataDir, "data-dir", "./data", "directory of the embedded SQLite file")
	fs.StringVar(&f.zone, "time-zone", baove.DefaultZone, "the time zone whose days the service counts (IANA name)")
	fs.DurationVar(&f.writeWait, "write-wait", database.DefaultWriteWait,
		"SQLite: how long a write waits for its turn before the API answers 503 with Retry-After")
}

// clock returns the service's clock in the configured zone.
func (f *dbFlags) clock() (baove.Clock, error) {
	zone, err := baove.LoadZone(f.zone)
	if err != nil {
		return baove.Clock{}, fmt.Errorf("--time-zone: %w", err)
	}
	return baove.NewClock(time.Now, zone), nil
}

// services opens the database (see open) and builds the services over it;
// the caller closes svc.DB.
func (f *dbFlags) services(ctx context.Context, stdout io.Writer, cfg app.Config) (*app.Services, error) {
	clock, err := f.clock()
	if err != nil {
		return nil, err
	}
	db, err := f.open(ctx, stdout, clock)
	if err != nil {
		return nil, err
	}
	cfg.Clock = clock
	svc, err := app.New(db, cfg)
	if err != nil {
		db.Close()
		return nil, err
	}
	return svc, nil
}

// open connects, migrates and makes sure the units are loaded, both under
// the migration lock so that instances may start together.
func (f *dbFlags) open(ctx context.Context, stdout io.Writer, clock baove.Clock) (*database.DB, error) {
	db, err := database.Open(ctx, f.url, f.dataDir)
	if err != nil {
		return nil, err
	}
	db.WriteWait = f.writeWait
	var applied []string
	var loaded bool
	err = db.WithMigrationLock(ctx, func(ctx context.Context) error {
		if applied, err = db.Migrate(ctx); err != nil {
			return err
		}
		loaded, err = units.NewStore(db, clock).EnsureLoaded(ctx)
		return err
	})
	for _, name := range applied {
		fmt.Fprintln(stdout, "migrated", name)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	if loaded {
		fmt.Fprintln(stdout, "loaded the official list of administrative units (34 provinces, 3,321 communes)")
	}
	return db, nil
}

func migrate(ctx context.Context, args []string, p process) error {
	fs := newFlags("migrate", p.stderr)
	var dbf dbFlags
	dbf.register(fs)
	if err := parse(fs, args, p.getenv); err != nil {
		return err
	}
	clock, err := dbf.clock()
	if err != nil {
		return err
	}
	db, err := dbf.open(ctx, p.stdout, clock)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(p.stdout, "database (%s) is up to date\n", db.Engine)
	return nil
}

func unitsCmd(ctx context.Context, args []string, p process) error {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(p.stderr, "usage: baove units import [--database-url URL] FILE")
		return flag.ErrHelp
	}
	fs := newFlags("units import", p.stderr)
	var dbf dbFlags
	dbf.register(fs)
	if err := parse(fs, args[1:], p.getenv); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(p.stderr, "usage: baove units import [--database-url URL] FILE")
		return flag.ErrHelp
	}
	return importUnits(ctx, dbf, fs.Arg(0), p.stdout)
}
