package notify_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/database"
	"baove/database/dbtest"
	"baove/notify"
	"baove/units"
)

var ctx = context.Background()

// people are the users of the tests, by username: Hà Nội's (01) planners
// (one disabled), approver and finance officer, Điện Biên's (11) planner
// and approver, and a reviewer.
type people map[string]access.Caller

// addPeople writes the tests' users straight into db (no password: they
// never sign in) and returns them as callers.
func addPeople(t *testing.T, db *database.DB) people {
	t.Helper()
	users := []struct {
		name     string
		role     access.Role
		province string
		disabled bool
	}{
		{"planner.hanoi", access.Planner, "01", false}, {"planner.hanoi.old", access.Planner, "01", true},
		{"approver.hanoi", access.Approver, "01", false}, {"finance.hanoi", access.Finance, "01", false},
		{"planner.dienbien", access.Planner, "11", false}, {"approver.dienbien", access.Approver, "11", false},
		{"reviewer", access.Reviewer, "", false},
	}
	out := people{}
	for _, u := range users {
		var id int64
		var province any
		if u.province != "" {
			province = u.province
		}
		err := db.NewRaw("INSERT INTO users (username, role, province_code, password_hash, disabled, created_at, updated_at) "+
			"VALUES (?, ?, ?, 'x', ?, ?, ?) RETURNING id", u.name, string(u.role), province, u.disabled,
			dbtest.Now(), dbtest.Now()).Scan(ctx, &id)
		if err != nil {
			t.Fatal(err)
		}
		out[u.name] = access.Caller{UserID: id, Username: u.name, Role: u.role, Province: units.ProvinceCode(u.province)}
	}
	return out
}

// record records e in a transaction of its own.
func record(t *testing.T, db *database.DB, e notify.Event) {
	t.Helper()
	if e.At.IsZero() {
		e.At = dbtest.Now()
	}
	if err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { return notify.Record(ctx, tx, e) }); err != nil {
		t.Fatal(err)
	}
}

// inbox returns the texts of username's notifications, in English, newest
// first.
func inbox(t *testing.T, s *notify.Store, c access.Caller) []string {
	t.Helper()
	in, err := s.Inbox(ctx, c, notify.Query{Order: notify.NewestFirst})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range in.Items {
		out = append(out, n.Text("en"))
	}
	return out
}

func wantCode(t *testing.T, err error, code baove.Code) {
	t.Helper()
	var e *baove.Error
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("error = %v, want %s", err, code)
	}
}

func envURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv(dbtest.EnvURL)
	if u == "" {
		t.Skip(dbtest.EnvURL + " is not set")
	}
	return u
}
