package audit_test

import (
	"fmt"
	"testing"
	"time"

	"baove"
	"baove/audit"
	"baove/database"
	"baove/database/dbtest"
)

func TestList_FiltersByEachField(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		record(t, db,
			change(t0, "plan.create", "plan", "1", "01"),
			by("planner.hanoi", change(t0.Add(time.Hour), "plan.submit", "plan", "1", "01")),
			change(t0.Add(2*time.Hour), "plan.create", "plan", "2", "11"),
			change(t0.Add(3*time.Hour), "user.update", "user", "1", "11"),
		)
		for name, c := range map[string]struct {
			f    audit.Filter
			want []string // actions, newest first
		}{
			"entity":        {audit.Filter{Entity: "plan"}, []string{"plan.create", "plan.submit", "plan.create"}},
			"entity and id": {audit.Filter{Entity: "plan", EntityID: "1"}, []string{"plan.submit", "plan.create"}},
			"entity id":     {audit.Filter{EntityID: "1", Province: "11"}, []string{"user.update"}},
			"province":      {audit.Filter{Province: "11"}, []string{"user.update", "plan.create"}},
			"since":         {audit.Filter{Since: t0.Add(time.Hour), Province: "01"}, []string{"plan.submit"}},
			"since, zoned":  {audit.Filter{Since: t0.Add(2 * time.Hour).In(ict), Province: "11"}, []string{"user.update", "plan.create"}},
			"nothing":       {audit.Filter{Entity: "allocation"}, nil},
			"actor":         {audit.Filter{Actor: "planner.hanoi"}, []string{"plan.submit"}},
			"unknown actor": {audit.Filter{Actor: "planner"}, nil},
			"until":         {audit.Filter{Until: t0.Add(time.Hour)}, []string{"plan.create"}},
			"until, zoned":  {audit.Filter{Until: t0.Add(3 * time.Hour).In(ict), Province: "11"}, []string{"plan.create"}},
			"between": {audit.Filter{Since: t0.Add(time.Hour), Until: t0.Add(3 * time.Hour)},
				[]string{"plan.create", "plan.submit"}},
		} {
			got := list(t, db, everything, c.f)
			if fmt.Sprint(actions(got)) != fmt.Sprint(c.want) {
				t.Errorf("%s: %v, want %v", name, actions(got), c.want)
			}
		}
	})
}

// by returns c made by the user named name.
func by(name string, c audit.Change) audit.Change {
	c.Actor = audit.Actor{Name: name}
	return c
}

func actions(es []audit.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Action)
	}
	return out
}

func TestList_NewestFirstInPagesGoingBack(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		changes := make([]audit.Change, audit.DefaultLimit+5)
		for i := range changes {
			changes[i] = change(t0, "staffing.put", "staffing", fmt.Sprint(i), "11")
		}
		record(t, db, changes...)
		all := audit.Filter{Entity: "staffing"}
		first := list(t, db, everything, all)
		if len(first) != audit.DefaultLimit {
			t.Fatalf("a page without a limit has %d entries, want %d", len(first), audit.DefaultLimit)
		}
		for i := 1; i < len(first); i++ {
			if first[i].ID >= first[i-1].ID {
				t.Fatalf("entry %d (id %d) is not older than the one before (id %d)", i, first[i].ID, first[i-1].ID)
			}
		}
		if first[0].EntityID != fmt.Sprint(len(changes)-1) {
			t.Errorf("the newest entry is %s, want the last recorded", first[0].EntityID)
		}
		all.BeforeID, all.Limit = first[len(first)-1].ID, 3
		next := list(t, db, everything, all)
		if len(next) != 3 || next[0].ID >= all.BeforeID || next[2].EntityID != "2" {
			t.Errorf("the next page of 3: %v", actionIDs(next))
		}
		for _, limit := range []int{-1, audit.MaxLimit + 1} {
			if n := len(list(t, db, everything, audit.Filter{Entity: "staffing", Limit: limit})); n != audit.DefaultLimit {
				t.Errorf("limit %d gives %d entries, want the default %d", limit, n, audit.DefaultLimit)
			}
		}
	})
}

func actionIDs(es []audit.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, fmt.Sprintf("%d:%s", e.ID, e.EntityID))
	}
	return out
}

func TestList_KeepsToTheViewersScope(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		record(t, db,
			change(t0, "user.create", "user", "7", "01"),
			change(t0, "disbursement.create", "disbursement", "1", "01"),
			change(t0, "allocation.allocate", "allocation", "2", "11"),
			change(t0, "task_area.update", "task_area", "1.3", ""),
		)
		of01 := viewer{scope: audit.Scope{Province: "01"}}
		accounts := viewer{scope: audit.Scope{Entities: []string{"user", "task_area"}}}
		for name, c := range map[string]struct {
			v    audit.Viewer
			f    audit.Filter
			want []string
		}{
			"a province, everything":          {of01, audit.Filter{}, []string{"disbursement.create", "user.create"}},
			"a province, asking for another":  {of01, audit.Filter{Province: "11"}, nil},
			"a province, asking for its own":  {of01, audit.Filter{Province: "01", Entity: "user"}, []string{"user.create"}},
			"some entities, everything":       {accounts, audit.Filter{}, []string{"task_area.update", "user.create"}},
			"some entities, asking for money": {accounts, audit.Filter{Entity: "disbursement"}, nil},
			"some entities, in a province":    {accounts, audit.Filter{Province: "01"}, []string{"user.create"}},
		} {
			if got := actions(list(t, db, c.v, c.f)); fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%s: %v, want %v", name, got, c.want)
			}
		}
		refused := viewer{err: baove.E(baove.EFORBIDDEN, "access.forbidden.audit", nil)}
		if _, err := audit.NewStore(db).List(ctx, refused, audit.Filter{}); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("a viewer without a scope: %v, want EFORBIDDEN", err)
		}
	})
}

// The trail is append-only in the database itself, whatever the service
// does: both engines refuse to change or remove an entry.
func TestAuditLog_RefusesUpdateAndDeleteOnBothEngines(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		record(t, db, change(t0, "user.create", "user", "7", "01"))
		before := list(t, db, everything, audit.Filter{})
		for _, stmt := range []string{
			"UPDATE audit_log SET actor = 'someone else'",
			"UPDATE audit_log SET after_state = NULL WHERE entity = 'user'",
			"DELETE FROM audit_log",
			"DELETE FROM audit_log WHERE entity = 'user'",
		} {
			if _, err := db.ExecContext(ctx, stmt); err == nil {
				t.Errorf("%s succeeded", stmt)
			}
		}
		if after := list(t, db, everything, audit.Filter{}); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("the trail changed:\n%v\nwas\n%v", after, before)
		}
	})
}
