package dbtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"testing"

	"baove/database"
)

// Snapshot returns a digest of every row of every table but skip, so that a
// test can assert a call changed nothing.
func Snapshot(t testing.TB, db *database.DB, skip ...string) string {
	t.Helper()
	ctx := context.Background()
	var tables []string
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
	if db.Engine == database.Postgres {
		q = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
	}
	if err := db.NewRaw(q).Scan(ctx, &tables); err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	h := sha256.New()
	for _, table := range tables {
		if slices.Contains(skip, table) {
			continue
		}
		rows, err := db.QueryContext(ctx, "SELECT * FROM "+table)
		if err != nil {
			t.Fatalf("snapshot %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("snapshot %s: %v", table, err)
			}
			lines = append(lines, fmt.Sprintf("%v", vals))
		}
		rows.Close()
		slices.Sort(lines)
		fmt.Fprintf(h, "%s\x00%d\x00%v\x00", table, len(lines), lines)
	}
	return hex.EncodeToString(h.Sum(nil))
}
