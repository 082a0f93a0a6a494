package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

// TestIssuance_TheProvinceIssuesAndPaysTheSameDayWithoutTheMinistry is
// issue 14's journey: a planner drafts and submits, the province's approver
// returns, then issues with number, date and signer, and the finance officer
// pays from a provincial line the same day; no reviewer takes a step, and a
// reviewer's approve or return is refused.
func TestIssuance_TheProvinceIssuesAndPaysTheSameDayWithoutTheMinistry(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		p := e.planFor(t) // Điện Biên's 2026 plan, with a provincial line
		path := fmt.Sprintf("/api/v1/plans/%d", p.ID)
		var lines struct{ Items []api.BudgetLine }
		e.do("finance.dienbien", "GET", path+"/budget-lines", nil, &lines)
		pay := func(paidOn, voucher string) response {
			res, _ := e.raw("finance.dienbien", "POST", fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", lines.Items[0].ID),
				map[string]any{"amount": "25000000", "paid_on": paidOn, "voucher_no": voucher})
			return res
		}
		e.step(t, "planner.dienbien", "submit", p.ID, nil, "submitted")
		if res := pay("2026-11-28", "PC-01"); res.StatusCode != 409 {
			t.Fatalf("a payment before the plan is issued: %d, want 409: %s", res.StatusCode, res.body)
		}
		e.expectProblem("reviewer", "POST", path+"/approve", issuance("45/KH-UBND"), 403)
		e.expectProblem("reviewer", "POST", path+"/return", map[string]any{"reason": "Bộ trả lại"}, 403)
		e.step(t, "approver.dienbien", "return", p.ID, map[string]any{"reason": "Làm rõ nguồn ngân sách tỉnh"}, "returned")
		e.step(t, "planner.dienbien", "submit", p.ID, nil, "submitted")
		issued := e.step(t, "approver.dienbien", "approve", p.ID, issuance("45/KH-UBND"), "approved")
		want := api.Issuance{DocumentNo: "45/KH-UBND", IssuedOn: "2026-11-28", SignerName: "Lường Văn Thắng",
			SignerTitle: "Phó Chủ tịch", IssuedBy: "approver.dienbien"}
		if issued.Issuance == nil || *issued.Issuance != want {
			t.Fatalf("the issued plan answers %+v, want %+v", issued.Issuance, want)
		}
		for voucher, paidOn := range map[string]string{"PC-02": "2026-11-28", "PC-03": "2026-02-01"} {
			if res := pay(paidOn, voucher); res.StatusCode != 201 {
				t.Errorf("a payment of %s recorded after the issuance: %d, want 201: %s", paidOn, res.StatusCode, res.body)
			}
		}
		var read api.Plan
		e.do("planner.dienbien", "GET", path, nil, &read)
		var actors []string
		for _, h := range read.History {
			actors = append(actors, h.Actor)
		}
		last := read.History[len(read.History)-1]
		if strings.Contains(fmt.Sprint(actors), "reviewer") || last.Action != "approve" || last.Issuance == nil ||
			*last.Issuance != want {
			t.Fatalf("history %v, last %+v: want the approver's issuance and no reviewer", actors, last)
		}
	})
}

