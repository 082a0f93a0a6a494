package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"baove/database"
	"baove/units"
)

// dbFlags are the flags of every command that opens the database.
type dbFlags struct {
	url     string
	dataDir string
}

func (f *dbFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.url, "database-url", "", "PostgreSQL URL (postgres://…); empty selects the embedded SQLite file")
	fs.StringVar(&f.dataDir, "data-dir", "./data", "directory of the embedded SQLite file")
}

// open connects, migrates and makes sure the units are loaded.
func (f *dbFlags) open(ctx context.Context, stdout io.Writer) (*database.DB, error) {
	db, err := database.Open(ctx, f.url, f.dataDir)
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	for _, name := range applied {
		fmt.Fprintln(stdout, "migrated", name)
	}
	loaded, err := units.NewStore(db, time.Now).EnsureLoaded(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if loaded {
		fmt.Fprintln(stdout, "loaded the official list of administrative units (34 provinces, 3,321 communes)")
	}
	return db, nil
}

func migrate(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
	fs := newFlags("migrate", stderr)
	var dbf dbFlags
	dbf.register(fs)
	if err := parse(fs, args, getenv); err != nil {
		return err
	}
	db, err := dbf.open(ctx, stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "database (%s) is up to date\n", db.Engine)
	return nil
}

func unitsCmd(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(stderr, "usage: baove units import [--database-url URL] FILE")
		return flag.ErrHelp
	}
	fs := newFlags("units import", stderr)
	var dbf dbFlags
	dbf.register(fs)
	if err := parse(fs, args[1:], getenv); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: baove units import [--database-url URL] FILE")
		return flag.ErrHelp
	}
	return importUnits(ctx, dbf, fs.Arg(0), stdout)
}
