package exports_test

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"baove/access"
	"baove/app"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
	"baove/exports"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// demoSources loads the demo into db and returns the report sources over
// it, on the tests' fixed clock.
func demoSources(t *testing.T, db *database.DB) exports.Sources {
	t.Helper()
	svc := app.MustNew(db, app.Config{Clock: dbtest.Clock, Ministry: "Bộ Y tế"})
	if err := demo.Load(context.Background(), svc, io.Discard); err != nil {
		t.Fatal(err)
	}
	return svc.Reports
}

var reviewer = access.Caller{Username: "reviewer", Role: access.Reviewer}

// golden compares v, as indented JSON, with testdata/name, or rewrites the
// file with -update. Both engines must produce the same file.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./exports -update to create it)", err)
	}
	if string(want) != string(got)+"\n" {
		t.Errorf("%s differs from the report model built now; if the change is intended, run go test ./exports -update and review the diff", path)
	}
}
