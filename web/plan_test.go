package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"baove"
	"baove/access"
	"baove/attachments"
	"baove/plans"
	"baove/web/webtest"
)

// startPlan signs in as Điện Biên's planner, starts the 2026 plan by the
// form, and returns the cookie and the plan's path.
func startPlan(t *testing.T, s *webtest.Server) (*http.Cookie, string) {
	t.Helper()
	c := signIn(t, s, "planner.dienbien")
	res := post(t, s, "/plans", url.Values{"year": {"2026"}, "title": {"Kế hoạch bảo vệ trẻ em năm 2026"}}, c)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/plans/") {
		t.Fatalf("starting a plan answered %d to %q: %s", res.StatusCode, res.Header.Get("Location"), res.body)
	}
	return c, res.Header.Get("Location")
}

// revision returns the revision the page's forms carry.
func revision(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`name="revision" value="([0-9]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the page has no form carrying the plan's revision")
	}
	return m[1]
}

// firstID returns the first id the page gives an item of kind
// ("activity", "line").
func firstID(t *testing.T, body, kind string) string {
	t.Helper()
	m := regexp.MustCompile(`id="` + kind + `-([0-9]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the page shows no %s", kind)
	}
	return m[1]
}

// textOf returns the words of the main part of a page.
func textOf(body string) string {
	_, main, _ := strings.Cut(body, "<main")
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(main, " ")
}

// followed checks that res redirects (Post/Redirect/Get) and returns the
// page it redirects to.
func followed(t *testing.T, s *webtest.Server, res answer, c *http.Cookie) answer {
	t.Helper()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("answered %d, want 303: %.300s", res.StatusCode, strings.TrimSpace(textOf(res.body)))
	}
	return get(t, s, res.Header.Get("Location"), c)
}

var activity = url.Values{"task_area": {"1.3"}, "title": {"Truyền thông Tổng đài 111"}, "lead_agency": {"Sở Y tế"},
	"starts_on": {"2026-03-01"}, "ends_on": {"2026-11-30"}}

func TestPlanPages_APlannerDraftsAndSubmitsAPlan(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		c, path := startPlan(t, s)
		page := get(t, s, path, c)
		for _, want := range []string{"dự thảo", "Cần bổ sung trước khi trình", "kế hoạch cần ít nhất một hoạt động trước khi trình",
			"kế hoạch cần ít nhất một dòng ngân sách trước khi trình"} {
			if !strings.Contains(page.body, want) {
				t.Errorf("a new plan's page lacks %q", want)
			}
		}
		page = followed(t, s, post(t, s, path+"/activities", activity, c), c)
		aid := firstID(t, page.body, "activity")
		if !strings.Contains(page.body, "Kinh phí trung ương được hỗ trợ cho nhiệm vụ 1.3 trong năm 2026") {
			t.Error("the activity does not say that central funds may pay for it")
		}
		line := url.Values{"funding_source": {"provincial"}, "amount": {"1.500.000"}, "description": {"In tờ rơi"}}
		page = followed(t, s, post(t, s, path+"/activities/"+aid+"/lines", line, c), c)
		line.Set("funding_source", "central")
		line.Set("amount", "2500000")
		page = followed(t, s, post(t, s, path+"/activities/"+aid+"/lines", line, c), c)
		for _, want := range []string{"1.500.000 đ", "2.500.000 đ", "4.000.000 đ"} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the totals lack %q", want)
			}
		}
		target := url.Values{"indicator_code": {"CP_COMMUNE_WORKER"}, "value": {"100"}, "revision": {revision(t, page.body)}}
		page = followed(t, s, post(t, s, path+"/targets", target, c), c)
		if !strings.Contains(page.body, "Kế hoạch đã đủ nội dung để trình.") {
			t.Errorf("a complete plan still misses something: %s", page.body)
		}
		page = followed(t, s, post(t, s, path+"/submit", url.Values{"revision": {revision(t, page.body)}}, c), c)
		if !strings.Contains(page.body, "Đã trình kế hoạch để thẩm định.") || !strings.Contains(page.body, `status-submitted`) {
			t.Errorf("after submitting, the page says: %s", page.body)
		}
		if strings.Contains(page.body, `action="`+path+`/activities"`) {
			t.Error("a submitted plan still offers to add activities")
		}
	})
}

