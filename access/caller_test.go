package access_test

import (
	"context"
	"slices"
	"testing"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/database/dbtest"
)

// trail is an entry of every kind the domains record, by entity and
// province ("" for the catalogues and unit lists, which belong to none).
var trail = []struct{ entity, province string }{
	{"user", "01"}, {"user", ""}, {"unit_list", ""}, {"task_area", ""}, {"indicator", ""}, {"dataset", ""},
	{"plan", "01"}, {"activity", "01"}, {"budget_line", "01"}, {"disbursement", "01"}, {"allocation", "01"},
	{"budget_year", "01"}, {"staffing", "01"}, {"indicator_value", "01"},
	{"plan", "11"}, {"disbursement", "11"}, {"staffing", "11"},
}

// seen lists the entity@province of every entry c reads with f.
func seen(t *testing.T, db *database.DB, c access.Caller, f audit.Filter) []string {
	t.Helper()
	es, err := audit.NewStore(db).List(context.Background(), c, f)
	if err != nil {
		t.Fatalf("%s reads the trail: %v", c.Role, err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Entity+"@"+e.ProvinceCode)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// The trail is scoped like the data it describes (issue 12): each role reads
// the entries of what it may read elsewhere, and no more.
func TestAuditScope_EachRoleReadsTheTrailOfWhatItMayRead(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		var changes []audit.Change
		for _, e := range trail {
			changes = append(changes, audit.Change{At: dbtest.Now(), Actor: audit.Actor{Name: "system:test"},
				Action: e.entity + ".test", Entity: e.entity, ProvinceCode: e.province})
		}
		if err := audit.RecordAll(context.Background(), db, changes); err != nil {
			t.Fatal(err)
		}
		reviewer := access.Caller{Username: "reviewer", Role: access.Reviewer}
		planner01 := access.Caller{Username: "planner.hanoi", Role: access.Planner, Province: "01"}
		finance11 := access.Caller{Username: "finance.dienbien", Role: access.Finance, Province: "11"}
		for _, c := range []struct {
			name   string
			caller access.Caller
			f      audit.Filter
			want   []string
		}{
			{"an administrator: accounts, units and catalogues", admin, audit.Filter{},
				[]string{"dataset@", "indicator@", "task_area@", "unit_list@", "user@", "user@01"}},
			{"an administrator asking for payments", admin, audit.Filter{Entity: "disbursement"}, nil},
			{"an administrator asking for a plan", admin, audit.Filter{Entity: "plan", Province: "01"}, nil},
			{"a planner: their province's records", planner01, audit.Filter{},
				[]string{"activity@01", "allocation@01", "budget_line@01", "budget_year@01", "disbursement@01",
					"indicator_value@01", "plan@01", "staffing@01", "user@01"}},
			{"a planner asking for another province", planner01, audit.Filter{Province: "11"}, nil},
			{"a finance officer: their province's records", finance11, audit.Filter{},
				[]string{"disbursement@11", "plan@11", "staffing@11"}},
			{"a finance officer asking for payments", finance11, audit.Filter{Entity: "disbursement"}, []string{"disbursement@11"}},
		} {
			if got := seen(t, db, c.caller, c.f); !slices.Equal(got, c.want) {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
		}
		all := seen(t, db, reviewer, audit.Filter{})
		for _, e := range trail {
			if !slices.Contains(all, e.entity+"@"+e.province) {
				t.Errorf("a reviewer does not see %s@%s", e.entity, e.province)
			}
		}
	})
}

func TestAuditScope_RefusesCallersWithoutARole(t *testing.T) {
	for _, c := range []access.Caller{{Username: "nobody"}, {Username: "lost", Role: access.Planner}} {
		if _, err := c.AuditScope(); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("%+v: %v, want EFORBIDDEN", c, err)
		}
	}
}

// An approver is of one province, like a planner: they read and act on
// their own province only, and read its part of the trail.
func TestCaller_AnApproverActsOnTheirOwnProvinceOnly(t *testing.T) {
	a := access.Caller{Username: "approver.hanoi", Role: access.Approver, Province: "01"}
	if !access.Approver.Valid() || !access.Approver.Provincial() {
		t.Fatal("approver is not a valid provincial role")
	}
	if err := a.CanRead("01"); err != nil {
		t.Errorf("reads their province: %v", err)
	}
	if err := a.CanRead("11"); baove.ErrorCode(err) != baove.EFORBIDDEN {
		t.Errorf("reads another province: %v", err)
	}
	if err := a.CanAct("11", access.Approver); baove.ErrorCode(err) != baove.EFORBIDDEN {
		t.Errorf("acts on another province: %v", err)
	}
	if err := a.CanAct("01", access.Reviewer); baove.ErrorCode(err) != baove.EFORBIDDEN {
		t.Errorf("acts as a reviewer: %v", err)
	}
	if scope, err := a.AuditScope(); err != nil || scope.Province != "01" {
		t.Errorf("trail scope %+v, %v; want province 01", scope, err)
	}
}
