// Package dbtest gives tests a fresh, migrated database with the official
// units loaded, on SQLite always and on PostgreSQL whenever
// BAOVE_TEST_DATABASE_URL is set (CI sets it). Tests that need PostgreSQL
// skip without the variable and fail when it is set but unreachable.
package dbtest

import (
	"baove"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"baove/database"
	"baove/units"
)

// EnvURL names the variable holding an administrative PostgreSQL URL: the
// helper creates and drops databases through it.
const EnvURL = "BAOVE_TEST_DATABASE_URL"

// Run runs fn once per engine as subtests named "sqlite" and "postgres", each
// on its own fresh database.
func Run(t *testing.T, fn func(t *testing.T, db *database.DB)) {
	t.Helper()
	for _, engine := range []database.Engine{database.SQLite, database.Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			fn(t, MustOpenDB(t, engine))
		})
	}
}

// MustOpenDB returns a fresh migrated database of engine with the units
// loaded, closed and removed when the test ends. It skips the test for
// PostgreSQL when BAOVE_TEST_DATABASE_URL is unset.
func MustOpenDB(t testing.TB, engine database.Engine) *database.DB {
	t.Helper()
	if engine == database.Postgres {
		return openPostgres(t)
	}
	return openSQLite(t)
}

// Now is a fixed time for tests: 28 November 2026, 09:00 in Hà Nội.
func Now() time.Time {
	return time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)
}

// Clock is the fixed clock of tests, at Now, in the service's default zone.
var Clock = baove.NewClock(Now, nil)

// fingerprint changes whenever the schema or the shipped units change, so
// that a stale template is never reused.
var fingerprint = sync.OnceValue(func() string {
	h := sha256.New()
	h.Write([]byte(database.Fingerprint(database.Postgres)))
	list, _ := units.Embedded()
	fmt.Fprintf(h, "%v", list)
	return hex.EncodeToString(h.Sum(nil))[:12]
})

// Prepare migrates db and loads the units, under the migration lock, as
// the service does when it starts.
func Prepare(ctx context.Context, db *database.DB) error {
	return db.WithMigrationLock(ctx, func(ctx context.Context) error {
		if _, err := db.Migrate(ctx); err != nil {
			return err
		}
		_, err := units.NewStore(db, Clock).EnsureLoaded(ctx)
		return err
	})
}

var sqliteTemplate = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "baove-dbtest-")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "template.db")
	ctx := context.Background()
	db, err := database.Open(ctx, "sqlite:"+path, "")
	if err != nil {
		return "", err
	}
	defer db.Close()
	if err := Prepare(ctx, db); err != nil {
		return "", err
	}
	_, err = db.ExecContext(ctx, "VACUUM") // folds the WAL into the file so that a copy is complete
	return path, err
})

func openSQLite(t testing.TB) *database.DB {
	t.Helper()
	tpl, err := sqliteTemplate()
	if err != nil {
		t.Fatalf("dbtest: sqlite template: %v", err)
	}
	path := filepath.Join(t.TempDir(), "baove.db")
	if err := copyFile(tpl, path); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	db, err := database.Open(context.Background(), "sqlite:"+path, "")
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

func openPostgres(t testing.TB) *database.DB {
	t.Helper()
	admin := os.Getenv(EnvURL)
	if admin == "" {
		t.Skipf("PostgreSQL: %s is not set", EnvURL)
	}
	ctx := context.Background()
	tpl, err := postgresTemplate()
	if err != nil {
		t.Fatalf("dbtest: PostgreSQL template: %v", err)
	}
	name := "baove_test_" + randomHex()
	if err := adminExec(ctx, admin, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, tpl)); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	db, err := database.Open(ctx, withDatabase(admin, name), "")
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() {
		db.Close()
		if err := adminExec(context.Background(), admin, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)); err != nil {
			t.Errorf("dbtest: drop %s: %v", name, err)
		}
	})
	return db
}

// EmptyPostgres returns the URL of a new PostgreSQL database with nothing in
// it, not even the migrations, dropped when the test ends. It skips the test
// when BAOVE_TEST_DATABASE_URL is unset.
func EmptyPostgres(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvURL)
	if admin == "" {
		t.Skipf("PostgreSQL: %s is not set", EnvURL)
	}
	name := "baove_test_" + randomHex()
	if err := adminExec(context.Background(), admin, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() {
		if err := adminExec(context.Background(), admin, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)); err != nil {
			t.Errorf("dbtest: drop %s: %v", name, err)
		}
	})
	return withDatabase(admin, name)
}

var postgresTemplate = sync.OnceValues(func() (string, error) {
	admin := os.Getenv(EnvURL)
	ctx := context.Background()
	name := "baove_tpl_" + fingerprint()
	db, err := database.Open(ctx, admin, "")
	if err != nil {
		return "", err
	}
	defer db.Close()
	// Test binaries of several packages run at once: one builds the template,
	// the others wait on the lock and find it built.
	conn, err := db.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7411)"); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(7411)")
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ?)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	building := name + "_building"
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", building)); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	tdb, err := database.Open(ctx, withDatabase(admin, building), "")
	if err != nil {
		return "", err
	}
	err = Prepare(ctx, tdb)
	tdb.Close()
	if err != nil {
		return "", err
	}
	_, err = conn.ExecContext(ctx, fmt.Sprintf("ALTER DATABASE %s RENAME TO %s", building, name))
	return name, err
})

func adminExec(ctx context.Context, admin, stmt string) error {
	db, err := database.Open(ctx, admin, "")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, stmt)
	return err
}

func withDatabase(rawURL, name string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