func TestPlanPages_ShowTheDomainsRefusalsOnTheirFieldsWithTheInputKept(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		c, path := startPlan(t, s)
		if list := get(t, s, "/plans", c); !strings.Contains(list.body, `name="year" type="text" value="2027"`) {
			t.Error("with this year's plan started, the form does not offer next year's")
		}
		again := post(t, s, "/plans", url.Values{"year": {"2026"}, "title": {"Lần nữa"}}, c)
		if again.StatusCode != http.StatusConflict || !strings.Contains(again.body, "Tỉnh 11 đã có kế hoạch năm 2026.") {
			t.Errorf("a second 2026 plan answered %d", again.StatusCode)
		}
		bad := url.Values{"task_area": {"1.3"}, "title": {""}, "lead_agency": {"Sở Y tế"}, "starts_on": {"2025-12-01"}}
		res := post(t, s, path+"/activities", bad, c)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("an activity without a title answered %d", res.StatusCode)
		}
		for _, want := range []string{`id="activity-new-title-error">bắt buộc`, `id="activity-new-starts_on-error">phải thuộc năm 2026 của kế hoạch`,
			`value="Sở Y tế"`} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the refused form lacks %q", want)
			}
		}
		page := followed(t, s, post(t, s, path+"/activities", url.Values{"task_area": {"0"}, "title": {"Quản lý chung"}}, c), c)
		aid := firstID(t, page.body, "activity")
		if !strings.Contains(page.body, "Kinh phí trung ương không hỗ trợ nhiệm vụ 0 trong năm 2026") {
			t.Error("the line form does not say before saving that central funds may not pay for task area 0")
		}
		for amount, want := range map[string]string{"1,5": "có thể nhóm hàng nghìn bằng dấu chấm", "25.00": "ví dụ 1.500.000 hoặc 1500000"} {
			res = post(t, s, path+"/activities/"+aid+"/lines", url.Values{"funding_source": {"provincial"}, "amount": {amount}}, c)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, want) || !strings.Contains(res.body, `value="`+amount+`"`) {
				t.Errorf("amount %q answered %d without its message or the input kept", amount, res.StatusCode)
			}
		}
		res = post(t, s, path+"/activities/"+aid+"/lines", url.Values{"funding_source": {"central"}, "amount": {"1000000"}}, c)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "kinh phí hỗ trợ của trung ương không được chi cho nhiệm vụ 0") {
			t.Errorf("a central line on task area 0 answered %d", res.StatusCode)
		}
		res = post(t, s, path+"/activities/"+aid+"/lines?lang=en", url.Values{"funding_source": {"provincial"}, "amount": {"-5"}}, c)
		if !strings.Contains(res.body, "optionally grouped by thousands with dots") {
			t.Errorf("the refusal is not in English: %s", res.body)
		}
	})
}

func TestPlanPages_AStaleFormSaysWhatChangedAndKeepsTheInput(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		c, path := startPlan(t, s)
		page := followed(t, s, post(t, s, path+"/activities", activity, c), c)
		aid, rev := firstID(t, page.body, "activity"), revision(t, page.body)
		mine := url.Values{"revision": {rev}, "task_area": {"1.3"}, "title": {"Tên của tôi"}, "was.task_area": {"1.3"},
			"was.title": {"Truyền thông Tổng đài 111"}, "was.lead_agency": {"Sở Y tế"}, "lead_agency": {"Sở Y tế"},
			"was.starts_on": {"2026-03-01"}, "was.ends_on": {"2026-11-30"}}
		theirs := url.Values{}
		for k, v := range mine {
			theirs[k] = v
		}
		theirs.Set("title", "Tên của người khác")
		followed(t, s, post(t, s, path+"/activities/"+aid, theirs, c), c)
		res := post(t, s, path+"/activities/"+aid, mine, c)
		if res.StatusCode != http.StatusPreconditionFailed {
			t.Fatalf("a stale form answered %d", res.StatusCode)
		}
		for _, want := range []string{"Có người khác đã thay đổi kế hoạch này", "Tên hoạt động: trước là «Truyền thông Tổng đài 111», nay là «Tên của người khác»",
			`value="Tên của tôi"`} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the stale form's page lacks %q", want)
			}
		}
	})
}

