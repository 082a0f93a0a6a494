package transfer

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"baove/database"
	"baove/database/catalog"
)

// writer writes the target in one transaction.
type writer interface {
	engine() database.Engine
	exec(ctx context.Context, query string) error
	// insert writes every row of s into t.
	insert(ctx context.Context, t catalog.Table, s *stream) error
	// indexes lists t's indexes that no constraint needs (see
	// catalog.IndexQuery), as name and definition.
	indexes(ctx context.Context, t string) ([][2]string, error)
}

// bulkRows is the size of a table from which a copy drops the table's
// indexes and builds them again once its rows are in.
var bulkRows int64 = 50_000

// load writes every row of s into t; a table of bulkRows or more is written
// without the indexes that no constraint needs, built again after it (and
// before the next table, whose triggers may read them).
func load(ctx context.Context, w writer, t catalog.Table, s *stream, total int64) error {
	if total < bulkRows {
		return w.insert(ctx, t, s)
	}
	idx, err := w.indexes(ctx, t.Name)
	if err != nil {
		return err
	}
	for _, i := range idx {
		if err := w.exec(ctx, "DROP INDEX "+catalog.Quote(i[0])); err != nil {
			return err
		}
	}
	if err := w.insert(ctx, t, s); err != nil {
		return err
	}
	for _, i := range idx {
		if err := w.exec(ctx, i[1]); err != nil {
			return fmt.Errorf("index %s: %w", i[0], err)
		}
	}
	return nil
}

// withTarget runs fn in one transaction of db, committed when fn returns
// nil and rolled back otherwise.
func withTarget(ctx context.Context, db *database.DB, fn func(writer) error) error {
	if db.Engine == database.Postgres {
		return withPostgres(ctx, db, fn)
	}
	conn, err := db.DB.DB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("transfer: connect: %w", err)
	}
	defer conn.Close()
	// A page cache of 256 MiB for the copy (SQLite's default is 2 MiB),
	// given back after it.
	if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = -2000")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("transfer: begin: %w", err)
	}
	// Keys are checked at the commit, so that a table's rows may come in
	// any order (a reversal before the payment it names, in a table
	// without an integer key).
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		tx.Rollback()
		return err
	}
	if err := fn(&sqliteWriter{tx: tx}); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("transfer: commit: %w", err)
	}
	return nil
}

// withPostgres runs fn in a pgx transaction on one connection of db, so
// that rows go in with COPY.
func withPostgres(ctx context.Context, db *database.DB, fn func(writer) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("transfer: connect: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("transfer: %T is not a pgx connection", dc)
		}
		return pgx.BeginFunc(ctx, sc.Conn(), func(tx pgx.Tx) error {
			// Memory to build the indexes a bulk load drops (see load).
			if _, err := tx.Exec(ctx, "SET LOCAL maintenance_work_mem = '256MB'"); err != nil {
				return err
			}
			return fn(postgresWriter{tx})
		})
	})
}

type postgresWriter struct{ tx pgx.Tx }

func (postgresWriter) engine() database.Engine { return database.Postgres }

func (w postgresWriter) exec(ctx context.Context, query string) error {
	_, err := w.tx.Exec(ctx, query)
	return err
}

func (w postgresWriter) insert(ctx context.Context, t catalog.Table, s *stream) error {
	_, err := w.tx.CopyFrom(ctx, pgx.Identifier{t.Name}, t.ColumnNames(), s)
	return err
}

func (w postgresWriter) indexes(ctx context.Context, table string) ([][2]string, error) {
	rows, err := w.tx.Query(ctx, catalog.IndexQuery(database.Postgres, table))
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) ([2]string, error) {
		var i [2]string
		return i, r.Scan(&i[0], &i[1])
	})
}

type sqliteWriter struct{ tx *sql.Tx }

func (w *sqliteWriter) indexes(ctx context.Context, table string) ([][2]string, error) {
	rows, err := w.tx.QueryContext(ctx, catalog.IndexQuery(database.SQLite, table))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var i [2]string
		if err := rows.Scan(&i[0], &i[1]); err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

func (*sqliteWriter) engine() database.Engine { return database.SQLite }

func (w *sqliteWriter) exec(ctx context.Context, query string) error {
	_, err := w.tx.ExecContext(ctx, query)
	return err
}

// insert writes multi-row INSERTs of up to 500 rows (and under SQLite's
// limit of 32,766 parameters a statement).
func (w *sqliteWriter) insert(ctx context.Context, t catalog.Table, s *stream) error {
	cols := len(t.Columns)
	per := max(1, min(500, 32_000/cols))
	full, err := w.tx.PrepareContext(ctx, insertSQL(t, per))
	if err != nil {
		return err
	}
	defer full.Close()
	args := make([]any, 0, per*cols)
	for s.Next() {
		if args = append(args, s.out...); len(args) == per*cols {
			if _, err := full.ExecContext(ctx, args...); err != nil {
				return err
			}
			args = args[:0]
		}
	}
	if len(args) == 0 {
		return nil
	}
	_, err = w.tx.ExecContext(ctx, insertSQL(t, len(args)/cols), args...)
	return err
}

// insertSQL returns an INSERT of n rows into t, with a parameter a value.
func insertSQL(t catalog.Table, n int) string {
	names := t.ColumnNames()
	for i, c := range names {
		names[i] = catalog.Quote(c)
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + ")"
	return "INSERT INTO " + catalog.Quote(t.Name) + " (" + strings.Join(names, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}
