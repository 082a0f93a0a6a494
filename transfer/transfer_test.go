package transfer_test

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"testing"

	"baove/access"
	"baove/app"
	"baove/budget"
	"baove/database"
	"baove/database/catalog"
	"baove/database/dbtest"
	"baove/demo"
	"baove/transfer"
)

// demoSource returns a SQLite database holding the whole demonstration.
func demoSource(t *testing.T) *app.Services {
	t.Helper()
	svc := app.MustNew(dbtest.MustOpenDB(t, database.SQLite), app.Config{Clock: dbtest.Clock, Ministry: "Bộ Y tế"})
	if err := demo.Load(context.Background(), svc, io.Discard); err != nil {
		t.Fatal(err)
	}
	return svc
}

// migrated opens the database at url and applies the migrations, as baove
// copy does with its target.
func migrated(t *testing.T, url string) *app.Services {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, url, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return app.MustNew(db, app.Config{Clock: dbtest.Clock, Ministry: "Bộ Y tế"})
}

// copyAndVerify copies src into dst and fails the test unless every check
// passes.
func copyAndVerify(t *testing.T, src, dst *app.Services) transfer.Report {
	t.Helper()
	ctx := context.Background()
	rep, err := transfer.Copy(ctx, src.DB, dst.DB, nil)
	if err != nil {
		t.Fatal(err)
	}
	v, err := transfer.Verify(ctx, rep, src, dst)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Err(); err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestCopy_MovesTheDemoToPostgreSQLAndBackWhole(t *testing.T) {
	defer transfer.SetBulkRows(200)() // the ledger and the audit trail load as big tables do
	src := demoSource(t)
	pg := migrated(t, dbtest.EmptyPostgres(t))
	rep := copyAndVerify(t, src, pg)
	if rep.Rows() == 0 || len(rep.LedgerSums) == 0 {
		t.Fatalf("copied %d rows and %d ledger sums", rep.Rows(), len(rep.LedgerSums))
	}
	back := migrated(t, "sqlite:"+filepath.Join(t.TempDir(), "back.db"))
	copyAndVerify(t, pg, back)
	skip := append([]string{"sqlite_sequence"}, catalog.Bookkeeping...)
	if a, b := dbtest.Snapshot(t, src.DB, skip...), dbtest.Snapshot(t, back.DB, skip...); a != b {
		t.Error("SQLite → PostgreSQL → SQLite changed the database")
	}
}

func TestCopy_CoversEveryTableTheMigrationsCreate(t *testing.T) {
	src := demoSource(t)
	dst := migrated(t, "sqlite:"+filepath.Join(t.TempDir(), "copy.db"))
	rep := copyAndVerify(t, src, dst)
	schema, err := catalog.Read(context.Background(), src.DB, src.DB.Engine)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Tables) != len(schema.Tables) {
		t.Fatalf("copied %d tables of %d", len(rep.Tables), len(schema.Tables))
	}
	for _, tc := range rep.Tables {
		if n, _ := catalog.Count(context.Background(), src.DB, tc.Name); n != tc.Rows {
			t.Errorf("%s: copied %d rows of %d", tc.Name, tc.Rows, n)
		}
	}
}

func TestCopy_RefusesATargetThatHoldsData(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, target *database.DB) {
		src := demoSource(t)
		before := dbtest.Snapshot(t, target)
		_, err := transfer.Copy(context.Background(), src.DB, target, nil)
		var held *transfer.NotEmptyError
		if !errors.As(err, &held) || held.Rows["provinces"] == 0 {
			t.Fatalf("copy into a database with units: %v, want a refusal naming provinces", err)
		}
		if dbtest.Snapshot(t, target) != before {
			t.Error("the refused copy changed the target")
		}
	})
}

func TestCopy_TheServiceOnTheCopyGivesNewKeysPastTheOldOnes(t *testing.T) {
	src := demoSource(t)
	dst := migrated(t, dbtest.EmptyPostgres(t))
	copyAndVerify(t, src, dst)
	ctx := context.Background()
	admin := access.System("test")
	u, err := dst.Access.CreateUser(ctx, admin, access.NewUser{Username: "new.user", Role: access.Reviewer,
		Password: "a long enough passphrase"})
	if err != nil {
		t.Fatal(err)
	}
	var top int64
	if err := src.DB.NewRaw("SELECT max(id) FROM users").Scan(ctx, &top); err != nil {
		t.Fatal(err)
	}
	if u.ID <= top {
		t.Errorf("new user id %d, want past the copied %d", u.ID, top)
	}
	sums, err := budget.LedgerSums(ctx, dst.DB)
	if err != nil || len(sums) == 0 {
		t.Fatalf("ledger sums on the copy: %v, %v", sums, err)
	}
}
