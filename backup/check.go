package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"

	"baove/database"
)

// Check checks the SQLite file at path: it passes PRAGMA integrity_check,
// it is a baove database (its migrations are recorded), and, unless want
// is empty, it holds want's rows and ledger sums. Its journal is made
// DELETE, so that the file needs no write-ahead log beside it.
func Check(ctx context.Context, path string, want Inventory) error {
	_, err := inspect(ctx, path, want)
	return err
}

// inspect checks the file at path as Check does and returns its inventory.
func inspect(ctx context.Context, path string, want Inventory) (Inventory, error) {
	sqldb, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(DELETE)")
	if err != nil {
		return Inventory{}, fmt.Errorf("backup: %w", err)
	}
	db := bun.NewDB(sqldb, sqlitedialect.New())
	defer db.Close()
	if err := integrity(ctx, db); err != nil {
		return Inventory{}, fmt.Errorf("backup: %s: %w", path, err)
	}
	var migrations int
	if err := db.NewRaw("SELECT count(*) FROM bun_migrations").Scan(ctx, &migrations); err != nil || migrations == 0 {
		return Inventory{}, fmt.Errorf("backup: %s is not a baove database (no migrations recorded)", path)
	}
	got, err := Take(ctx, db, database.SQLite)
	if err != nil {
		return Inventory{}, fmt.Errorf("backup: %s: %w", path, err)
	}
	if want.Tables != nil {
		if err := want.Compare(got); err != nil {
			return Inventory{}, fmt.Errorf("backup: %s does not hold what the database held: %w", path, err)
		}
	}
	return got, nil
}

// integrity runs PRAGMA integrity_check, which answers "ok" or the
// problems it found.
func integrity(ctx context.Context, db *bun.DB) error {
	var lines []string
	if err := db.NewRaw("PRAGMA integrity_check").Scan(ctx, &lines); err != nil {
		return err
	}
	if len(lines) != 1 || lines[0] != "ok" {
		return errors.New("integrity check: " + strings.Join(lines, "; "))
	}
	return nil
}
