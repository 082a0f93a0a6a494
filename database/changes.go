package database

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// changes reads SQLite's data version on a connection of its own.
type changes struct {
	mu   sync.Mutex
	db   *sql.DB   // one connection to the same file, which never writes
	conn *sql.Conn // nil until the first read, and after a failed one
	gen  int       // how many times conn was opened
}

// Changes returns a mark of the writes committed to the database: two
// marks are equal only when nothing was committed between their reads, by
// this instance or by any other process. On PostgreSQL it is the snapshot
// a new transaction would take (which transactions it sees as committed);
// on SQLite the file's data version, read on a connection of its own that
// never writes (SQLite counts only the commits of other connections). A
// value read from the database after a mark was read is current for as
// long as the marks read since are equal to it (see Memo).
func (db *DB) Changes(ctx context.Context) (string, error) {
	if db.Engine == Postgres {
		var mark string
		if err := db.NewRaw("SELECT pg_current_snapshot()::text").Scan(ctx, &mark); err != nil {
			return "", fmt.Errorf("database: changes: %w", unavailable(err))
		}
		return mark, nil
	}
	return db.changes.read(ctx)
}

func (c *changes) read(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn == nil {
		conn, err := c.db.Conn(ctx)
		if err != nil {
			return "", fmt.Errorf("database: changes: %w", unavailable(err))
		}
		c.conn, c.gen = conn, c.gen+1
	}
	var version int64
	if err := c.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&version); err != nil {
		// A new connection counts from its own start: the generation keeps
		// its marks apart from the old one's.
		c.conn.Close()
		c.conn = nil
		return "", fmt.Errorf("database: changes: %w", unavailable(err))
	}
	return fmt.Sprintf("%d.%d", c.gen, version), nil
}

func (c *changes) close() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		c.conn.Close()
		c.conn = nil
	}
	return c.db.Close()
}

// Close closes the database.
func (db *DB) Close() error {
	err := db.changes.close()
	if e := db.DB.Close(); e != nil {
		return e
	}
	return err
}
