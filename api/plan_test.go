package api_test

import (
	"fmt"
	"sync"
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

// planFor creates Điện Biên's 2026 plan through the API, ready to submit.
func (e *env) planFor(t *testing.T) api.Plan {
	t.Helper()
	var p api.Plan
	res := e.do("planner.dienbien", "POST", "/api/v1/plans",
		map[string]any{"province_code": "11", "year": 2026, "title": "Kế hoạch bảo vệ trẻ em tỉnh Điện Biên năm 2026"}, &p)
	if res.StatusCode != 201 || p.Status != "draft" || p.Version != 1 || res.Header.Get("ETag") != p.ETag {
		t.Fatalf("create: %d %+v (ETag header %q)", res.StatusCode, p, res.Header.Get("ETag"))
	}
	path := fmt.Sprintf("/api/v1/plans/%d", p.ID)
	if res := e.do("planner.dienbien", "POST", path+"/activities", map[string]any{"task_area": "1.3",
		"title": "Truyền thông Tổng đài 111 tại 45 xã", "starts_on": "2026-03-01", "ends_on": "2026-11-30"}, nil); res.StatusCode != 201 {
		t.Fatalf("add activity: %d", res.StatusCode)
	}
	e.do("planner.dienbien", "GET", path, nil, &p)
	if res := e.do("planner.dienbien", "POST", path+"/budget-lines", map[string]any{"activity_id": p.Activities[0].ID,
		"funding_source": "provincial", "amount": "250000000"}, nil); res.StatusCode != 201 {
		t.Fatalf("add budget line: %d", res.StatusCode)
	}
	e.do("planner.dienbien", "GET", path, nil, &p)
	res2 := e.doIfMatch("planner.dienbien", "PUT", path+"/targets/CP_COMMUNE_WORKER", p.ETag, map[string]any{"value": "100"})
	if res2.StatusCode != 200 {
		t.Fatalf("set target: %d %s", res2.StatusCode, res2.body)
	}
	e.do("planner.dienbien", "GET", path, nil, &p)
	return p
}

// issuance is the body that issues a plan: its document number, the tests'
// today and Điện Biên's signer.
func issuance(documentNo string) map[string]any {
	return map[string]any{"document_no": documentNo, "issued_on": "2026-11-28", "signer_name": "Lường Văn Thắng",
		"signer_title": "Phó Chủ tịch"}
}

func (e *env) step(t *testing.T, as, action string, id int64, body any, status string) api.Plan {
	t.Helper()
	var p api.Plan
	res := e.do(as, "POST", fmt.Sprintf("/api/v1/plans/%d/%s", id, action), body, &p)
	if res.StatusCode >= 300 || p.Status != status {
		t.Fatalf("%s as %s: %d, status %q; want %s", action, as, res.StatusCode, p.Status, status)
	}
	return p
}

func TestPlanAPI_WholeCycleThroughTheAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		p := e.planFor(t)
		e.step(t, "planner.dienbien", "submit", p.ID, nil, "submitted")
		back := map[string]string{"reason": "Bổ sung hoạt động Tháng hành động (5.3)"}
		e.step(t, "approver.dienbien", "return", p.ID, back, "returned")
		e.step(t, "planner.dienbien", "submit", p.ID, nil, "submitted")
		v1 := e.step(t, "approver.dienbien", "approve", p.ID, issuance("45/KH-UBND"), "approved")

		var v2 api.Plan
		if res := e.do("planner.dienbien", "POST", fmt.Sprintf("/api/v1/plans/%d/revise", v1.ID), nil, &v2); res.StatusCode != 201 || v2.Version != 2 {
			t.Fatalf("revise: %d %+v", res.StatusCode, v2)
		}
		path := fmt.Sprintf("/api/v1/plans/%d", v2.ID)
		if res := e.doIfMatch("planner.dienbien", "PATCH", path+"/activities/"+fmt.Sprint(v2.Activities[0].ID), v2.ETag,
			map[string]any{"title": "Truyền thông Tổng đài 111 tại 45 xã, phường"}); res.StatusCode != 200 {
			t.Fatalf("edit the revision: %d %s", res.StatusCode, res.body)
		}
		e.step(t, "planner.dienbien", "submit", v2.ID, nil, "submitted")
		e.step(t, "approver.dienbien", "approve", v2.ID, issuance("45/KH-UBND"), "approved")

		var first api.Plan
		e.do("reviewer", "GET", fmt.Sprintf("/api/v1/plans/%d", v1.ID), nil, &first)
		if first.Status != "superseded" || first.Activities[0].Title != "Truyền thông Tổng đài 111 tại 45 xã" {
			t.Fatalf("first version after the revision's approval: %s, %q", first.Status, first.Activities[0].Title)
		}
		var steps []string
		for _, h := range first.History {
			steps = append(steps, h.Action+"→"+h.ToStatus)
		}
		if fmt.Sprint(steps) != "[create→draft submit→submitted return→returned submit→submitted approve→approved supersede→superseded]" {
			t.Fatalf("history of version 1: %v", steps)
		}
		var diff struct{ Items []api.Difference }
		e.do("planner.dienbien", "GET", path+"/diff?from=1", nil, &diff)
		if len(diff.Items) != 1 || diff.Items[0].Section != "activities" || diff.Items[0].Kind != "changed" {
			t.Fatalf("diff: %+v", diff.Items)
		}
	})
}

