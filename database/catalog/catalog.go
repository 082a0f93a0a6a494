// Package catalog reads a database's tables from its own catalogue (SQLite's
// sqlite_master and pragmas, PostgreSQL's pg_catalog), so that backups and
// copies between engines walk every table the migrations create, those of
// tomorrow's migrations included, without a list kept by hand. It orders
// the tables so that rows can be inserted parents first, carries values
// between the engines' representations, and digests rows in a form both
// engines give alike. It knows nothing of the domain.
package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"baove/database"
)

// Table is one table of the schema.
type Table struct {
	Name    string
	Columns []Column
	// Key lists the primary key's columns, in order.
	Key []string
	// Parents are the other tables its foreign keys reference.
	Parents []string
	// Serial is the column whose values a sequence gives (PostgreSQL's
	// identity, SQLite's AUTOINCREMENT), or "".
	Serial string
}

// Column is one column of a table.
type Column struct {
	Name string
	Kind Kind
}

// Schema is the tables of one database, in an order in which rows can be
// inserted: parents before the tables that reference them, otherwise in
// the order the migrations created them (a table's triggers may read the
// tables made before it, as ledger_totals' read the ledger).
type Schema struct {
	Engine database.Engine
	Tables []Table
}

// Bookkeeping lists the migrator's own tables: every database has them, but
// they describe the database rather than hold the service's data, so copies
// leave them out (each side records its own migrations).
var Bookkeeping = []string{"bun_migrations", "bun_migration_locks"}

// Read returns the schema of the database db (of engine) reaches, which may
// be a transaction. It fails when the catalogue cannot be read or the
// foreign keys form a cycle.
func Read(ctx context.Context, db bun.IDB, engine database.Engine) (Schema, error) {
	var tables []Table
	var err error
	if engine == database.Postgres {
		tables, err = readPostgres(ctx, db)
	} else {
		tables, err = readSQLite(ctx, db)
	}
	if err != nil {
		return Schema{}, fmt.Errorf("catalog: %w", err)
	}
	tables = slices.DeleteFunc(tables, func(t Table) bool { return slices.Contains(Bookkeeping, t.Name) })
	ordered, err := order(tables)
	if err != nil {
		return Schema{}, err
	}
	return Schema{Engine: engine, Tables: ordered}, nil
}

// Table returns the table called name.
func (s Schema) Table(name string) (Table, bool) {
	i := slices.IndexFunc(s.Tables, func(t Table) bool { return t.Name == name })
	if i < 0 {
		return Table{}, false
	}
	return s.Tables[i], true
}

// Names returns the tables' names in the schema's order.
func (s Schema) Names() []string {
	names := make([]string, len(s.Tables))
	for i, t := range s.Tables {
		names[i] = t.Name
	}
	return names
}

// order sorts tables parents first, keeping the creation order among
// tables that do not depend on each other. A table referencing itself
// (a reversal naming the payment it reverses) is no cycle.
func order(tables []Table) ([]Table, error) {
	done := map[string]bool{}
	var out []Table
	for len(out) < len(tables) {
		progressed := false
		for _, t := range tables {
			if done[t.Name] || !parentsDone(t, done, tables) {
				continue
			}
			done[t.Name] = true
			out = append(out, t)
			progressed = true
			break // back to the first table not done: creation order wins among the ready
		}
		if !progressed {
			return nil, fmt.Errorf("catalog: the foreign keys of %s form a cycle", strings.Join(pending(tables, done), ", "))
		}
	}
	return out, nil
}

func parentsDone(t Table, done map[string]bool, tables []Table) bool {
	for _, p := range t.Parents {
		known := slices.ContainsFunc(tables, func(o Table) bool { return o.Name == p })
		if p != t.Name && known && !done[p] {
			return false
		}
	}
	return true
}

func pending(tables []Table, done map[string]bool) []string {
	var names []string
	for _, t := range tables {
		if !done[t.Name] {
			names = append(names, t.Name)
		}
	}
	return names
}

// Quote returns name quoted as an identifier, alike on both engines.
func Quote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// columnList returns t's columns quoted and joined for a SELECT or INSERT.
func (t Table) columnList() string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = Quote(c.Name)
	}
	return strings.Join(names, ", ")
}

// ColumnNames returns t's column names in order.
func (t Table) ColumnNames() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

// IntegerKey reports whether t's primary key is one integer column, by
// which rows are read in the same order on both engines.
func (t Table) IntegerKey() bool {
	if len(t.Key) != 1 {
		return false
	}
	i := slices.IndexFunc(t.Columns, func(c Column) bool { return c.Name == t.Key[0] })
	return i >= 0 && t.Columns[i].Kind == Int
}

// SelectAll returns the query reading every row of t, in key order when
// the key is one integer column (see IntegerKey), else in no order.
func (t Table) SelectAll() string {
	q := "SELECT " + t.columnList() + " FROM " + Quote(t.Name)
	if t.IntegerKey() {
		q += " ORDER BY " + Quote(t.Key[0])
	}
	return q
}
