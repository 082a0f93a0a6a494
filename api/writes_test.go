package api_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

// typed is Vietnamese as some keyboards send it: decomposed (NFD), tone
// marks as combining characters.
var typed = norm.NFD.String("Nguyễn Thị Hòa, Đắk Lắk")

// written is the same text as it must be stored: composed (NFC).
var written = norm.NFC.String(typed)

// everyWrite calls every operation that stores text the caller typed, with
// typed text (multi-line where the field allows it) in every such field, on
// Hà Nội's 2025 plan and its money, an account, the catalogues, values and
// staffing. It fails the test when an operation does not succeed, and
// returns the reads that show what was stored.
func everyWrite(t *testing.T, e *env) []string {
	t.Helper()
	one, free := typed, "dòng một\n"+typed
	var plan api.Plan
	e.mustDo("planner.hanoi", "POST", "/api/v1/plans", map[string]any{"province_code": "01", "year": 2025, "title": one, "narrative": free}, &plan)
	base := fmt.Sprintf("/api/v1/plans/%d", plan.ID)
	edit := func(method, path string, body any, out any) {
		t.Helper()
		e.mustChange(plan.ID, "planner.hanoi", method, base+path, body, out)
	}
	edit("PATCH", "", map[string]any{"title": one + " (sửa)", "narrative": free}, nil)
	activity := map[string]any{"task_area": "1.3", "title": one, "lead_agency": one, "partners": free, "expected_output": free}
	var kept, dropped api.Activity
	e.mustDo("planner.hanoi", "POST", base+"/activities", activity, &kept)
	e.mustDo("planner.hanoi", "POST", base+"/activities", activity, &dropped)
	edit("PATCH", fmt.Sprintf("/activities/%d", kept.ID), activity, nil)
	edit("DELETE", fmt.Sprintf("/activities/%d", dropped.ID), nil, nil)
	edit("PUT", "/targets/CP_COMMUNE_WORKER", map[string]any{"value": "100"}, nil)
	edit("PUT", "/targets/CP_COMMUNE_WORKER", map[string]any{"value": "95"}, nil)
	edit("DELETE", "/targets/CP_COMMUNE_WORKER", nil, nil)
	edit("PUT", "/targets/CP_COMMUNE_WORKER", map[string]any{"value": "100"}, nil)
	var line, spare api.BudgetLine
	newLine := map[string]any{"activity_id": kept.ID, "funding_source": "central", "amount": "5000000", "description": free}
	e.mustDo("planner.hanoi", "POST", base+"/budget-lines", newLine, &line)
	e.mustDo("planner.hanoi", "POST", base+"/budget-lines", newLine, &spare)
	edit("PATCH", fmt.Sprintf("/budget-lines/%d", line.ID), map[string]any{"amount": "6000000", "description": free}, nil)
	edit("DELETE", fmt.Sprintf("/budget-lines/%d", spare.ID), nil, nil)
	e.mustDo("planner.hanoi", "POST", base+"/submit", nil, nil)
	e.mustDo("approver.hanoi", "POST", base+"/return", map[string]any{"reason": free}, nil)
	e.mustDo("planner.hanoi", "POST", base+"/submit", nil, nil)
	e.mustDo("approver.hanoi", "POST", base+"/approve", map[string]any{"document_no": one, "issued_on": "2026-11-28",
		"signer_name": one, "signer_title": one}, nil)
	var request api.Comment
	e.mustDo("reviewer", "POST", base+"/comments", map[string]any{"kind": "revision_requested", "text": free}, &request)
	e.mustDo("reviewer", "POST", fmt.Sprintf("%s/comments/%d/close", base, request.ID), nil, nil)
	alloc := map[string]any{"province_code": "01", "year": 2025, "amount": "6000000", "decision_no": one, "decided_on": "2025-01-10", "reason": free}
	e.mustDo("reviewer", "POST", "/api/v1/allocations", alloc, nil)
	alloc["amount"] = "-1000000"
	e.mustDo("reviewer", "POST", "/api/v1/allocations", alloc, nil)
	var paid api.Disbursement
	e.mustDo("finance.hanoi", "POST", fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", line.ID),
		map[string]any{"amount": "1000000", "paid_on": "2025-03-01", "voucher_no": one, "description": free}, &paid)
	e.mustDo("finance.hanoi", "POST", fmt.Sprintf("/api/v1/disbursements/%d/reverse", paid.ID), map[string]any{"reason": free, "reversed_on": "2025-03-05"}, nil)
	e.mustDo("planner.hanoi", "POST", base+"/revise", nil, nil)
	e.mustDo("finance.hanoi", "POST", "/api/v1/provinces/01/budget/2025/close", map[string]any{"unspent_central": "return"}, nil)
	var user api.User
	e.mustDo("admin", "POST", "/api/v1/users", map[string]any{"username": "nfd.user", "full_name": "x", "role": "planner",
		"province_code": "01", "password": "a long enough passphrase"}, &user)
	e.mustDo("admin", "PATCH", fmt.Sprintf("/api/v1/users/%d", user.ID), map[string]any{"full_name": one}, nil)
	e.mustDo("admin", "PATCH", "/api/v1/task-areas/1.3", map[string]any{"name_vi": one, "name_en": one}, nil)
	e.mustDo("admin", "POST", "/api/v1/indicators", map[string]any{"code": "CP_NFD_TEST", "name_vi": one, "name_en": one, "unit": "count",
		"direction": "higher", "national_targets": []any{map[string]any{"year": 2026, "comparator": ">=", "value": "1", "source": one}}}, nil)
	e.mustDo("planner.hanoi", "PUT", "/api/v1/provinces/01/indicator-values/CP_ABUSE_CASES/2026-Q1", map[string]any{"value": 7, "note": free}, nil)
	e.mustDo("planner.hanoi", "PUT", "/api/v1/provinces/01/indicator-values/CP_ABUSE_CASES/2026-Q1", map[string]any{"value": 8, "note": free}, nil)
	staffing := map[string]any{"full_time": 1, "part_time": 0, "collaborators": 3, "villages": 5, "villages_with_collaborator": 3, "note": free}
	e.mustDo("planner.hanoi", "PUT", "/api/v1/communes/00004/staffing/2026", staffing, nil)
	staffing["commune_code"], staffing["full_time"] = "00004", 2
	e.mustDo("planner.hanoi", "PUT", "/api/v1/provinces/01/staffing/2026", map[string]any{"items": []any{staffing}}, nil)
	return []string{base, base + "/budget-lines", base + "/comments",
		fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", line.ID),
		"/api/v1/allocations?province_code=01", fmt.Sprintf("/api/v1/users/%d", user.ID), "/api/v1/task-areas", "/api/v1/indicators",
		"/api/v1/provinces/01/indicator-values", "/api/v1/provinces/01/staffing/2026"}
}

