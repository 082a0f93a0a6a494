// Package migrations embeds the SQL migrations. One set serves both engines:
// each file is a Go template that sees .Postgres and the column types that
// differ (.PK, .Time, .Date, .JSON); see database/migrate.go.
//
// Money columns are BIGINT whole đồng on both engines, never NUMERIC or REAL:
// SQLite stores those as floating point.
package migrations

import "embed"

// FS holds the *.up.sql and *.down.sql files.
//
//go:embed *.sql
var FS embed.FS
