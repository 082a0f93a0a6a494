package database_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"baove/database"
	"baove/database/dbtest"
)

type stampRow struct {
	bun.BaseModel `bun:"table:zz_stamps"`

	ID   int64 `bun:",pk"`
	Name string
	At   time.Time
}

// stamps creates a table of three rows written by bun, an hour apart.
func stamps(t *testing.T, db *database.DB) time.Time {
	t.Helper()
	ctx := context.Background()
	if _, err := db.NewCreateTable().Model((*stampRow)(nil)).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 5, 1, 0, 0, 0, time.UTC)
	rows := []stampRow{{ID: 1, Name: "một", At: at}, {ID: 2, Name: "hai", At: at.Add(time.Hour)},
		{ID: 3, Name: "ba", At: at.Add(2 * time.Hour)}}
	if _, err := db.NewInsert().Model(&rows).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	return at
}

func TestSelect_BindsArgumentsAsBunWritesThemAndScansAsBunDoes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		at := stamps(t, db)
		hanoi := time.FixedZone("ICT", 7*3600)
		// The same instant in Hà Nội's zone: on SQLite a time is compared
		// as the UTC text bun wrote, never as Go's own form.
		var after []stampRow
		q := "SELECT id, name, at FROM zz_stamps WHERE at > ? AND name <> ? ORDER BY id"
		if err := db.Select(ctx, db, &after, q, at.In(hanoi), "ba"); err != nil {
			t.Fatal(err)
		}
		if len(after) != 1 || after[0].Name != "hai" || !after[0].At.Equal(at.Add(time.Hour)) {
			t.Fatalf("rows after %v: %+v, want only hai at %v", at, after, at.Add(time.Hour))
		}
		var one stampRow
		if err := db.Select(ctx, db, &one, "SELECT id, name, at FROM zz_stamps WHERE id = ?", 3); err != nil || one.Name != "ba" {
			t.Fatalf("row 3: %+v, %v", one, err)
		}
		var n int
		var name string
		err := db.SelectInto(ctx, db, []any{&n, &name}, "SELECT count(*), min(name) FROM zz_stamps WHERE id >= ?", 2)
		if err != nil || n != 2 || name != "ba" {
			t.Fatalf("count and least name from 2: %d %q, %v; want 2 \"ba\"", n, name, err)
		}
		if err := db.Select(ctx, db, &one, "SELECT id, name, at FROM zz_stamps WHERE id = ?", 9); !errors.Is(err, sql.ErrNoRows) {
			t.Fatalf("no row 9: %v, want sql.ErrNoRows", err)
		}
		var none []stampRow
		if err := db.Select(ctx, db, &none, q, at.Add(time.Hour), "x"); err != nil || len(none) != 1 {
			t.Fatalf("rows after the second: %+v, %v", none, err)
		}
	})
}

func TestSelect_ReadsInsideATransactionWhatItWrote(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		stamps(t, db)
		q := "SELECT name FROM zz_stamps WHERE id = ?"
		var before string
		if err := db.Select(ctx, db, &before, q, 1); err != nil { // prepared outside first
			t.Fatal(err)
		}
		err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.NewUpdate().Table("zz_stamps").Set("name = ?", "mốt").Where("id = 1").Exec(ctx); err != nil {
				return err
			}
			var inside string
			if err := db.Select(ctx, tx, &inside, q, 1); err != nil {
				return err
			}
			if inside != "mốt" {
				t.Errorf("inside the transaction: %q, want what it wrote", inside)
			}
			return errors.New("roll back")
		})
		if err == nil {
			t.Fatal("the transaction should have rolled back")
		}
		var after string
		if err := db.Select(ctx, db, &after, q, 1); err != nil || after != before {
			t.Fatalf("after the rollback: %q, %v; want %q", after, err, before)
		}
	})
}

// seen counts the statements hooks see.
type seen struct{ queries []string }

func (s *seen) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	s.queries = append(s.queries, e.Query)
	return ctx
}

func (s *seen) AfterQuery(context.Context, *bun.QueryEvent) {}

func TestSelect_HooksSeeEveryStatementLikeBuns(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		stamps(t, db)
		s := &seen{}
		db.AddQueryHook(s)
		var names []string
		for range 3 {
			if err := db.Select(ctx, db, &names, "SELECT name FROM zz_stamps WHERE id < ? ORDER BY id", 3); err != nil {
				t.Fatal(err)
			}
		}
		var n int
		if err := db.NewRaw("SELECT count(*) FROM zz_stamps").Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		if len(s.queries) != 4 || len(names) != 2 {
			t.Fatalf("hooks saw %d statements (%q), want 4; names %v", len(s.queries), s.queries, names)
		}
	})
}

func TestSelect_InATransactionNeedsNoSecondConnection(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		stamps(t, db)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		before := "SELECT name FROM zz_stamps WHERE id > ? ORDER BY id"
		var names []string
		if err := db.Select(ctx, db, &names, before, 1); err != nil { // prepared before the transaction
			t.Fatal(err)
		}
		db.DB.DB.SetMaxOpenConns(1) // the transaction holds the only one
		err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			var first []string
			if err := db.Select(ctx, tx, &first, before, 1); err != nil {
				return err
			}
			var n int
			if err := db.Select(ctx, tx, &n, "SELECT count(*) FROM zz_stamps WHERE id > ?", 1); err != nil {
				return err
			}
			if len(first) != 2 || n != 2 {
				t.Errorf("after 1: %v and %d rows, want 2", first, n)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("reads in a transaction holding the only connection: %v", err)
		}
	})
}

func TestOpen_PostgreSQLPlansPreparedReadsOnceForEveryValue(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.Postgres)
	var mode string
	if err := db.NewRaw("SHOW plan_cache_mode").Scan(context.Background(), &mode); err != nil {
		t.Fatal(err)
	}
	if mode != "force_generic_plan" {
		t.Fatalf("plan_cache_mode %q, want force_generic_plan", mode)
	}
}
