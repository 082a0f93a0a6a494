package transfer

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"baove/database"
	"baove/database/catalog"
)

// copier copies the tables of schema from a snapshot of the source.
type copier struct {
	src      bun.IDB
	from     database.Engine
	schema   catalog.Schema
	progress Progress
	tables   []TableCopy
}

// run replaces the migrations' rows of the seeded tables, copies every
// table parents first, then moves the sequences past the copied keys.
func (c *copier) run(ctx context.Context, w writer, seeded []string) error {
	for _, t := range slices.Backward(c.schema.Tables) {
		if slices.Contains(seeded, t.Name) {
			if err := w.exec(ctx, "DELETE FROM "+catalog.Quote(t.Name)); err != nil {
				return fmt.Errorf("transfer: clear %s: %w", t.Name, err)
			}
		}
	}
	for _, t := range c.schema.Tables {
		tc, err := c.table(ctx, w, t)
		if err != nil {
			return err
		}
		c.tables = append(c.tables, tc)
	}
	for i, t := range c.schema.Tables {
		if t.Serial == "" {
			continue
		}
		for _, stmt := range catalog.AdvanceSequence(w.engine(), t, c.tables[i].Sequence) {
			if err := w.exec(ctx, stmt); err != nil {
				return fmt.Errorf("transfer: sequence of %s: %w", t.Name, err)
			}
		}
	}
	return nil
}

// table copies the rows of t, digesting them as they pass.
func (c *copier) table(ctx context.Context, w writer, t catalog.Table) (TableCopy, error) {
	start := time.Now()
	total, err := catalog.Count(ctx, c.src, t.Name)
	if err != nil {
		return TableCopy{}, err
	}
	seq, err := catalog.Sequence(ctx, c.src, c.from, t)
	if err != nil {
		return TableCopy{}, err
	}
	c.progress.Rows(t.Name, 0, total)
	rows, err := c.src.QueryContext(ctx, t.SelectAll())
	if err != nil {
		return TableCopy{}, fmt.Errorf("transfer: read %s: %w", t.Name, err)
	}
	defer rows.Close()
	s := newStream(rows, t, w.engine(), func(n int64) { c.progress.Rows(t.Name, n, total) })
	if err := load(ctx, w, t, s, total); err != nil {
		return TableCopy{}, fmt.Errorf("transfer: copy %s: %w", t.Name, err)
	}
	if err := s.Err(); err != nil {
		return TableCopy{}, fmt.Errorf("transfer: copy %s: %w", t.Name, err)
	}
	tc := TableCopy{Name: t.Name, Rows: s.n, Digest: s.digest.Sum(), Sequence: seq, Took: time.Since(start)}
	c.progress.Copied(tc)
	return tc, nil
}

// stream reads a table's rows from the source, digests them and converts
// them for the target; it is a pgx.CopyFromSource.
type stream struct {
	rows         *sql.Rows
	table        catalog.Table
	to           database.Engine
	values, ptrs []any
	out          []any
	digest       *catalog.Digest
	n            int64
	err          error
	tick         func(int64)
}

// tickEvery is how many rows pass between two reports of progress.
const tickEvery = 20_000

func newStream(rows *sql.Rows, t catalog.Table, to database.Engine, tick func(int64)) *stream {
	n := len(t.Columns)
	s := &stream{rows: rows, table: t, to: to, values: make([]any, n), ptrs: make([]any, n), out: make([]any, n),
		digest: catalog.NewDigest(t), tick: tick}
	for i := range s.values {
		s.ptrs[i] = &s.values[i]
	}
	return s
}

// Next reads the next row; false at the end or on an error (see Err).
func (s *stream) Next() bool {
	if s.err != nil || !s.rows.Next() {
		return false
	}
	if s.err = s.rows.Scan(s.ptrs...); s.err != nil {
		return false
	}
	if s.err = s.digest.Add(s.values); s.err != nil {
		return false
	}
	for i, v := range s.values {
		if s.out[i], s.err = catalog.Convert(v, s.table.Columns[i].Kind, s.to); s.err != nil {
			s.err = fmt.Errorf("%s.%s: %w", s.table.Name, s.table.Columns[i].Name, s.err)
			return false
		}
	}
	if s.n++; s.n%tickEvery == 0 {
		s.tick(s.n)
	}
	return true
}

// Values returns the row Next read, converted for the target; valid until
// the next call of Next.
func (s *stream) Values() ([]any, error) { return s.out, nil }

// Err returns what stopped the stream early, if anything did.
func (s *stream) Err() error {
	if s.err != nil {
		return s.err
	}
	return s.rows.Err()
}
