// Package transfer moves everything a baove database holds into another
// one, of either engine (a province moving from the embedded SQLite file to
// the ministry's PostgreSQL, or back), and proves the move whole.
//
// Copy reads the source through one snapshot and writes the target in one
// transaction: every table the source's catalogue lists (the migrations'
// tables, whatever they are: none is named here), parents first, keeping
// keys and moving sequences past them. It refuses a target that holds
// anything but what its migrations put there. Verify then compares the two
// sides: rows and a digest of them per table (the audit trail's in id
// order), the ledger's sums per province and year, the sequences, and what
// the services answer on each side (every budget summary, every year's
// national report).
package transfer

import (
	"context"
	"fmt"
	"slices"
	"time"

	"baove/budget"
	"baove/database"
	"baove/database/catalog"
)

// Progress is told how far the copy has gone.
type Progress interface {
	// Rows says that done of a table's total rows (as counted in the
	// snapshot) were copied.
	Rows(table string, done, total int64)
	// Copied says that a table was copied whole.
	Copied(TableCopy)
}

type silent struct{}

func (silent) Rows(string, int64, int64) {}
func (silent) Copied(TableCopy)          {}

// TableCopy is what Copy carried of one table.
type TableCopy struct {
	Name   string
	Rows   int64
	Digest string // of the source's rows, as catalog.Digest sums them
	// Sequence is the last key the source's sequence gave (0 without one).
	Sequence int64
	Took     time.Duration
}

// Report is what Copy carried, as the source held it at the snapshot's
// moment: what Verify holds the target to.
type Report struct {
	From, To   database.Engine
	Tables     []TableCopy
	LedgerSums []budget.LedgerSum
	Took       time.Duration
	schema     catalog.Schema
}

// Rows returns the number of rows copied in all.
func (r Report) Rows() int64 {
	var n int64
	for _, t := range r.Tables {
		n += t.Rows
	}
	return n
}

// Copy copies every row of src into dst, which must be migrated by the
// same migrations and hold nothing but what they put there (see Empty), in
// one transaction, telling progress (which may be nil) how far it went. It
// fails, leaving dst as it was, when the schemas differ, dst holds data or
// either database fails.
func Copy(ctx context.Context, src, dst *database.DB, progress Progress) (Report, error) {
	start := time.Now()
	if progress == nil {
		progress = silent{}
	}
	schema, seeded, err := prepare(ctx, src, dst)
	if err != nil {
		return Report{}, err
	}
	snap, err := src.Snapshot(ctx)
	if err != nil {
		return Report{}, err
	}
	defer snap.Close()
	rep := Report{From: src.Engine, To: dst.Engine, schema: schema}
	if rep.LedgerSums, err = budget.LedgerSums(ctx, snap); err != nil {
		return Report{}, err
	}
	c := copier{src: snap, from: src.Engine, schema: schema, progress: progress}
	err = withTarget(ctx, dst, func(w writer) error { return c.run(ctx, w, seeded) })
	if err != nil {
		return Report{}, err
	}
	rep.Tables, rep.Took = c.tables, time.Since(start)
	return rep, nil
}

// prepare reads both schemas and checks that they agree and that the
// target is empty; it returns the schema to copy with and the tables
// holding the migrations' own rows in the target.
func prepare(ctx context.Context, src, dst *database.DB) (catalog.Schema, []string, error) {
	if err := sameMigrations(ctx, src, dst); err != nil {
		return catalog.Schema{}, nil, err
	}
	from, err := catalog.Read(ctx, src, src.Engine)
	if err != nil {
		return catalog.Schema{}, nil, err
	}
	to, err := catalog.Read(ctx, dst, dst.Engine)
	if err != nil {
		return catalog.Schema{}, nil, err
	}
	schema, err := catalog.Unify(from, to)
	if err != nil {
		return catalog.Schema{}, nil, err
	}
	seeded, err := Empty(ctx, dst, schema)
	return schema, seeded, err
}

// sameMigrations checks that both databases applied the same migrations.
func sameMigrations(ctx context.Context, src, dst *database.DB) error {
	var a, b []string
	q := "SELECT name FROM bun_migrations ORDER BY name"
	if err := src.NewRaw(q).Scan(ctx, &a); err != nil {
		return fmt.Errorf("transfer: the source's migrations: %w", err)
	}
	if err := dst.NewRaw(q).Scan(ctx, &b); err != nil {
		return fmt.Errorf("transfer: the target's migrations: %w", err)
	}
	if !slices.Equal(a, b) {
		return fmt.Errorf("transfer: the source applied %d migrations and the target %d: migrate both with this binary",
			len(a), len(b))
	}
	return nil
}
