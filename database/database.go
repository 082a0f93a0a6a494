// Package database opens the service's database, PostgreSQL in production or
// an embedded SQLite file by default, and applies the embedded migrations.
// Domain stores use the DB it returns, whose RunInTx makes writers take turns
// on SQLite and retries conflicts on PostgreSQL, and whose Select runs the
// reads every page makes as prepared statements; Unavailable tells a
// database that cannot serve now from a failure. This package knows nothing
// of the domain.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Engine names a database engine.
type Engine string

// The two engines the service runs on.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DB is an open database of either engine.
type DB struct {
	*bun.DB
	Engine Engine
	// WriteWait bounds how long a transaction waits for its turn to write
	// on SQLite (see RunInTx); zero means DefaultWriteWait.
	WriteWait time.Duration
	turn      turn     // SQLite only
	changes   *changes // SQLite only
	prepared  *prepared
}

// Open connects to url: a postgres:// or postgresql:// URL selects PostgreSQL;
// an empty url selects the SQLite file baove.db under dataDir (created if
// missing); "sqlite:PATH" selects a SQLite file at PATH. It fails when the
// database cannot be reached.
func Open(ctx context.Context, rawURL, dataDir string) (*DB, error) {
	engine, dsn, err := dataSource(rawURL, dataDir)
	if err != nil {
		return nil, err
	}
	db, err := openEngine(engine, dsn)
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database: connect to %s: %w", engine, err)
	}
	return db, nil
}

// PostgresConns is how many connections an instance opens to PostgreSQL at
// most.
const PostgresConns = 20

func openEngine(engine Engine, dsn string) (*DB, error) {
	switch engine {
	case Postgres:
		sqldb, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("database: %w", err)
		}
		sqldb.SetMaxOpenConns(PostgresConns)
		sqldb.SetMaxIdleConns(PostgresConns)
		sqldb.SetConnMaxIdleTime(5 * time.Minute)
		return &DB{DB: bun.NewDB(sqldb, pgdialect.New()), Engine: Postgres, prepared: &prepared{}}, nil
	default:
		sqldb, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, fmt.Errorf("database: %w", err)
		}
		// Keep connections for concurrent readers rather than the default
		// two: opening one runs the pragmas of SQLiteDSN, and under a few
		// dozen requests at once closing and reopening them cost more than
		// the queries. Open connections stay unbounded, as a transaction may
		// read through a second one while it holds the write lock.
		sqldb.SetMaxIdleConns(32)
		sqldb.SetConnMaxIdleTime(5 * time.Minute)
		own, err := sql.Open("sqlite", dsn) // for Changes
		if err != nil {
			sqldb.Close()
			return nil, fmt.Errorf("database: %w", err)
		}
		own.SetMaxOpenConns(1)
		return &DB{DB: bun.NewDB(sqldb, sqlitedialect.New()), Engine: SQLite, turn: turnOf(sqlitePath(dsn)),
			changes: &changes{db: own}, prepared: &prepared{}}, nil
	}
}

func dataSource(rawURL, dataDir string) (Engine, string, error) {
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		dsn, err := postgresDSN(rawURL)
		return Postgres, dsn, err
	case rawURL == "":
		if dataDir == "" {
			dataDir = "."
		}
		if err := os.MkdirAll(dataDir, 0o750); err != nil {
			return "", "", fmt.Errorf("database: create data directory: %w", err)
		}
		return SQLite, SQLiteDSN(filepath.Join(dataDir, "baove.db")), nil
	case strings.HasPrefix(rawURL, "sqlite:"):
		return SQLite, SQLiteDSN(strings.TrimPrefix(rawURL, "sqlite:")), nil
	}
	return "", "", errors.New("database: the URL must start with postgres://, postgresql:// or sqlite:")
}

// postgresDSN makes pgx send queries with the simple protocol: bun already
// interpolates arguments, and pgx would otherwise prepare every distinct query
// text on the server. The few reads that Select prepares use generic plans
// from their first run: each looks rows up by indexed keys (a province, a
// year, a plan), which one plan serves for every value, while PostgreSQL's
// default plans each of the first five runs afresh and, for some (a plan's
// budget lines with what was paid from each), every run after them too,
// which cost more than running them. Either setting in rawURL wins.
func postgresDSN(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("database: bad PostgreSQL URL: %w", err)
	}
	q := u.Query()
	if q.Get("default_query_exec_mode") == "" {
		q.Set("default_query_exec_mode", "simple_protocol")
	}
	if q.Get("plan_cache_mode") == "" {
		q.Set("plan_cache_mode", "force_generic_plan")
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// SQLiteDSN returns the modernc.org/sqlite data source for the file at path:
// WAL so that readers never wait for the writer, foreign keys enforced, a busy
// timeout instead of immediate SQLITE_BUSY when another process writes (in
// the process, writers take turns before they begin: see RunInTx), and BEGIN
// IMMEDIATE so that a read-then-write transaction takes the write lock up
// front instead of failing when it upgrades.
func SQLiteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// sqlitePath returns the absolute path of the file of a SQLite data source.
func sqlitePath(dsn string) string {
	path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// Ready reports whether the database answers a trivial query.
func (db *DB) Ready(ctx context.Context) error {
	var one int
	return db.NewRaw("SELECT 1").Scan(ctx, &one)
}

// ForUpdate locks the rows q selects until the transaction ends, on
// PostgreSQL. SQLite needs no row locks: its transactions begin IMMEDIATE
// (see SQLiteDSN), so writers already take turns.
func (db *DB) ForUpdate(q *bun.SelectQuery) *bun.SelectQuery {
	if db.Engine == Postgres {
		return q.For("UPDATE")
	}
	return q
}
