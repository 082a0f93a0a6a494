package exports_test

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"baove/access"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
	"baove/exports"
	"baove/indicators"
	"baove/plans"
	"baove/units"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// demoSources loads the demo into db and returns the report sources over
// it, on the tests' fixed clock.
func demoSources(t *testing.T, db *database.DB) exports.Sources {
	t.Helper()
	u := units.NewStore(db, dbtest.Now)
	ind := indicators.NewStore(db, u, dbtest.Now)
	ps := plans.NewStore(db, dbtest.Now, budget.Lines{})
	bs := budget.NewStore(db, dbtest.Now, ps)
	d := demo.Deps{Access: access.NewStore(db, dbtest.Now, time.Hour), Units: u, Plans: ps, Budget: bs, Indicators: ind, Now: dbtest.Now}
	if err := demo.Load(context.Background(), d, io.Discard); err != nil {
		t.Fatal(err)
	}
	return exports.Sources{Units: u, Plans: ps, Budget: bs, Indicators: ind, Assessor: indicators.NewAssessor(ind, ps, bs),
		Ministry: "Bộ Y tế", Now: dbtest.Now}
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
