package audit_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"baove/audit"
	"baove/database"
	"baove/database/dbtest"
)

var ctx = context.Background()

// viewer is a reader of the trail with a fixed scope.
type viewer struct {
	scope audit.Scope
	err   error
}

func (v viewer) AuditScope() (audit.Scope, error) { return v.scope, v.err }

// everything reads the whole trail, as a reviewer does.
var everything = viewer{}

var (
	system = audit.Actor{Name: "system:test"}
	t0     = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
	ict    = time.FixedZone("ICT", 7*3600)
)

// change is a shorthand for an entry to record.
func change(at time.Time, action, entity, id, province string) audit.Change {
	return audit.Change{At: at, Actor: system, Action: action, Entity: entity, EntityID: id, ProvinceCode: province}
}

// record writes changes in one statement, failing the test on error.
func record(t *testing.T, db *database.DB, changes ...audit.Change) {
	t.Helper()
	if err := audit.RecordAll(ctx, db, changes); err != nil {
		t.Fatal(err)
	}
}

// list reads the trail as v, failing the test on error.
func list(t *testing.T, db *database.DB, v audit.Viewer, f audit.Filter) []audit.Entry {
	t.Helper()
	es, err := audit.NewStore(db).List(ctx, v, f)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func TestRecord_KeepsWhoDidWhatToWhichEntityBeforeAndAfter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		actor := audit.Actor{Name: "planner.hanoi", RequestID: "req-42"}
		before := map[string]any{"title": "Kế hoạch"}
		after := map[string]any{"title": "Kế hoạch năm 2026", "version": 2}
		at := time.Date(2026, 3, 2, 8, 30, 0, 0, ict)
		if err := audit.Record(ctx, db, audit.Change{At: at, Actor: actor, Action: "plan.update", Entity: "plan",
			EntityID: "12", ProvinceCode: "01", BeforeState: before, AfterState: after}); err != nil {
			t.Fatal(err)
		}
		es := list(t, db, everything, audit.Filter{Entity: "plan"})
		if len(es) != 1 {
			t.Fatalf("%d entries, want 1", len(es))
		}
		e := es[0]
		if e.ID == 0 || !e.At.Equal(at) || e.Actor != actor || e.Action != "plan.update" || e.Entity != "plan" ||
			e.EntityID != "12" || e.ProvinceCode != "01" {
			t.Errorf("entry %+v", e)
		}
		var gotBefore, gotAfter map[string]any
		if json.Unmarshal(e.Before, &gotBefore) != nil || gotBefore["title"] != "Kế hoạch" ||
			json.Unmarshal(e.After, &gotAfter) != nil || gotAfter["version"] != 2.0 {
			t.Errorf("before %s after %s", e.Before, e.After)
		}
	})
}

func TestRecord_NilStateIsNone(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		if err := audit.Record(ctx, db, audit.Change{At: t0, Actor: system, Action: "login", Entity: "user"}); err != nil {
			t.Fatal(err)
		}
		e := list(t, db, everything, audit.Filter{Entity: "user"})[0]
		if e.Before != nil || e.After != nil || e.EntityID != "" || e.ProvinceCode != "" {
			t.Errorf("entry %+v, want no state, entity id or province", e)
		}
	})
}

func TestRecord_RefusesStateThatIsNotJSON(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		err := audit.Record(ctx, db, audit.Change{At: t0, Actor: system, Action: "x.y", Entity: "x",
			AfterState: map[string]any{"f": func() {}}})
		if err == nil {
			t.Fatal("a state that cannot be marshalled was recorded")
		}
		if n := len(list(t, db, everything, audit.Filter{Entity: "x"})); n != 0 {
			t.Errorf("%d entries written", n)
		}
	})
}

func TestRecordAll_WritesEveryChangeOfABulkOperation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		changes := make([]audit.Change, 1201) // three statements of at most 500
		for i := range changes {
			changes[i] = change(t0, "disbursement.create", "disbursement", fmt.Sprint(i), "11")
		}
		record(t, db, changes...)
		var seen int
		f := audit.Filter{Entity: "disbursement", Limit: audit.MaxLimit}
		for page := list(t, db, everything, f); len(page) > 0; page = list(t, db, everything, f) {
			seen += len(page)
			f.BeforeID = page[len(page)-1].ID
		}
		if seen != len(changes) {
			t.Fatalf("read %d entries back, want %d", seen, len(changes))
		}
	})
}