func TestPlanAPI_WrongStateStaleETagWrongRoleOtherProvince(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		p := e.planFor(t)
		path := fmt.Sprintf("/api/v1/plans/%d", p.ID)
		stale := p.ETag
		if res := e.doIfMatch("planner.dienbien", "PATCH", path, stale, map[string]any{"narrative": "Bản 1"}); res.StatusCode != 200 {
			t.Fatalf("patch: %d", res.StatusCode)
		}
		if res := e.doIfMatch("planner.dienbien", "PATCH", path, stale, map[string]any{"narrative": "Bản 2"}); res.StatusCode != 412 {
			t.Fatalf("stale ETag: %d, want 412", res.StatusCode)
		}
		e.expectProblem("planner.dienbien", "PATCH", path, map[string]any{"narrative": "Bản 3"}, 428)
		e.expectProblem("finance.dienbien", "POST", path+"/submit", nil, 403)
		e.expectProblem("planner.hanoi", "GET", path, nil, 404)
		e.expectProblem("admin", "GET", path, nil, 403)
		e.do("planner.dienbien", "GET", path, nil, &p)
		e.step(t, "planner.dienbien", "submit", p.ID, nil, "submitted")
		res := e.doIfMatch("planner.dienbien", "PATCH", path, p.ETag, map[string]any{"narrative": "Bản 4"})
		if res.StatusCode != 409 {
			t.Fatalf("edit a submitted plan: %d, want 409", res.StatusCode)
		}
		e.expectProblem("planner.dienbien", "POST", "/api/v1/plans",
			map[string]any{"province_code": "11", "year": 2026, "title": "Kế hoạch thứ hai"}, 409)
		e.expectProblem("planner.dienbien", "POST", path+"/return", map[string]any{"reason": "tự trả lại"}, 403)
		e.expectProblem("approver.dienbien", "POST", path+"/return", map[string]any{"reason": "  "}, 422)
		e.expectProblem("reviewer", "POST", path+"/return", map[string]any{"reason": "Trả lại"}, 403)
		e.expectProblem("reviewer", "POST", path+"/approve", issuance("45/KH-UBND"), 403)
		e.expectProblem("approver.hanoi", "POST", path+"/approve", issuance("45/KH-UBND"), 404)
	})
}

func TestPlanAPI_ConcurrentPatchesWithOneETagLetExactlyOneThrough(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		p := e.planFor(t)
		path := fmt.Sprintf("/api/v1/plans/%d", p.ID)
		var wg sync.WaitGroup
		statuses := make(chan int, 2)
		for _, text := range []string{"Phương án A", "Phương án B"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses <- e.doIfMatch("planner.dienbien", "PATCH", path, p.ETag, map[string]any{"narrative": text}).StatusCode
			}()
		}
		wg.Wait()
		close(statuses)
		got := map[int]int{}
		for s := range statuses {
			got[s]++
		}
		if got[200] != 1 || got[412] != 1 {
			t.Fatalf("two PATCHes with one ETag answered %v; want one 200 and one 412", got)
		}
	})
}

func TestPlanAPI_BadActivityNamesEachField(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		p := e.planFor(t)
		prob := e.expectProblem("planner.dienbien", "POST", fmt.Sprintf("/api/v1/plans/%d/activities", p.ID),
			map[string]any{"task_area": "7.7", "title": "", "starts_on": "2025-12-01", "ends_on": "2027-01-01"}, 422)
		got := map[string]bool{}
		for _, f := range prob.Errors {
			got[f.Location] = true
		}
		for _, want := range []string{"task_area", "title", "starts_on", "ends_on"} {
			if !got[want] {
				t.Errorf("422 does not name %s: %+v", want, prob.Errors)
			}
		}
		e.expectProblem("planner.dienbien", "POST", fmt.Sprintf("/api/v1/plans/%d/activities", p.ID),
			map[string]any{"task_area": "1.1", "title": "x", "starts_on": "01/03/2026"}, 422)
	})
}

func TestPlanAPI_DeletingATargetRemovesIt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		p := e.planFor(t)
		path := fmt.Sprintf("/api/v1/plans/%d/targets/CP_COMMUNE_WORKER", p.ID)
		if res := e.doIfMatch("planner.dienbien", "DELETE", path, p.ETag, nil); res.StatusCode != 204 {
			t.Fatalf("DELETE the target: %d %s", res.StatusCode, res.body)
		}
		var after api.Plan
		e.do("planner.dienbien", "GET", fmt.Sprintf("/api/v1/plans/%d", p.ID), nil, &after)
		if len(after.Targets) != 0 {
			t.Fatalf("the target stays: %+v", after.Targets)
		}
		if res := e.doIfMatch("planner.dienbien", "DELETE", path, after.ETag, nil); res.StatusCode != 404 {
			t.Fatalf("DELETE it again: %d, want 404", res.StatusCode)
		}
	})
}
