package plans_test

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"

	"baove"
	"baove/audit"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
	"baove/plans"
)

func TestTarget_ChangeAndDeletionAreStoredAndAuditedWithBeforeAndAfter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := readyPlan(t, svc) // the commune-worker target is 100
		p = ok(t)(s.SetTarget(ctx, plannerHN, p.Ref(), plans.Target{Indicator: indicators.CommuneWorker, Value: decimal.RequireFromString("95.5")}))
		p = ok(t)(s.DeleteTarget(ctx, plannerHN, p.Ref(), indicators.CommuneWorker))
		if len(p.Targets) != 0 {
			t.Fatalf("targets after deletion: %+v", p.Targets)
		}
		if p, err := s.Plan(ctx, plannerHN, p.ID); err != nil || len(p.Targets) != 0 {
			t.Fatalf("the deleted target stays: %+v, %v", p.Targets, err)
		}
		_, err := s.DeleteTarget(ctx, plannerHN, p.Ref(), indicators.CommuneWorker)
		wantCode(t, "delete a target the plan does not have", err, baove.ENOTFOUND)

		entries, err := audit.NewStore(db).List(ctx, reviewer, audit.Filter{Entity: "plan"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			if e.Action == "target.set" || e.Action == "target.delete" {
				got = append(got, e.Action+" "+canon(t, e.Before)+" → "+canon(t, e.After))
			}
		}
		want := []string{
			`target.delete {"indicator_code":"CP_COMMUNE_WORKER","value":"95.5"} → `,
			`target.set {"indicator_code":"CP_COMMUNE_WORKER","value":"100"} → {"indicator_code":"CP_COMMUNE_WORKER","value":"95.5"}`,
			`target.set  → {"indicator_code":"CP_COMMUNE_WORKER","value":"100"}`,
		}
		if len(got) != len(want) {
			t.Fatalf("target audit:\n%q\nwant\n%q", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("target audit %d: %s, want %s", i, got[i], want[i])
			}
		}
	})
}

// canon writes JSON from the trail in one form whichever engine stored it
// (PostgreSQL's jsonb reorders keys and adds spaces); "" for none.
func canon(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	if len(raw) == 0 {
		return ""
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("audit JSON %q: %v", raw, err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
