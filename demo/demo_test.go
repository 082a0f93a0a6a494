package demo_test

import (
	"context"
	"io"
	"testing"
	"time"

	"baove/access"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
	"baove/plans"
	"baove/units"
)

func deps(db *database.DB) demo.Deps {
	return demo.Deps{Access: access.NewStore(db, dbtest.Now, time.Hour), Units: units.NewStore(db, dbtest.Now),
		Plans: plans.NewStore(db, dbtest.Now)}
}

func TestLoad_GivesEachProvincePlansInDifferentStatesAndIsIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		d := deps(db)
		if err := demo.Load(ctx, d, io.Discard); err != nil {
			t.Fatal(err)
		}
		if err := demo.Load(ctx, d, io.Discard); err != nil {
			t.Fatalf("second load: %v", err)
		}
		reviewer := access.Caller{Role: access.Reviewer}
		all, err := d.Plans.Plans(ctx, reviewer, plans.Filter{Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]plans.Status{}
		for _, p := range all {
			got[string(p.Province)+"v"+string(rune('0'+p.Version))] = p.Status
		}
		want := map[string]plans.Status{"01v1": plans.Approved, "01v2": plans.Draft, "11v1": plans.Submitted, "79v1": plans.Returned}
		if len(got) != len(want) {
			t.Fatalf("2026 plans %v, want %v", got, want)
		}
		for k, s := range want {
			if got[k] != s {
				t.Errorf("plan %s is %s, want %s", k, got[k], s)
			}
		}
		returned, _ := d.Plans.Plans(ctx, reviewer, plans.Filter{Province: "79", Year: 2026})
		p, err := d.Plans.Plan(ctx, reviewer, returned[0].ID)
		if err != nil || p.History[len(p.History)-1].Reason != demo.Reason {
			t.Fatalf("returned plan's last step: %+v (%v)", p.History, err)
		}
	})
}
