// Package bench is the harness of the benchmarks over a national dataset
// (issue 8; see BENCHMARKS.md): it opens the databases that `baove gen`
// filled and that BAOVE_BENCH_SQLITE and BAOVE_BENCH_DATABASE_URL name,
// wires the services over them as cmd/baove does, chooses what to read,
// and times an operation against its limit in the same run. Without the
// variables every benchmark skips, so that `go test ./...` stays fast.
package bench

import (
	"baove"
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"baove/access"
	"baove/app"
	"baove/database"
)

// The variables that name generated databases.
const (
	EnvSQLite   = "BAOVE_BENCH_SQLITE"       // path of a generated SQLite file
	EnvPostgres = "BAOVE_BENCH_DATABASE_URL" // URL of a generated PostgreSQL database
)

// Services are the services over one generated database.
type Services struct {
	*app.Services
	// Target is what the benchmarks read and write.
	Target Target
}

// Reviewer is the ministry reviewer the reads run as: they may read every
// province.
var Reviewer = access.Caller{Username: "bench.reviewer", Role: access.Reviewer, RequestID: "bench"}

// Engines runs fn as the sub-benchmarks "sqlite" and "postgres", each over
// the generated database its variable names; it skips an engine whose
// variable is unset. The databases are opened (and migrated) once per run.
func Engines(b *testing.B, fn func(b *testing.B, s *Services)) {
	for _, e := range []struct {
		engine database.Engine
		env    string
	}{{database.SQLite, EnvSQLite}, {database.Postgres, EnvPostgres}} {
		b.Run(string(e.engine), func(b *testing.B) {
			fn(b, open(b, e.engine, e.env))
		})
	}
}

var (
	mu     sync.Mutex
	opened = map[database.Engine]*Services{}
)

func open(b *testing.B, engine database.Engine, env string) *Services {
	b.Helper()
	source := os.Getenv(env)
	if source == "" {
		b.Skipf("%s is not set: generate a database with `baove gen` and name it there (see BENCHMARKS.md)", env)
	}
	mu.Lock()
	defer mu.Unlock()
	if s, ok := opened[engine]; ok {
		return s
	}
	if engine == database.SQLite {
		source = "sqlite:" + source
	}
	ctx := context.Background()
	db, err := database.Open(ctx, source, "")
	if err != nil {
		b.Fatalf("bench: %v", err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatalf("bench: migrate: %v", err)
	}
	s := wire(db)
	if s.Target, err = chooseTarget(ctx, db); err != nil {
		b.Fatalf("bench: %v", err)
	}
	opened[engine] = s
	return s
}

// wire makes the services as cmd/baove does.
func wire(db *database.DB) *Services {
	return &Services{Services: app.MustNew(db, app.Config{Clock: baove.NewClock(time.Now, nil), Ministry: "Bộ Y tế"})}
}