// mustDo sends a request and fails the test unless it succeeds.
func (e *env) mustDo(as, method, path string, body, out any) {
	e.t.Helper()
	res, _ := e.raw(as, method, path, body)
	if res.StatusCode >= 300 {
		e.t.Fatalf("%s %s as %s: %d %s", method, path, as, res.StatusCode, res.body)
	}
	if out != nil {
		decode(e.t, res.body, out)
	}
}

// mustChange sends a change to plan id's content with the plan's ETag.
func (e *env) mustChange(id int64, as, method, path string, body, out any) {
	e.t.Helper()
	var p api.Plan
	e.mustDo(as, "GET", fmt.Sprintf("/api/v1/plans/%d", id), nil, &p)
	res := e.doIfMatch(as, method, path, p.ETag, body)
	if res.StatusCode >= 300 {
		e.t.Fatalf("%s %s as %s: %d %s", method, path, as, res.StatusCode, res.body)
	}
}

func TestText_TypedDecomposedIsStoredComposedEverywhere(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		for _, path := range everyWrite(t, e) {
			as := "reviewer"
			if strings.HasPrefix(path, "/api/v1/users") || path == "/api/v1/task-areas" || path == "/api/v1/indicators" {
				as = "admin"
			}
			res, _ := e.raw(as, "GET", path, nil)
			if !strings.Contains(string(res.body), written) || strings.Contains(string(res.body), typed) {
				t.Errorf("GET %s answers the text as typed, not composed: %s", path, res.body)
			}
		}
		values := storedText(t, db)
		found := 0
		for _, v := range values {
			if !norm.NFC.IsNormalString(v) {
				t.Errorf("stored text not in NFC: %q", v)
			}
			found += strings.Count(v, written)
		}
		t.Logf("the typed text is stored %d times", found)
		if found < 40 {
			t.Errorf("the typed text is stored %d times; the writes store it more often", found)
		}
	})
}

