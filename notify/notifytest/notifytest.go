// Package notifytest helps the domain packages' tests check who was told
// what: it adds users straight into a test database and reads their
// inboxes.
package notifytest

import (
	"context"
	"testing"

	"baove/access"
	"baove/database"
	"baove/database/dbtest"
	"baove/notify"
	"baove/units"
)

// User writes an active user of role in province (empty for none) into db,
// without a password (they never sign in), and returns them as a caller.
func User(t testing.TB, db *database.DB, username string, role access.Role, province units.ProvinceCode) access.Caller {
	t.Helper()
	var id int64
	var code any
	if province != "" {
		code = string(province)
	}
	err := db.NewRaw("INSERT INTO users (username, role, province_code, password_hash, created_at, updated_at) "+
		"VALUES (?, ?, ?, 'x', ?, ?) RETURNING id", username, string(role), code, dbtest.Now(), dbtest.Now()).
		Scan(context.Background(), &id)
	if err != nil {
		t.Fatal(err)
	}
	return access.Caller{UserID: id, Username: username, Role: role, Province: province}
}

// Kinds returns the kinds of c's notifications, oldest first.
func Kinds(t testing.TB, db *database.DB, c access.Caller) []notify.Kind {
	t.Helper()
	in, err := notify.NewStore(db, dbtest.Clock).Inbox(context.Background(), c,
		notify.Query{Order: notify.NewestFirst, Limit: notify.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]notify.Kind, len(in.Items))
	for i, n := range in.Items {
		out[len(out)-1-i] = n.Kind
	}
	return out
}
