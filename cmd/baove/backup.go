package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"baove/backup"
	"baove/database"
)

// pgHint says how PostgreSQL is backed up and restored, as the README does.
const pgHint = `PostgreSQL is backed up with its own tools, while the service runs:
  pg_dump --format=custom --file=baove.dump "$BAOVE_DATABASE_URL"
and restored into a new, empty database:
  createdb baove_restored
  pg_restore --no-owner --dbname=postgres://…/baove_restored baove.dump`

func backupCmd(ctx context.Context, args []string, p process) error {
	fs := newFlags("backup", p.stderr)
	var dbf dbFlags
	dbf.register(fs)
	out := fs.String("out", "", "the new file to write the backup into (never overwritten)")
	if err := parse(fs, args, p.getenv); err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprintln(p.stderr, "usage: baove backup --out FILE")
		return flag.ErrHelp
	}
	db, err := database.Open(ctx, dbf.url, dbf.dataDir)
	if err != nil {
		return err
	}
	defer db.Close()
	m := newMeter(p.stdout)
	m.line("backing up the %s database into %s", db.Engine, *out)
	rep, err := backup.Write(ctx, db, *out, m.pages)
	if errors.Is(err, backup.ErrPostgres) {
		fmt.Fprintln(p.stderr, pgHint)
	}
	if err != nil {
		return err
	}
	m.line("wrote %s (%s bytes) in %.1f s; checked: integrity_check ok, %s rows in %d tables and the ledger's sums of %d "+
		"province-years equal to the database's at the backup's moment", rep.Path, grouped(rep.Bytes), rep.Took.Seconds(),
		grouped(rep.Inventory.Rows()), len(rep.Inventory.Tables), len(rep.Inventory.LedgerSums))
	return nil
}

func restoreCmd(ctx context.Context, args []string, p process) error {
	fs := newFlags("restore", p.stderr)
	var dbf dbFlags
	dbf.register(fs)
	if err := parse(fs, args, p.getenv); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(p.stderr, "usage: baove restore [--data-dir DIR] FILE")
		return flag.ErrHelp
	}
	if dbf.url != "" {
		fmt.Fprintln(p.stderr, pgHint)
		return backup.ErrPostgres
	}
	rep, err := backup.Restore(ctx, fs.Arg(0), dbf.dataDir)
	if err != nil {
		return err
	}
	fmt.Fprintf(p.stdout, "restored %s into %s (%s bytes): integrity_check ok, %s rows in %d tables\n",
		fs.Arg(0), rep.Path, grouped(rep.Bytes), grouped(rep.Inventory.Rows()), len(rep.Inventory.Tables))
	return nil
}
