package app

import (
	"runtime"

	"baove/admit"
	"baove/database"
)

// ReadTurns is the number of reads a server works on at once (see package
// admit): n when it is positive; else the gate's default on SQLite, whose
// work is all on the server's processors, and on PostgreSQL, where a read
// also waits for the database server, four per processor, at most one per
// connection. BENCHMARKS.md has the measurements behind both.
func ReadTurns(n int, engine database.Engine) int {
	switch {
	case n > 0:
		return n
	case engine == database.Postgres:
		return min(4*runtime.GOMAXPROCS(0), database.PostgresConns)
	}
	return admit.DefaultTurns()
}
