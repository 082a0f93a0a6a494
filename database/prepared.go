package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/uptrace/bun"
)

// prepared holds the statements Select has prepared, by their text, and
// the query hooks that see them.
type prepared struct {
	stmts   sync.Map // string → *sql.Stmt
	columns sync.Map // columnsKey → string

	mu    sync.Mutex                      // for adding hooks
	hooks atomic.Pointer[[]bun.QueryHook] // read by every statement without a lock
}

// AddQueryHook adds a hook that sees every statement: those bun formats
// and those Select prepares.
func (db *DB) AddQueryHook(h bun.QueryHook) {
	db.DB.AddQueryHook(h)
	db.prepared.mu.Lock()
	defer db.prepared.mu.Unlock()
	var hooks []bun.QueryHook
	if old := db.prepared.hooks.Load(); old != nil {
		hooks = append(hooks, *old...)
	}
	hooks = append(hooks, h)
	db.prepared.hooks.Store(&hooks)
}

// Select runs query through idb (the database or one of its transactions)
// and scans what it returns into dest as bun's Scan does: one row into a
// struct or into scalars (sql.ErrNoRows when there is none), every row into
// a slice.
//
// Unlike bun, which writes each argument into the text, Select binds args
// to the ? of query, and prepares the text once per connection: on
// PostgreSQL a named prepared statement, parsed once and planned once for
// every value (see postgresDSN); on SQLite a compiled statement. It is for
// the reads that every page runs, where parsing and planning cost more than
// running. So query must be a constant text: every value goes in args,
// never into the text; a short list of values takes Params (a statement
// for each length), a list of any length belongs to bun. Times are bound
// as bun writes them (UTC text on SQLite).
func (db *DB) Select(ctx context.Context, idb bun.IDB, dest any, query string, args ...any) error {
	return db.SelectInto(ctx, idb, []any{dest}, query, args...)
}

