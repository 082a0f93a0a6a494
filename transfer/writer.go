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
}

// withTarget runs fn in one transaction of db, committed when fn returns
// nil and rolled back otherwise.
func withTarget(ctx context.Context, db *database.DB, fn func(writer) error) error {
	if db.Engine == database.Postgres {
		return withPostgres(ctx, db, fn)
	}
	tx, err := db.DB.DB.BeginTx(ctx, nil)
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
		return pgx.BeginFunc(ctx, sc.Conn(), func(tx pgx.Tx) error { return fn(postgresWriter{tx}) })
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

type sqliteWriter struct{ tx *sql.Tx }

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
