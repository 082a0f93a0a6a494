package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/uptrace/bun"
)

// Snapshot is a read-only view of the database as it was at one moment,
// which the service's writers do not wait for: on PostgreSQL a read-only
// REPEATABLE READ transaction; on SQLite a deferred transaction on one
// connection (writers keep writing to the write-ahead log meanwhile).
// Backups and copies read through it, so that every table, count and sum
// they take belongs to the same moment.
type Snapshot struct {
	bun.IDB
	conn *bun.Conn // SQLite
	tx   *bun.Tx   // PostgreSQL
}

// Snapshot starts a snapshot, taken now. It fails when the database does.
func (db *DB) Snapshot(ctx context.Context) (*Snapshot, error) {
	if db.Engine == Postgres {
		tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return nil, fmt.Errorf("database: snapshot: %w", err)
		}
		s := &Snapshot{IDB: tx, tx: &tx}
		return s, s.begin(ctx, Postgres)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("database: snapshot: %w", err)
	}
	// Not BeginTx: the data source begins IMMEDIATE, which would take the
	// write lock and make every writer wait for the snapshot to end.
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		conn.Close()
		return nil, fmt.Errorf("database: snapshot: %w", err)
	}
	s := &Snapshot{IDB: conn, conn: &conn}
	return s, s.begin(ctx, SQLite)
}

// begin reads once: the snapshot's moment is its first read of the
// database (on SQLite, SELECT 1 would read nothing, so it reads the schema).
func (s *Snapshot) begin(ctx context.Context, engine Engine) error {
	q := "SELECT count(*) FROM sqlite_master"
	if engine == Postgres {
		q = "SELECT count(*) FROM pg_class"
	}
	var n int
	if err := s.NewRaw(q).Scan(ctx, &n); err != nil {
		s.Close()
		return fmt.Errorf("database: snapshot: %w", err)
	}
	return nil
}

// Raw runs fn with the driver's connection of a SQLite snapshot (for
// SQLite's online backup, which then copies the snapshot's pages). It
// fails on PostgreSQL.
func (s *Snapshot) Raw(fn func(driverConn any) error) error {
	if s.conn == nil {
		return errors.New("database: a PostgreSQL snapshot has no SQLite connection")
	}
	return s.conn.Raw(fn)
}

// Close ends the snapshot.
func (s *Snapshot) Close() error {
	if s.tx != nil {
		return s.tx.Rollback()
	}
	_, err := s.conn.ExecContext(context.Background(), "ROLLBACK")
	return errors.Join(err, s.conn.Close())
}
