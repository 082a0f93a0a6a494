// Package admit bounds how many reads a server works on at once and lets
// the others wait their turn, first come, first served.
//
// Without it, fifty readers at once on two cores all run together: each
// statement of each request waits for a database connection, which
// database/sql hands to a waiter chosen at random, and a request of twenty
// statements draws twenty times. Most finish in about the mean time, a few
// much later (BENCHMARKS.md, "pages for 50 users"). Behind a gate, a few
// requests run at a time without waiting on each other and the rest queue in
// arrival order: the same throughput, and the slowest answers close to the
// typical one.
//
// A gate is per instance; it holds no state that another instance would
// need. Only reads (GET and HEAD) take a turn: a write's body arrives at its
// client's pace, and writes wait for one another on the database's own lock.
package admit

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultWait is how long a request waits for its turn before it is
// answered 503.
const DefaultWait = 10 * time.Second

// ErrBusy is Enter's error when no turn came within the gate's wait.
var ErrBusy = errors.New("admit: no turn within the wait")

// Gate lets at most a fixed number of requests work at once; the others
// wait in arrival order (a Go channel wakes its blocked senders first in,
// first out). A nil *Gate admits everything at once.
type Gate struct {
	turns   chan struct{}
	wait    time.Duration
	waiting atomic.Int64
}

// DefaultTurns is the number of requests a gate lets work at once when it
// is not told: three for each processor the Go runtime uses. That suits a
// server whose work is on its own processors (SQLite in the process); one
// that waits for a database server keeps more at work (see serve's
// --max-active-reads).
func DefaultTurns() int {
	return 3 * runtime.GOMAXPROCS(0)
}

// New returns a gate of n turns (DefaultTurns when n <= 0), where a request
// waits up to wait for one (DefaultWait when wait <= 0).
func New(n int, wait time.Duration) *Gate {
	if n <= 0 {
		n = DefaultTurns()
	}
	if wait <= 0 {
		wait = DefaultWait
	}
	return &Gate{turns: make(chan struct{}, n), wait: wait}
}

// Turns returns how many requests g lets work at once; 0 for a nil gate.
func (g *Gate) Turns() int {
	if g == nil {
		return 0
	}
	return cap(g.turns)
}

// Waiting returns how many requests wait for a turn now.
func (g *Gate) Waiting() int {
	if g == nil {
		return 0
	}
	return int(g.waiting.Load())
}

// Enter waits for a turn, up to the gate's wait: it returns the function
// that gives the turn back (to be called once), ErrBusy when the wait
// passed, or ctx's error when ctx ended first.
func (g *Gate) Enter(ctx context.Context) (leave func(), err error) {
	if g == nil {
		return func() {}, nil
	}
	select {
	case g.turns <- struct{}{}:
		return g.leave(), nil
	default:
	}
	timer := time.NewTimer(g.wait)
	defer timer.Stop()
	g.waiting.Add(1)
	defer g.waiting.Add(-1)
	select {
	case g.turns <- struct{}{}:
		return g.leave(), nil
	case <-timer.C:
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (g *Gate) leave() func() {
	return sync.OnceFunc(func() { <-g.turns })
}

// Handler returns next behind g. A read takes a turn before next runs and
// gives it back when its answer starts (its status is written: the work is
// done, what is left is sending it at the client's pace) or when next
// returns. A read that waited past the gate's wait is answered by busy,
// without a turn; one whose client went away meanwhile gets nothing. Other
// methods pass straight through.
func (g *Gate) Handler(next http.Handler, busy http.HandlerFunc) http.Handler {
	if g == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		leave, err := g.Enter(r.Context())
		switch {
		case errors.Is(err, ErrBusy):
			busy(w, r)
			return
		case err != nil:
			return // the client is gone
		}
		defer leave()
		next.ServeHTTP(&turnWriter{ResponseWriter: w, leave: leave}, r)
	})
}

// turnWriter gives the request's turn back when its answer starts.
type turnWriter struct {
	http.ResponseWriter
	leave func()
}

func (t *turnWriter) WriteHeader(code int) {
	if code >= 200 { // an informational status is not the answer
		t.leave()
	}
	t.ResponseWriter.WriteHeader(code)
}

func (t *turnWriter) Write(b []byte) (int, error) {
	t.leave()
	return t.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (t *turnWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
