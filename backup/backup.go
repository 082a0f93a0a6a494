// Package backup copies the embedded SQLite database while the service
// runs, checks the copy, and restores it into an empty data directory.
//
// A backup is SQLite's online backup of one snapshot (database.Snapshot):
// writers keep writing meanwhile, and the copy holds the database as it was
// when the snapshot began. The inventory of that same snapshot (rows of
// every table the catalogue lists, the ledger's sums per province and year)
// is then compared with the copy's, after PRAGMA integrity_check. On
// PostgreSQL, pg_dump and pg_restore do this job (ErrPostgres).
package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"modernc.org/sqlite"

	"baove/database"
)

// ErrPostgres is the refusal to back up or restore PostgreSQL, whose own
// tools do it.
var ErrPostgres = errors.New("backup: the database is PostgreSQL: back it up with pg_dump -Fc and restore it with " +
	"pg_restore (see the README's operations section)")

// Progress is told how many of the database's pages were copied.
type Progress func(done, total int)

// Report is what a backup or a restore wrote and checked.
type Report struct {
	Path      string
	Bytes     int64
	Inventory Inventory // of the source at the backup's moment, equal to the copy's
	Took      time.Duration
}

// pagesPerStep is how many pages one step of the online backup copies
// (4 MiB of 4 KiB pages) between two reports of progress.
const pagesPerStep = 1024

// Write backs db up into a new file at path (refusing one that exists),
// checks the copy against the source's inventory of the same moment, and
// only then gives it its name: a file at path is always a checked backup.
// It fails with ErrPostgres on PostgreSQL.
func Write(ctx context.Context, db *database.DB, path string, progress Progress) (Report, error) {
	start := time.Now()
	if db.Engine == database.Postgres {
		return Report{}, ErrPostgres
	}
	if _, err := os.Stat(path); err == nil {
		return Report{}, fmt.Errorf("backup: %s exists: choose a new file", path)
	}
	partial := path + ".partial"
	os.Remove(partial)
	inv, err := copySnapshot(ctx, db, partial, progress)
	if err != nil {
		os.Remove(partial)
		return Report{}, err
	}
	rep, err := finish(ctx, partial, path, inv)
	rep.Took = time.Since(start)
	return rep, err
}

// copySnapshot takes the inventory of a snapshot of db and copies the same
// snapshot's pages into a new file at path.
func copySnapshot(ctx context.Context, db *database.DB, path string, progress Progress) (Inventory, error) {
	snap, err := db.Snapshot(ctx)
	if err != nil {
		return Inventory{}, err
	}
	defer snap.Close()
	inv, err := Take(ctx, snap, database.SQLite)
	if err != nil {
		return Inventory{}, err
	}
	err = snap.Raw(func(dc any) error {
		src, ok := dc.(interface {
			NewBackup(string) (*sqlite.Backup, error)
		})
		if !ok {
			return fmt.Errorf("backup: %T cannot back up", dc)
		}
		return pages(ctx, src.NewBackup, path, progress)
	})
	return inv, err
}

// pages runs SQLite's online backup into path, a step at a time.
func pages(ctx context.Context, start func(string) (*sqlite.Backup, error), path string, progress Progress) error {
	b, err := start(path)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	for more := true; more; {
		if err := ctx.Err(); err != nil {
			b.Finish()
			return err
		}
		if more, err = b.Step(pagesPerStep); err != nil {
			b.Finish()
			return fmt.Errorf("backup: %w", err)
		}
		if progress != nil {
			progress(b.PageCount()-b.Remaining(), b.PageCount())
		}
	}
	if err := b.Finish(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// finish makes the copy at partial one self-contained file, checks it
// against inv, and renames it to path.
func finish(ctx context.Context, partial, path string, inv Inventory) (Report, error) {
	if err := Check(ctx, partial, inv); err != nil {
		os.Remove(partial)
		return Report{}, err
	}
	if err := syncFile(partial); err != nil {
		return Report{}, err
	}
	if err := os.Rename(partial, path); err != nil {
		return Report{}, fmt.Errorf("backup: %w", err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return Report{}, fmt.Errorf("backup: %w", err)
	}
	return Report{Path: path, Bytes: st.Size(), Inventory: inv}, nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("backup: %w", err)
	}
	return f.Close()
}
