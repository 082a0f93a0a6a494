package database

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	sqlite3 "modernc.org/sqlite/lib"
)

// How long a client is told to wait before trying again (Retry-After).
const (
	// RetryBusy follows a write that waited its whole turn, or a conflict
	// with another transaction that outlasted the retries.
	RetryBusy = 5 * time.Second
	// RetryUnreachable follows a database that did not answer.
	RetryUnreachable = 10 * time.Second
)

// ErrBusy is the cause of an UnavailableError when a write waited for its
// turn past the deadline (see DB.WriteWait).
var ErrBusy = errors.New("database: busy: no turn to write within the deadline")

// UnavailableError says the database cannot serve the request now, though it
// may shortly: it did not answer, or it was busy past the deadline. The API
// answers 503 with Retry-After.
type UnavailableError struct {
	Err        error
	Busy       bool          // busy with other writes, rather than unreachable
	RetryAfter time.Duration // when the caller may try again
}

// Error implements error.
func (e *UnavailableError) Error() string {
	if e.Busy {
		return "database busy: " + e.Err.Error()
	}
	return "database unavailable: " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *UnavailableError) Unwrap() error { return e.Err }

// IsUnavailable reports whether err means the database could not serve now
// (see Unavailable).
func IsUnavailable(err error) bool {
	_, ok := Unavailable(err)
	return ok
}

// Unavailable returns err as an UnavailableError when it means the database
// could not serve now, on either engine: an UnavailableError in its chain; a
// failed or lost connection, a closed pool, a timeout; SQLITE_BUSY or
// SQLITE_LOCKED; a PostgreSQL serialization failure, deadlock or lock
// timeout, a server shutting down or out of connections. Any other error,
// including nil, gives false.
func Unavailable(err error) (*UnavailableError, bool) {
	if err == nil {
		return nil, false
	}
	var u *UnavailableError
	if errors.As(err, &u) {
		return u, true
	}
	switch {
	case isBusy(err):
		return &UnavailableError{Err: err, Busy: true, RetryAfter: RetryBusy}, true
	case isUnreachable(err):
		return &UnavailableError{Err: err, RetryAfter: RetryUnreachable}, true
	}
	return nil, false
}

// unavailable wraps err in an UnavailableError when it is one (see
// Unavailable), so that stores hand on a typed error; else returns err.
func unavailable(err error) error {
	if u, ok := Unavailable(err); ok {
		return u
	}
	return err
}

// isConflict reports a PostgreSQL transaction that lost to another one and
// may simply run again.
func isConflict(err error) bool {
	switch pgCode(err) {
	case "40001", "40P01": // serialization_failure, deadlock_detected
		return true
	}
	return false
}

func isBusy(err error) bool {
	switch sqliteCode(err) & 0xff { // the primary code of an extended one
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return true
	}
	switch pgCode(err) {
	case "55P03", "57014": // lock_not_available, query_canceled (statement or lock timeout)
		return true
	}
	return isConflict(err) || errors.Is(err, context.DeadlineExceeded)
}

func isUnreachable(err error) bool {
	var connect *pgconn.ConnectError
	if errors.As(err, &connect) { // whatever the server said, if it said anything
		return true
	}
	code := pgCode(err)
	switch {
	case strings.HasPrefix(code, "08"), // connection_exception
		code == "57P01", code == "57P02", code == "57P03", // the server shuts down or starts
		code == "53300": // too_many_connections
		return true
	case code != "":
		return false // the server answered
	case sqliteCode(err) == sqlite3.SQLITE_CANTOPEN:
		return true
	}
	var netErr net.Error
	return errors.As(err, &netErr) || pgconn.Timeout(err) ||
		errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) || errors.Is(err, io.ErrUnexpectedEOF) ||
		isClosed(err)
}

// isClosed reports the error of a query on a closed pool. database/sql does
// not export it, so its text is the only way to know it.
func isClosed(err error) bool {
	for ; err != nil; err = errors.Unwrap(err) {
		if err.Error() == "sql: database is closed" {
			return true
		}
	}
	return false
}
