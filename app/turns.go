package app

import (
	"baove/admit"
	"baove/database"
)

// ReadTurns is the number of reads a server works on at once (see package
// admit): n when it is positive; else the gate's default on SQLite, whose
// work is all on the server's processors, and one per connection on
// PostgreSQL, where a read spends much of its time waiting for the
// database server. BENCHMARKS.md has the measurements behind both.
func ReadTurns(n int, engine database.Engine) int {
	switch {
	case n > 0:
		return n
	case engine == database.Postgres:
		return database.PostgresConns
	}
	return admit.DefaultTurns()
}
