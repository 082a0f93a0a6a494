package catalog

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"slices"

	"github.com/uptrace/bun"

	"baove/database"
)

// Unify returns the tables of target, in target's order, each column of
// the kind the engine that knows it says: PostgreSQL's when either side is
// PostgreSQL (SQLite keeps instants and days as TEXT). It fails when the
// two databases do not have the same tables with the same columns.
func Unify(source, target Schema) (Schema, error) {
	if len(source.Tables) != len(target.Tables) {
		return Schema{}, fmt.Errorf("catalog: the source has %d tables, the target %d: %v against %v",
			len(source.Tables), len(target.Tables), source.Names(), target.Names())
	}
	out := Schema{Engine: target.Engine}
	for _, tt := range target.Tables {
		st, ok := source.Table(tt.Name)
		if !ok {
			return Schema{}, fmt.Errorf("catalog: table %s is in the target only", tt.Name)
		}
		t, err := unifyTable(st, tt, source.Engine == database.Postgres)
		if err != nil {
			return Schema{}, err
		}
		out.Tables = append(out.Tables, t)
	}
	return out, nil
}

func unifyTable(source, target Table, sourceKnows bool) (Table, error) {
	if len(source.Columns) != len(target.Columns) {
		return Table{}, fmt.Errorf("catalog: %s has columns %v in the source, %v in the target",
			target.Name, source.ColumnNames(), target.ColumnNames())
	}
	t := target
	t.Columns = slices.Clone(target.Columns)
	for i, c := range t.Columns {
		j := slices.IndexFunc(source.Columns, func(s Column) bool { return s.Name == c.Name })
		if j < 0 {
			return Table{}, fmt.Errorf("catalog: column %s.%s is in the target only", t.Name, c.Name)
		}
		if sourceKnows {
			t.Columns[i].Kind = source.Columns[j].Kind
		}
	}
	return t, nil
}

// Digest sums the rows of one table into a digest that is the same for the
// same rows on either engine: a chain of row hashes in key order when the
// key is one integer column (an audit trail's order is part of it), else
// the sorted row hashes.
type Digest struct {
	table Table
	chain hash.Hash // nil when rows are sorted
	rows  [][sha256.Size]byte
	n     int64
	buf   []byte
}

// NewDigest returns an empty digest of t's rows.
func NewDigest(t Table) *Digest {
	d := &Digest{table: t}
	if t.IntegerKey() {
		d.chain = sha256.New()
	}
	return d
}

// Add adds a row, its values in t's column order as either engine reads
// them. It fails on a value that is not of its column's kind.
func (d *Digest) Add(values []any) error {
	d.buf = d.buf[:0]
	for i, v := range values {
		var err error
		if d.buf, err = appendCanonical(d.buf, v, d.table.Columns[i].Kind); err != nil {
			return fmt.Errorf("%s.%s: %w", d.table.Name, d.table.Columns[i].Name, err)
		}
	}
	sum := sha256.Sum256(d.buf)
	if d.chain != nil {
		d.chain.Write(sum[:])
	} else {
		d.rows = append(d.rows, sum)
	}
	d.n++
	return nil
}

// Rows returns how many rows were added.
func (d *Digest) Rows() int64 { return d.n }

// Sum returns the digest in hexadecimal.
func (d *Digest) Sum() string {
	if d.chain != nil {
		return hex.EncodeToString(d.chain.Sum(nil))
	}
	slices.SortFunc(d.rows, func(a, b [sha256.Size]byte) int { return bytes.Compare(a[:], b[:]) })
	h := sha256.New()
	for _, r := range d.rows {
		h.Write(r[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Each reads every row of t through db (see Table.SelectAll) and calls fn
// with its values, which fn must not keep. It returns fn's error or the
// database's.
func Each(ctx context.Context, db bun.IDB, t Table, fn func(values []any) error) error {
	rows, err := db.QueryContext(ctx, t.SelectAll())
	if err != nil {
		return fmt.Errorf("catalog: read %s: %w", t.Name, err)
	}
	defer rows.Close()
	values, ptrs := scanTargets(len(t.Columns))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("catalog: read %s: %w", t.Name, err)
		}
		if err := fn(values); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("catalog: read %s: %w", t.Name, err)
	}
	return nil
}

func scanTargets(n int) ([]any, []any) {
	values, ptrs := make([]any, n), make([]any, n)
	for i := range values {
		ptrs[i] = &values[i]
	}
	return values, ptrs
}

// TableDigest returns the number of t's rows and their digest, read
// through db.
func TableDigest(ctx context.Context, db bun.IDB, t Table) (int64, string, error) {
	d := NewDigest(t)
	if err := Each(ctx, db, t, d.Add); err != nil {
		return 0, "", err
	}
	return d.Rows(), d.Sum(), nil
}

// Count returns the number of t's rows.
func Count(ctx context.Context, db bun.IDB, table string) (int64, error) {
	var n int64
	err := db.NewRaw("SELECT count(*) FROM "+Quote(table)).Scan(ctx, &n)
	if err != nil {
		return 0, fmt.Errorf("catalog: count %s: %w", table, err)
	}
	return n, nil
}
