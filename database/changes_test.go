package database_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/uptrace/bun"

	"baove/database"
	"baove/database/dbtest"
)

// twoInstances opens one fresh database of engine twice, as two instances
// of the service would, with a table to write to.
func twoInstances(t *testing.T, engine database.Engine) (a, b *database.DB) {
	t.Helper()
	ctx := context.Background()
	url := "sqlite:" + filepath.Join(t.TempDir(), "baove.db")
	if engine == database.Postgres {
		url = dbtest.EmptyPostgres(t)
	}
	for _, db := range []**database.DB{&a, &b} {
		var err error
		if *db, err = database.Open(ctx, url, ""); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { (*db).Close() })
	}
	if _, err := a.ExecContext(ctx, "CREATE TABLE zz_marks (n INTEGER)"); err != nil {
		t.Fatal(err)
	}
	return a, b
}

func mark(t *testing.T, db *database.DB) string {
	t.Helper()
	m, err := db.Changes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestChanges_MarkMovesWithEveryCommitOfAnyInstanceAndOnlyThen(t *testing.T) {
	for _, engine := range []database.Engine{database.SQLite, database.Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			a, b := twoInstances(t, engine)
			ctx := context.Background()
			first := mark(t, a)
			var n int
			if err := a.NewRaw("SELECT count(*) FROM zz_marks").Scan(ctx, &n); err != nil {
				t.Fatal(err)
			}
			if again := mark(t, a); again != first {
				t.Fatalf("a read moved the mark: %q, then %q", first, again)
			}
			if _, err := a.ExecContext(ctx, "INSERT INTO zz_marks VALUES (1)"); err != nil {
				t.Fatal(err)
			}
			ownWrite := mark(t, a)
			if ownWrite == first {
				t.Fatalf("the mark did not move for the instance's own write: %q", first)
			}
			if _, err := b.ExecContext(ctx, "INSERT INTO zz_marks VALUES (2)"); err != nil {
				t.Fatal(err)
			}
			otherWrite := mark(t, a)
			if otherWrite == ownWrite {
				t.Fatalf("the mark did not move for another instance's write: %q", ownWrite)
			}
			var during string
			err := b.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				if _, err := tx.ExecContext(ctx, "INSERT INTO zz_marks VALUES (3)"); err != nil {
					return err
				}
				during = mark(t, a)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if after := mark(t, a); after == during {
				t.Fatalf("the mark did not move when a transaction committed: %q", during)
			}
			before := mark(t, a)
			err = b.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				if _, err := tx.ExecContext(ctx, "INSERT INTO zz_marks VALUES (4)"); err != nil {
					return err
				}
				return errors.New("roll back")
			})
			if err == nil {
				t.Fatal("the transaction should have rolled back")
			}
			if engine == database.SQLite { // PostgreSQL counts a rolled back transaction too: harmless
				if after := mark(t, a); after != before {
					t.Fatalf("a rolled back transaction moved the mark: %q, then %q", before, after)
				}
			}
		})
	}
}

func TestMemo_ReadsAgainOnlyAfterACommitAndKeepsTheLastKeys(t *testing.T) {
	for _, engine := range []database.Engine{database.SQLite, database.Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			a, b := twoInstances(t, engine)
			ctx := context.Background()
			memo := database.NewMemo[int, int](a, 2)
			reads := 0
			count := func(key int) int {
				t.Helper()
				n, err := memo.Get(ctx, key, func(ctx context.Context) (int, error) {
					reads++
					var n int
					err := a.NewRaw("SELECT count(*) FROM zz_marks WHERE n >= ?", key).Scan(ctx, &n)
					return n, err
				})
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			if n := count(0); n != 0 || reads != 1 {
				t.Fatalf("first: %d rows in %d reads", n, reads)
			}
			if n := count(0); n != 0 || reads != 1 {
				t.Fatalf("nothing committed since: %d rows in %d reads, want the kept value", n, reads)
			}
			if _, err := b.ExecContext(ctx, "INSERT INTO zz_marks VALUES (5)"); err != nil {
				t.Fatal(err)
			}
			if n := count(0); n != 1 || reads != 2 {
				t.Fatalf("after another instance's write: %d rows in %d reads, want 1 row read again", n, reads)
			}
			count(1)
			count(2) // three keys: the least recently used (0) is let go
			if count(2); reads != 4 {
				t.Fatalf("%d reads, want 4", reads)
			}
			if count(0); reads != 5 {
				t.Fatalf("%d reads, want key 0 read again after it was let go", reads)
			}
			_, err := memo.Get(ctx, 9, func(ctx context.Context) (int, error) { return 0, errors.New("failed") })
			if err == nil {
				t.Fatal("a failed read should fail")
			}
			if n, _ := memo.Get(ctx, 9, func(ctx context.Context) (int, error) { return 7, nil }); n != 7 {
				t.Fatalf("after a failed read: %d, want it read again", n)
			}
		})
	}
}
