package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"baove/app"
	"baove/database"
	"baove/transfer"
)

func copyCmd(ctx context.Context, args []string, p process) error {
	fs := newFlags("copy", p.stderr)
	var dbf dbFlags
	dbf.register(fs)
	to := fs.String("to", "", "the target: postgres://… or sqlite:PATH, a new empty database (copy migrates it)")
	if err := parse(fs, args, p.getenv); err != nil {
		return err
	}
	if *to == "" || fs.NArg() != 0 {
		fmt.Fprintln(p.stderr, "usage: baove copy [--database-url URL | --data-dir DIR] --to postgres://…|sqlite:PATH")
		return flag.ErrHelp
	}
	src, err := dbf.services(ctx, p.stdout, app.Config{})
	if err != nil {
		return err
	}
	defer src.DB.Close()
	dst, err := copyTarget(ctx, *to, app.Config{Clock: src.Clock}, p.stdout)
	if err != nil {
		return err
	}
	defer dst.DB.Close()
	return copyAndVerify(ctx, src, dst, p.stdout)
}

// copyTarget opens and migrates the target of a copy.
func copyTarget(ctx context.Context, url string, cfg app.Config, stdout io.Writer) (*app.Services, error) {
	db, err := database.Open(ctx, url, "")
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if len(applied) > 0 {
		fmt.Fprintf(stdout, "migrated the target (%d migrations)\n", len(applied))
	}
	svc, err := app.New(db, cfg)
	if err != nil {
		db.Close()
	}
	return svc, err
}

func copyAndVerify(ctx context.Context, src, dst *app.Services, stdout io.Writer) error {
	m := newMeter(stdout)
	m.line("copying the %s database into %s, in one transaction:", src.DB.Engine, dst.DB.Engine)
	rep, err := transfer.Copy(ctx, src.DB, dst.DB, copyMeter{m})
	if err != nil {
		return err
	}
	m.line("copied %s rows of %d tables in %.1f s; verifying:", grouped(rep.Rows()), len(rep.Tables), rep.Took.Seconds())
	start := time.Now()
	v, err := transfer.Verify(ctx, rep, src, dst)
	for _, c := range v.Checks {
		status := "equal"
		if c.Err != nil {
			status = "DIFFERENT: " + c.Err.Error()
		}
		m.line("  %-36s %s: %s", c.Name, c.Detail, status)
	}
	if err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return fmt.Errorf("copy: the target differs from the source: %w", err)
	}
	m.line("verified in %.1f s: the target holds what the source held (%d checks)", time.Since(start).Seconds(), len(v.Checks))
	return nil
}