// storedText returns every text value of every table.
func storedText(t *testing.T, db *database.DB) []string {
	t.Helper()
	var tables []string
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if db.Engine == database.Postgres {
		q = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
	}
	if err := db.NewRaw(q).Scan(t.Context(), &tables); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, table := range tables {
		rows, err := db.QueryContext(t.Context(), "SELECT * FROM "+table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				switch x := v.(type) {
				case string:
					out = append(out, x)
				case []byte: // PostgreSQL's jsonb; other bytes are hashes, not text
					if len(x) > 0 && (x[0] == '{' || x[0] == '[') {
						out = append(out, string(x))
					}
				}
			}
		}
		rows.Close()
	}
	return out
}

var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// TestAudit_EveryChangeRecordsBeforeAndAfterInOneFormat makes every change
// the API offers and reads the trail: each entry records the state before
// (but for creations) and after (but for deletions) as JSON objects whose
// keys are snake_case, as the API names fields.
func TestAudit_EveryChangeRecordsBeforeAndAfterInOneFormat(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		everyWrite(t, e)
		seen, hasBefore := map[string]bool{}, map[string]bool{}
		for _, entry := range trail(t, db) {
			if strings.HasPrefix(entry.Action, "login") || entry.Action == "logout" || entry.Action == "units.import" {
				continue
			}
			seen[entry.Action], hasBefore[entry.Action] = true, hasBefore[entry.Action] || len(entry.Before) > 0
			what := fmt.Sprintf("%s %s %s", entry.Action, entry.Entity, entry.EntityID)
			creation, deletion := isCreation(entry), strings.HasSuffix(entry.Action, ".delete")
			if (len(entry.Before) == 0) != creation || (len(entry.After) == 0) != deletion {
				t.Errorf("%s: before %s, after %s", what, entry.Before, entry.After)
			}
			for _, state := range []json.RawMessage{entry.Before, entry.After} {
				if len(state) > 0 {
					checkKeys(t, what, state)
				}
			}
		}
		for _, action := range []string{"target.set", "indicator_value.put", "staffing.put"} {
			if !hasBefore[action] {
				t.Errorf("no %s records what it changed", action)
			}
		}
		for _, action := range []string{"plan.create", "plan.update", "plan.submit", "plan.return", "plan.approve", "plan.revise",
			"activity.create", "activity.update", "activity.delete", "target.set", "target.delete", "budget_line.create",
			"budget_line.update", "budget_line.delete", "allocation.allocation", "allocation.correction", "disbursement.create",
			"disbursement.reverse", "budget_year.close", "user.create", "user.update", "task_area.update", "indicator.create",
			"indicator_value.put", "staffing.put", "plan_comment.create", "plan_comment.close"} {
			if !seen[action] {
				t.Errorf("no %s in the trail", action)
			}
		}
	})
}

// trail reads every entry of the audit trail from the database.
func trail(t *testing.T, db *database.DB) []api.AuditEntry {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), "SELECT action, entity, entity_id, coalesce(CAST(before_state AS TEXT), ''), coalesce(CAST(after_state AS TEXT), '') FROM audit_log")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []api.AuditEntry
	for rows.Next() {
		var e api.AuditEntry
		var before, after string
		if err := rows.Scan(&e.Action, &e.Entity, &e.EntityID, &before, &after); err != nil {
			t.Fatal(err)
		}
		e.Before, e.After = json.RawMessage(before), json.RawMessage(after)
		out = append(out, e)
	}
	return out
}

// isCreation tells the entries that record something new, with nothing
// before: a creation, the first value or target or staffing of its kind.
func isCreation(entry api.AuditEntry) bool {
	switch {
	case strings.HasSuffix(entry.Action, ".create"), strings.HasPrefix(entry.Action, "allocation."), entry.Action == "plan.revise":
		return true
	case entry.Action == "disbursement.reverse": // a new entry of the ledger, naming the payment it reverses
		return true
	case entry.Action == "target.set", entry.Action == "indicator_value.put", entry.Action == "staffing.put":
		return len(entry.Before) == 0 // the first time; every other time has a before, checked by the store tests
	}
	return false
}

// checkKeys fails when a key of the JSON object state, at any depth, is not
// snake_case.
func checkKeys(t *testing.T, what string, state json.RawMessage) {
	t.Helper()
	var v any
	if err := json.Unmarshal(state, &v); err != nil {
		t.Fatalf("%s: %q is not JSON: %v", what, state, err)
	}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, sub := range x {
				if !snakeCase.MatchString(k) {
					t.Errorf("%s: key %q is not snake_case: %s", what, k, state)
				}
				walk(sub)
			}
		case []any:
			for _, sub := range x {
				walk(sub)
			}
		default:
		}
	}
	if _, ok := v.(map[string]any); !ok {
		t.Errorf("%s: %s is not an object", what, state)
	}
	walk(v)
}
