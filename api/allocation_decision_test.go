package api_test

import (
	"encoding/json"
	"testing"

	"baove/database"
	"baove/database/dbtest"
)

func TestAllocationDecision_AllocatesToManyProvincesOnceForARetry(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		body := map[string]any{"year": 2026, "decision_no": "88/QĐ-BYT", "decided_on": "2026-03-02",
			"shares": []map[string]any{{"province_code": "01", "amount": "500000000"}, {"province_code": "11", "amount": "300000000"}}}
		key := map[string]string{"Idempotency-Key": "decision-88"}
		for i, want := range []string{"", "true"} {
			res, _ := e.send("reviewer", "POST", "/api/v1/allocation-decisions", body, key)
			var out struct {
				Items []struct{ ProvinceCode, Amount string }
			}
			json.Unmarshal(res.body, &out)
			if res.StatusCode != 201 || len(out.Items) != 2 || res.Header.Get("Idempotent-Replayed") != want {
				t.Fatalf("send %d: %d %s replayed %q", i+1, res.StatusCode, res.body, res.Header.Get("Idempotent-Replayed"))
			}
		}
		var list struct{ Items []any }
		e.do("reviewer", "GET", "/api/v1/allocations?province_code=11&year=2026", nil, &list)
		if len(list.Items) != 1 {
			t.Errorf("Điện Biên has %d allocations after a decision sent twice, want 1", len(list.Items))
		}
	})
}

func TestAllocationDecision_NamesTheRefusedShareAndRecordsNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		body := map[string]any{"year": 2026, "decision_no": "88/QĐ-BYT", "decided_on": "2026-03-02",
			"shares": []map[string]any{{"province_code": "01", "amount": "5"}, {"province_code": "11", "amount": "0"}}}
		res, _ := e.raw("reviewer", "POST", "/api/v1/allocation-decisions", body)
		var p problem
		decode(t, res.body, &p)
		if res.StatusCode != 422 || len(p.Errors) != 1 || p.Errors[0].Location != "shares[1].amount" {
			t.Fatalf("a zero share: %d %s", res.StatusCode, res.body)
		}
		if res, _ := e.raw("approver.hanoi", "POST", "/api/v1/allocation-decisions", body); res.StatusCode != 403 {
			t.Errorf("an approver's decision answered %d, want 403", res.StatusCode)
		}
		var list struct{ Items []any }
		e.do("reviewer", "GET", "/api/v1/allocations?province_code=01&year=2026", nil, &list)
		if len(list.Items) != 0 {
			t.Errorf("a refused decision allocated %d entries to Hà Nội", len(list.Items))
		}
	})
}
