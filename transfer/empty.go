package transfer

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"baove/database"
	"baove/database/catalog"
)

// NotEmptyError is the refusal of a target that holds data.
type NotEmptyError struct {
	// Rows are the tables holding rows the migrations did not write, with
	// their number of rows.
	Rows map[string]int64
}

func (e *NotEmptyError) Error() string {
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(e.Rows)) {
		parts = append(parts, fmt.Sprintf("%s: %d rows", name, e.Rows[name]))
	}
	return "transfer: the target holds data (" + strings.Join(parts, ", ") + "); copy into a new, empty database " +
		"(createdb, or a SQLite path that does not exist yet): baove copy migrates it"
}

// Empty checks that db holds nothing but what the migrations themselves
// write (the indicator catalogue, the task areas): each table of schema
// holds no row, or exactly as many as in a database just migrated. It
// returns the tables holding the migrations' rows, which a copy replaces
// with the source's, or a *NotEmptyError.
func Empty(ctx context.Context, db *database.DB, schema catalog.Schema) ([]string, error) {
	seeds, err := migrationRows()
	if err != nil {
		return nil, err
	}
	var seeded []string
	held := map[string]int64{}
	for _, t := range schema.Tables {
		n, err := catalog.Count(ctx, db, t.Name)
		switch {
		case err != nil:
			return nil, err
		case n > 0 && n == seeds[t.Name]:
			seeded = append(seeded, t.Name)
		case n > 0:
			held[t.Name] = n
		}
	}
	if len(held) > 0 {
		return nil, &NotEmptyError{Rows: held}
	}
	return seeded, nil
}

// migrationRows returns the rows per table of a database just migrated:
// a scratch SQLite file, made once per process.
var migrationRows = sync.OnceValues(func() (map[string]int64, error) {
	dir, err := os.MkdirTemp("", "baove-scratch-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	db, err := database.Open(ctx, "sqlite:"+filepath.Join(dir, "scratch.db"), "")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return nil, err
	}
	schema, err := catalog.Read(ctx, db, db.Engine)
	if err != nil {
		return nil, err
	}
	rows := map[string]int64{}
	for _, t := range schema.Tables {
		if rows[t.Name], err = catalog.Count(ctx, db, t.Name); err != nil {
			return nil, err
		}
	}
	return rows, nil
})
