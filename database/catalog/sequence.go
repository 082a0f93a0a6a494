package catalog

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"baove/database"
)

// literal returns s as an SQL string literal.
func literal(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// SequenceQuery returns the query answering the last value t's sequence
// gave on engine, 0 when it gave none (t.Serial must be set): PostgreSQL's
// identity sequence, SQLite's sqlite_sequence row. A sequence may be past
// the largest key, when rows were deleted: copies carry it, so that no key
// is ever given twice.
func SequenceQuery(engine database.Engine, t Table) string {
	if engine == database.Postgres {
		return fmt.Sprintf("SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence(%s, %s)::regclass), 0)",
			literal(Quote(t.Name)), literal(t.Serial))
	}
	return "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = " + literal(t.Name)
}

// Sequence returns the last value t's sequence gave, read through db (see
// SequenceQuery), or 0 for a table without a sequence.
func Sequence(ctx context.Context, db bun.IDB, engine database.Engine, t Table) (int64, error) {
	if t.Serial == "" {
		return 0, nil
	}
	var v int64
	if err := db.NewRaw(SequenceQuery(engine, t)).Scan(ctx, &v); err != nil {
		return 0, fmt.Errorf("catalog: sequence of %s: %w", t.Name, err)
	}
	return v, nil
}

// AdvanceSequence returns the statements that move t's sequence on engine
// to at least last and past t's largest key, so that the next row gets a
// key never given before.
func AdvanceSequence(engine database.Engine, t Table, last int64) []string {
	top := fmt.Sprintf("(SELECT coalesce(max(%s), 0) FROM %s)", Quote(t.Serial), Quote(t.Name))
	if engine == database.Postgres {
		return []string{fmt.Sprintf("SELECT setval(pg_get_serial_sequence(%s, %s), m) FROM (SELECT greatest(%d, %s) AS m) AS x WHERE m > 0",
			literal(Quote(t.Name)), literal(t.Serial), last, top)}
	}
	name := literal(t.Name)
	return []string{
		fmt.Sprintf("UPDATE sqlite_sequence SET seq = max(seq, %d, %s) WHERE name = %s", last, top, name),
		fmt.Sprintf("INSERT INTO sqlite_sequence (name, seq) SELECT %s, m FROM (SELECT max(%d, %s) AS m) AS x "+
			"WHERE m > 0 AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = %s)", name, last, top, name),
	}
}

// IndexQuery returns the query listing the indexes of table on engine that
// no constraint (primary key, UNIQUE constraint) needs, as name and the
// statement that creates it: a bulk load drops them and builds them again
// once the rows are in, as pg_restore does.
func IndexQuery(engine database.Engine, table string) string {
	if engine == database.Postgres {
		return fmt.Sprintf(`SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index AS i
			JOIN pg_class AS c ON c.oid = i.indexrelid
			WHERE i.indrelid = %s::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint AS k WHERE k.conindid = i.indexrelid)`,
			literal(Quote(table)))
	}
	return "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = " + literal(table)
}