// SelectInto is Select for a row read into several values (dest), as
// bun's Scan(ctx, &a, &b) reads them.
func (db *DB) SelectInto(ctx context.Context, idb bun.IDB, dest []any, query string, args ...any) (err error) {
	args = db.bindable(args)
	ctx, event := db.beforeQuery(ctx, query, args, dest)
	defer func() { db.afterQuery(ctx, event, err) }()
	rows, err := db.query(ctx, idb, query, args)
	if err != nil {
		return err
	}
	if len(dest) == 1 && isSlice(dest[0]) {
		return db.ScanRows(ctx, rows, dest...) // closes rows
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := db.ScanRow(ctx, rows, dest...); err != nil {
		return err
	}
	for rows.Next() { // the rest is not read, as bun does not read it
	}
	return rows.Err()
}

// query runs query with args through idb, prepared when idb is the
// database or a transaction of it (a connection, as a SQLite snapshot
// holds, runs it unprepared).
func (db *DB) query(ctx context.Context, idb bun.IDB, query string, args []any) (*sql.Rows, error) {
	switch x := idb.(type) {
	case *DB:
		return db.queryDB(ctx, x.DB, query, args)
	case *bun.DB:
		return db.queryDB(ctx, x, query, args)
	case bun.Tx:
		return db.queryTx(ctx, x.Tx, query, args)
	case *bun.Tx:
		return db.queryTx(ctx, x.Tx, query, args)
	case bun.Conn:
		return x.Conn.QueryContext(ctx, db.placeholders(query), args...)
	case *Snapshot:
		return db.query(ctx, x.IDB, query, args)
	}
	return nil, fmt.Errorf("database: cannot run a prepared statement through %T", idb)
}

func (db *DB) queryDB(ctx context.Context, on *bun.DB, query string, args []any) (*sql.Rows, error) {
	if on != db.DB {
		return nil, errors.New("database: a prepared statement of another database")
	}
	stmt, err := db.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	return stmt.QueryContext(ctx, args...)
}

// queryTx runs query in tx: prepared on the transaction's connection when
// it was prepared before, unprepared otherwise. It never prepares through
// another connection: a transaction that waits for one from the pool while
// it holds its own (and perhaps a lock) can wait for ever when every
// connection is held by transactions waiting for that lock.
func (db *DB) queryTx(ctx context.Context, tx *sql.Tx, query string, args []any) (*sql.Rows, error) {
	if s, ok := db.prepared.stmts.Load(query); ok {
		return tx.StmtContext(ctx, s.(*sql.Stmt)).QueryContext(ctx, args...)
	}
	return tx.QueryContext(ctx, db.placeholders(query), args...)
}

// statement returns the prepared statement of query, preparing it on its
// first use.
func (db *DB) statement(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := db.prepared.stmts.Load(query); ok {
		return s.(*sql.Stmt), nil
	}
	s, err := db.DB.DB.PrepareContext(ctx, db.placeholders(query))
	if err != nil {
		return nil, err
	}
	if prev, loaded := db.prepared.stmts.LoadOrStore(query, s); loaded {
		s.Close()
		return prev.(*sql.Stmt), nil
	}
	return s, nil
}

// Params returns n placeholders for Select, "?, ?, ?" for 3: a list of
// values in a prepared statement, which is then prepared once for each
// length it comes with. It is for lists that stay short (the versions of a
// province's plan); a list of any length belongs to bun.
func Params(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

type columnsKey struct {
	model reflect.Type
	alias string
}

// Columns returns the columns bun reads of model (a nil pointer to a
// struct bun maps, as (*row)(nil)), "a.id, a.title" for alias "a": for
// the text of a Select that reads the rows bun's Model would, without
// repeating them by hand.
func (db *DB) Columns(model any, alias string) string {
	key := columnsKey{reflect.TypeOf(model), alias}
	if c, ok := db.prepared.columns.Load(key); ok {
		return c.(string)
	}
	fields := db.Table(key.model.Elem()).Fields
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = alias + "." + f.Name
	}
	c := strings.Join(names, ", ")
	db.prepared.columns.Store(key, c)
	return c
}

// placeholders returns query with PostgreSQL's $1, $2… for its ? outside
// quotes; SQLite takes ? as it is.
func (db *DB) placeholders(query string) string {
	if db.Engine != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	n, quoted := 0, false
	for _, r := range query {
		switch {
		case r == '\'':
			quoted = !quoted
		case r == '?' && !quoted:
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// bindable returns args with times as bun writes them on SQLite: UTC text
// (the driver would write Go's own form, which does not compare with what
// is stored).
func (db *DB) bindable(args []any) []any {
	if db.Engine == Postgres {
		return args
	}
	var out []any
	for i, a := range args {
		if t, ok := a.(time.Time); ok {
			if out == nil {
				out = append([]any(nil), args...)
			}
			out[i] = t.UTC().Format("2006-01-02 15:04:05.999999-07:00")
		}
	}
	if out == nil {
		return args
	}
	return out
}

func (db *DB) beforeQuery(ctx context.Context, query string, args, dest []any) (context.Context, *bun.QueryEvent) {
	hooks := db.prepared.hooks.Load()
	if hooks == nil {
		return ctx, nil
	}
	e := &bun.QueryEvent{DB: db.DB, Query: query, QueryTemplate: query, QueryArgs: args, StartTime: time.Now(),
		Stash: map[any]any{destKey{}: dest, hooksKey{}: hooks}}
	for _, h := range *hooks {
		ctx = h.BeforeQuery(ctx, e)
	}
	return ctx, e
}

func (db *DB) afterQuery(ctx context.Context, e *bun.QueryEvent, err error) {
	if e == nil {
		return
	}
	hooks := *e.Stash[hooksKey{}].(*[]bun.QueryHook) // those that saw it begin
	e.Err = err
	for i := len(hooks) - 1; i >= 0; i-- {
		hooks[i].AfterQuery(ctx, e)
	}
}

type (
	destKey  struct{}
	hooksKey struct{}
)

// Dest returns what the statement of e scans into, when Select runs it (a
// hook's event of bun's own has Model instead): for hooks that count the
// reads of one kind of row. A row read into several values gives them all,
// as a []any.
func Dest(e *bun.QueryEvent) any {
	switch d, _ := e.Stash[destKey{}].([]any); len(d) {
	case 0:
		return nil
	case 1:
		return d[0]
	default:
		return d
	}
}

// isSlice reports whether dest points to a slice of rows ([]byte is one
// value).
func isSlice(dest any) bool {
	t := reflect.TypeOf(dest)
	if t == nil || t.Kind() != reflect.Pointer {
		return false
	}
	t = t.Elem()
	return t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8
}