// TestComments_ReachThePlannerAndARevisionRequestClosesWhenARevisionIsIssued:
// the reviewer's comment and revision request are read by the province
// with the plan; the request is open until a later version is issued.
func TestComments_ReachThePlannerAndARevisionRequestClosesWhenARevisionIsIssued(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		p := e.planFor(t)
		e.step(t, "planner.dienbien", "submit", p.ID, nil, "submitted")
		v1 := e.step(t, "approver.dienbien", "approve", p.ID, issuance("45/KH-UBND"), "approved")
		comments := fmt.Sprintf("/api/v1/plans/%d/comments", v1.ID)
		var request api.Comment
		for _, body := range []map[string]any{
			{"kind": "comment", "text": "Bộ ghi nhận Kế hoạch.\nĐề nghị ưu tiên các xã còn trống (mục 2.2)."},
			{"kind": "revision_requested", "text": "Đề nghị điều chỉnh: bổ sung truyền thông Tổng đài 111."},
		} {
			if res := e.do("reviewer", "POST", comments, body, &request); res.StatusCode != 201 {
				t.Fatalf("comment: %d", res.StatusCode)
			}
		}
		e.expectProblem("planner.dienbien", "POST", comments, map[string]any{"kind": "comment", "text": "x"}, 403)
		e.expectProblem("planner.hanoi", "GET", comments, nil, 404)
		for _, who := range []string{"planner.dienbien", "approver.dienbien", "finance.dienbien"} {
			var list struct{ Items []api.Comment }
			e.do(who, "GET", comments, nil, &list)
			if len(list.Items) != 2 || !list.Items[1].Open || list.Items[0].Open || list.Items[1].Author != "reviewer" ||
				list.Items[1].Version != 1 {
				t.Fatalf("%s reads %+v, want the comment and the open request", who, list.Items)
			}
		}
		var v2 api.Plan
		e.do("planner.dienbien", "POST", fmt.Sprintf("/api/v1/plans/%d/revise", v1.ID), nil, &v2)
		e.step(t, "planner.dienbien", "submit", v2.ID, nil, "submitted")
		e.step(t, "approver.dienbien", "approve", v2.ID, issuance("210/KH-UBND"), "approved")
		var list struct{ Items []api.Comment }
		e.do("planner.dienbien", "GET", fmt.Sprintf("/api/v1/plans/%d/comments", v2.ID), nil, &list)
		if len(list.Items) != 2 || list.Items[1].Open || list.Items[1].ResolvedByPlanID != v2.ID {
			t.Fatalf("after the revision is issued: %+v, want the request resolved by version 2", list.Items)
		}
		var diff struct{ Items []api.Difference }
		e.do("planner.dienbien", "GET", fmt.Sprintf("/api/v1/plans/%d/diff?from=1", v2.ID), nil, &diff)
		if len(diff.Items) != 1 || diff.Items[0].Section != "issuance" ||
			diff.Items[0].Fields["document_no"].To != "210/KH-UBND" {
			t.Fatalf("diff of the issued revision: %+v", diff.Items)
		}
		e.expectProblem("reviewer", "POST", fmt.Sprintf("%s/%d/close", comments, request.ID), nil, 409)
	})
}

// TestIssuance_BadFieldsAnswer422NamingThemInBothLanguages sends issuances
// that cannot be recorded, in English and in Vietnamese.
func TestIssuance_BadFieldsAnswer422NamingThemInBothLanguages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		p := e.planFor(t)
		e.step(t, "planner.dienbien", "submit", p.ID, nil, "submitted")
		path := fmt.Sprintf("/api/v1/plans/%d/approve", p.ID)
		future := issuance("45/KH-UBND")
		future["issued_on"] = "2026-11-29"
		written := issuance("45/KH-UBND")
		written["issued_on"] = "28/11/2026"
		for _, c := range []struct {
			body   map[string]any
			fields []string
		}{
			{map[string]any{}, []string{"document_no", "issued_on", "signer_name", "signer_title"}},
			{map[string]any{"document_no": " ", "issued_on": "2026-11-28", "signer_name": "An", "signer_title": ""},
				[]string{"document_no", "signer_title"}},
			{future, []string{"issued_on"}},
			{written, []string{"issued_on"}},
		} {
			messages := map[string]string{}
			for _, lang := range []string{"en", "vi"} {
				res, _ := e.send("approver.dienbien", "POST", path, c.body, map[string]string{"Accept-Language": lang})
				var prob problem
				json.Unmarshal(res.body, &prob)
				var named []string
				for _, f := range prob.Errors {
					named = append(named, f.Location)
					if messages[f.Location] == f.Message || f.Message == "" || strings.Contains(f.Message, "plan.issue") {
						t.Errorf("%v %s: %s says %q in %s too", c.body, f.Location, lang, f.Message, lang)
					}
					messages[f.Location] = f.Message
				}
				if res.StatusCode != 422 || fmt.Sprint(named) != fmt.Sprint(c.fields) {
					t.Errorf("%v in %s: %d naming %v, want 422 naming %v", c.body, lang, res.StatusCode, named, c.fields)
				}
			}
		}
		var still api.Plan
		e.do("planner.dienbien", "GET", fmt.Sprintf("/api/v1/plans/%d", p.ID), nil, &still)
		if still.Status != "submitted" || still.Issuance != nil {
			t.Fatalf("after refused issuances: %s %+v", still.Status, still.Issuance)
		}
	})
}
