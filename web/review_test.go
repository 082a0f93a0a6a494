package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"baove/plans"
	"baove/web/webtest"
)

func TestReview_TheApproverReturnsASubmittedPlanWithAReason(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		p := submittedPlan(t, s)
		approver := signIn(t, s, "approver.dienbien")
		if res := get(t, s, "/review", approver); res.StatusCode != http.StatusOK || !strings.Contains(res.body, p.Title) {
			t.Fatalf("the queue answered %d without the submitted plan", res.StatusCode)
		}
		path := fmt.Sprintf("/review/%d", p.ID)
		page := get(t, s, path, approver)
		revision := hiddenField(t, page.body, "revision")
		res := post(t, s, path+"/return", url.Values{"revision": {revision}, "reason": {""}}, approver)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "nhập lý do trả lại kế hoạch") {
			t.Fatalf("a return without a reason answered %d: %s", res.StatusCode, res.body)
		}
		res = post(t, s, path+"/return", url.Values{"revision": {revision}, "reason": {"Bổ sung chỉ tiêu về trẻ em bị xâm hại."}}, approver)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path+"?done=returned" {
			t.Fatalf("returning answered %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		if got := planNow(t, s, p.ID); got.Status != plans.Returned {
			t.Errorf("the plan is %s after its return", got.Status)
		}
		if res := get(t, s, path+"?done=returned", approver); !strings.Contains(res.body, "Bổ sung chỉ tiêu về trẻ em bị xâm hại.") {
			t.Errorf("the review page does not show the reason in the history")
		}
	})
}

func TestReview_TheApproverIssuesWithNumberDateAndSignerAndIsToldWhatIsMissing(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		p := submittedPlan(t, s)
		approver := signIn(t, s, "approver.dienbien")
		path := fmt.Sprintf("/review/%d", p.ID)
		revision := hiddenField(t, get(t, s, path, approver).body, "revision")
		res := post(t, s, path+"/approve", url.Values{"revision": {revision}, "document_no": {""}, "issued_on": {"2026-12-24"},
			"signer_name": {"Lường Văn Thắng"}, "signer_title": {""}}, approver)
		for _, want := range []string{"nhập số, ký hiệu văn bản", "ngày ban hành không được sau hôm nay", "nhập chức vụ người ký",
			`value="Lường Văn Thắng"`} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the refused form lacks %q", want)
			}
		}
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("an incomplete issuance answered %d", res.StatusCode)
		}
		res = post(t, s, path+"/approve", url.Values{"revision": {revision}, "document_no": {"41/KH-UBND"}, "issued_on": {"2026-11-28"},
			"signer_name": {"Lường Văn Thắng"}, "signer_title": {"Phó Chủ tịch"}}, approver)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("issuing answered %d: %s", res.StatusCode, res.body)
		}
		got := planNow(t, s, p.ID)
		if got.Status != plans.Approved || got.Issuance == nil || got.Issuance.DocumentNo != "41/KH-UBND" ||
			got.Issuance.SignerTitle != "Phó Chủ tịch" || got.Issuance.IssuedBy != "approver.dienbien" {
			t.Fatalf("after issuing: %s %+v", got.Status, got.Issuance)
		}
		if res := get(t, s, path+"?done=approved", approver); !strings.Contains(res.body, "41/KH-UBND") ||
			strings.Contains(res.body, `action="`+path+`/approve"`) {
			t.Errorf("the issued plan's page lacks its number or still offers to issue it")
		}
	})
}

func TestReview_InEnglishTheFieldsSayWhatIsMissingInEnglish(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		p := submittedPlan(t, s)
		approver := signIn(t, s, "approver.dienbien")
		path := fmt.Sprintf("/review/%d", p.ID)
		res := send(t, s, http.MethodPost, path+"/approve?lang=en", url.Values{"issued_on": {"28/11/2026"}}, nil, approver)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Date of issue") ||
			!strings.Contains(res.body, "2026-03-15") {
			t.Errorf("a date written otherwise answered %d: %s", res.StatusCode, res.body)
		}
	})
}

func TestReview_IsTheApproversOwnProvincesOnly(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		p := submittedPlan(t, s)
		path := fmt.Sprintf("/review/%d", p.ID)
		if res := get(t, s, path, signIn(t, s, "approver.hanoi")); res.StatusCode != http.StatusNotFound {
			t.Errorf("another province's approver opened the plan: %d", res.StatusCode)
		}
		if res := get(t, s, "/review", signIn(t, s, "planner.dienbien")); res.StatusCode != http.StatusForbidden {
			t.Errorf("a planner opened the approver's queue: %d", res.StatusCode)
		}
		res := post(t, s, path+"/approve", url.Values{"document_no": {"1/KH"}, "issued_on": {"2026-11-28"}, "signer_name": {"A"},
			"signer_title": {"B"}}, signIn(t, s, "reviewer"))
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("a reviewer's approval answered %d, want 403", res.StatusCode)
		}
	})
}

func TestHome_ShowsTheApproverThePlansWaitingForThem(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		p := submittedPlan(t, s)
		res := get(t, s, "/", signIn(t, s, "approver.dienbien"))
		if !strings.Contains(res.body, "Việc chờ tôi") || !strings.Contains(res.body, fmt.Sprintf(`href="/review/%d"`, p.ID)) {
			t.Errorf("the approver's home lacks the plan waiting: %s", res.body)
		}
		res = get(t, s, "/", signIn(t, s, "reviewer"))
		if !strings.Contains(res.body, "Điện Biên: kế hoạch phiên bản 1 đã trình") {
			t.Errorf("the reviewer's home lacks the plan submitted in Điện Biên")
		}
	})
}