func TestPlanPages_KeepOtherProvincesOutAndShowReviewersWithoutForms(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		_, path := startPlan(t, s)
		if res := get(t, s, path, signIn(t, s, "planner.hanoi")); res.StatusCode != http.StatusNotFound {
			t.Errorf("another province's planner opened the plan: %d", res.StatusCode)
		}
		rc := signIn(t, s, "reviewer")
		res := get(t, s, path, rc)
		if res.StatusCode != http.StatusOK || strings.Contains(res.body, `method="post" action="`+path) {
			t.Errorf("a reviewer's view: %d, with forms: %v", res.StatusCode, strings.Contains(res.body, `action="`+path))
		}
		if res := get(t, s, "/plans?province=11", rc); !strings.Contains(res.body, path) || !strings.Contains(res.body, "Điện Biên") {
			t.Errorf("the reviewer's list of Điện Biên's plans lacks the plan: %s", res.body)
		}
		if res := post(t, s, path+"/activities", activity, rc); res.StatusCode != http.StatusForbidden {
			t.Errorf("a reviewer adding an activity answered %d", res.StatusCode)
		}
	})
}

func TestPlanPages_ARevisionAndItsDiffSideBySide(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		c, path := startPlan(t, s)
		page := followed(t, s, post(t, s, path+"/activities", activity, c), c)
		aid := firstID(t, page.body, "activity")
		page = followed(t, s, post(t, s, path+"/activities/"+aid+"/lines", url.Values{"funding_source": {"provincial"}, "amount": {"1000000"}}, c), c)
		page = followed(t, s, post(t, s, path+"/targets", url.Values{"indicator_code": {"CP_COMMUNE_WORKER"}, "value": {"100"},
			"revision": {revision(t, page.body)}}, c), c)
		page = followed(t, s, post(t, s, path+"/submit", url.Values{"revision": {revision(t, page.body)}}, c), c)
		id := plans.ID(mustAtoi(t, strings.TrimPrefix(path, "/plans/")))
		approver := access.Caller{Username: "approver.dienbien", Role: access.Approver, Province: "11"}
		issued := plans.Issuance{DocumentNo: "45/KH-UBND", IssuedOn: baove.NewDate(2026, 11, 28), SignerName: "Lường Văn Thắng",
			SignerTitle: "Phó Chủ tịch"}
		if _, err := s.Services.Plans.Approve(context.Background(), approver, plans.Ref{ID: id}, issued); err != nil {
			t.Fatal(err)
		}
		reviewer := access.Caller{Username: "reviewer", Role: access.Reviewer}
		if _, err := s.Services.Plans.AddComment(context.Background(), reviewer, id, plans.NewComment{Kind: plans.RevisionRequest,
			Text: "Bổ sung kênh Zalo cho Tổng đài 111"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Services.Attachments.Add(context.Background(), approver, attachments.Upload{Owner: attachments.PlanOwner(id),
			FileName: "KH-45.pdf", Content: []byte("%PDF-1.4 signed")}); err != nil {
			t.Fatal(err)
		}
		page = get(t, s, path, c)
		for _, want := range []string{"KH-45.pdf", "/api/v1/attachments/", "45/KH-UBND", "28/11/2026", "Lường Văn Thắng", "Phó Chủ tịch", "Bổ sung kênh Zalo cho Tổng đài 111",
			"Đề nghị điều chỉnh"} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the issued plan's page lacks %q", want)
			}
		}
		res := post(t, s, path+"/revise", url.Values{}, c)
		v2 := res.Header.Get("Location")
		page = followed(t, s, res, c)
		if !strings.Contains(page.body, "Đã lập bản điều chỉnh") || v2 == path+"?done=revised" {
			t.Fatalf("starting a revision landed on %s", v2)
		}
		v2 = strings.TrimSuffix(v2, "?done=revised")
		aid = firstID(t, page.body, "activity")
		change := url.Values{"revision": {revision(t, page.body)}, "task_area": {"1.3"}, "title": {"Truyền thông Tổng đài 111 và Zalo"}}
		followed(t, s, post(t, s, v2+"/activities/"+aid, change, c), c)
		diff := get(t, s, v2+"/diff", c)
		for _, want := range []string{"So sánh phiên bản 1 và phiên bản 2", "<del>Truyền thông Tổng đài 111</del>",
			"<ins>Truyền thông Tổng đài 111 và Zalo</ins>", "<del>Sở Y tế</del>"} {
			if !strings.Contains(diff.body, want) {
				t.Errorf("the diff lacks %q", want)
			}
		}
	})
}

func mustAtoi(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("%q is not a number", s)
		}
		n = n*10 + int64(r-'0')
	}
	return n
}
