package catalog

import (
	"context"
	"strings"

	"github.com/uptrace/bun"
)

// readSQLite reads the tables of a SQLite database in the order they were
// created (sqlite_master's), skipping SQLite's own.
func readSQLite(ctx context.Context, db bun.IDB) ([]Table, error) {
	var defs []struct {
		Name string `bun:"name"`
		SQL  string `bun:"sql"`
	}
	if err := db.NewRaw(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
		ORDER BY rowid`).Scan(ctx, &defs); err != nil {
		return nil, err
	}
	tables := make([]Table, 0, len(defs))
	for _, d := range defs {
		t, err := readSQLiteTable(ctx, db, d.Name)
		if err != nil {
			return nil, err
		}
		if strings.Contains(strings.ToUpper(d.SQL), "AUTOINCREMENT") && len(t.Key) == 1 {
			t.Serial = t.Key[0]
		}
		tables = append(tables, t)
	}
	return tables, nil
}

func readSQLiteTable(ctx context.Context, db bun.IDB, name string) (Table, error) {
	var cols []struct {
		Name string `bun:"name"`
		Type string `bun:"type"`
		PK   int    `bun:"pk"`
	}
	if err := db.NewRaw("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", name).Scan(ctx, &cols); err != nil {
		return Table{}, err
	}
	t := Table{Name: name}
	key := make([]string, len(cols))
	for _, c := range cols {
		t.Columns = append(t.Columns, Column{Name: c.Name, Kind: sqliteKind(c.Type)})
		if c.PK > 0 {
			key[c.PK-1] = c.Name
		}
	}
	for _, k := range key {
		if k != "" {
			t.Key = append(t.Key, k)
		}
	}
	err := db.NewRaw(`SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, name).Scan(ctx, &t.Parents)
	return t, err
}

// readPostgres reads the tables of the current schema in the order they
// were created (their oids').
func readPostgres(ctx context.Context, db bun.IDB) ([]Table, error) {
	var names []string
	if err := db.NewRaw(`SELECT c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.oid`).
		Scan(ctx, &names); err != nil {
		return nil, err
	}
	tables := make([]Table, 0, len(names))
	for _, name := range names {
		t, err := readPostgresTable(ctx, db, name)
		if err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return tables, nil
}

func readPostgresTable(ctx context.Context, db bun.IDB, name string) (Table, error) {
	var cols []struct {
		Name     string `bun:"column_name"`
		Type     string `bun:"data_type"`
		Identity string `bun:"is_identity"`
		Default  string `bun:"column_default"`
	}
	if err := db.NewRaw(`SELECT column_name, data_type, is_identity, coalesce(column_default, '') AS column_default
		FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?
		ORDER BY ordinal_position`, name).Scan(ctx, &cols); err != nil {
		return Table{}, err
	}
	t := Table{Name: name}
	for _, c := range cols {
		t.Columns = append(t.Columns, Column{Name: c.Name, Kind: postgresKind(c.Type)})
		if c.Identity == "YES" || strings.HasPrefix(c.Default, "nextval(") {
			t.Serial = c.Name
		}
	}
	rel := Quote(name)
	if err := db.NewRaw(`SELECT a.attname FROM pg_index AS i
		JOIN pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
		WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`, rel).
		Scan(ctx, &t.Key); err != nil {
		return Table{}, err
	}
	err := db.NewRaw(`SELECT DISTINCT p.relname FROM pg_constraint AS k JOIN pg_class AS p ON p.oid = k.confrelid
		WHERE k.conrelid = ?::regclass AND k.contype = 'f'`, rel).Scan(ctx, &t.Parents)
	return t, err
}
