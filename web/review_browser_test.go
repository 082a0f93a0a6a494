package web_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"baove/demo"
	"baove/plans"
	"baove/web/webtest"
)

// The approver's and the reviewer's journeys through their pages in
// Chromium, with axe-core on each page (see webtest).

func TestBrowser_TheApproverReturnsAPlanThenIssuesIt(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		p := submittedPlan(t, s)
		b := s.Browser(t)
		b.AcceptDialogs()
		b.SignIn("approver.dienbien", demo.Password)
		if !strings.Contains(b.Text("main"), "Việc chờ tôi") {
			t.Errorf("the approver's home does not say what waits: %q", b.Text("main"))
		}
		b.Open("/review")
		b.CheckAccessibility()
		if status := b.Click(p.Title); status != http.StatusOK || b.Path() != fmt.Sprintf("/review/%d", p.ID) {
			t.Fatalf("the plan's link landed on %s with %d", b.Path(), status)
		}
		b.CheckAccessibility()
		typeIn(b, "reason", "Bổ sung chỉ tiêu về trẻ em bị xâm hại.")
		if status := b.Click("Trả lại"); status != http.StatusOK || !strings.Contains(b.Text(".notice"), "Đã trả lại") {
			t.Fatalf("returning answered %d on %s", status, b.Path())
		}
		// The planner fixes and resubmits; the approver issues the plan.
		planner := callerFor(t, s, "planner.dienbien")
		_, err := s.Services.Plans.Submit(bg, planner, planNow(t, s, p.ID).Ref())
		must(t, err)
		b.Open(fmt.Sprintf("/review/%d", p.ID))
		b.FillByLabel("Số, ký hiệu văn bản", "41/KH-UBND")
		b.FillByLabel("Họ tên người ký", "Lường Văn Thắng")
		// Past the browser's own check of the required fields, to the server's.
		b.Eval(`document.querySelectorAll("form").forEach(f => f.noValidate = true)`, nil)
		if status := b.Click("Ban hành"); status != http.StatusUnprocessableEntity {
			t.Errorf("issuing without the signer's title answered %d", status)
		}
		if msg := b.Text(".field-error"); msg != "nhập chức vụ người ký, ví dụ Phó Chủ tịch" {
			t.Errorf("the title's field says %q", msg)
		}
		b.CheckAccessibility()
		b.FillByLabel("Chức vụ người ký", "Phó Chủ tịch")
		if status := b.Click("Ban hành"); status != http.StatusOK || !strings.Contains(b.Text(".notice"), "Đã ban hành") {
			t.Fatalf("issuing answered %d on %s", status, b.Path())
		}
		if facts := b.Text(".facts"); !strings.Contains(facts, "41/KH-UBND") || !strings.Contains(facts, "Phó Chủ tịch Lường Văn Thắng") {
			t.Errorf("the issued plan's facts: %q", facts)
		}
		if got := planNow(t, s, p.ID); got.Status != plans.Approved {
			t.Errorf("the plan is %s", got.Status)
		}
	})
}

func TestBrowser_TheReviewerSortsTheNationalPageCommentsAndAllocatesToTwoProvinces(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		p := submittedPlan(t, s)
		b := s.Browser(t)
		b.AcceptDialogs()
		b.SignIn("reviewer", demo.Password)
		b.Open("/national?year=2026")
		b.CheckAccessibility()
		if status := b.Click("Được phân bổ (đồng)"); status != http.StatusOK || !strings.Contains(b.Path(), "sort=allocated") {
			t.Fatalf("sorting landed on %s with %d", b.Path(), status)
		}
		if status := b.Click("Đã trình, chờ ban hành"); status != http.StatusOK {
			t.Fatalf("the plan's link answered %d", status)
		}
		if b.Path() != fmt.Sprintf("/provinces/11/plans/%d", p.ID) {
			t.Fatalf("the plan's link landed on %s", b.Path())
		}
		b.CheckAccessibility()
		b.Eval(`document.getElementById("kind-request").click()`, nil)
		typeIn(b, "text", "Đề nghị bổ sung kinh phí cho tổng đài 111.")
		if status := b.Click("Gửi ý kiến"); status != http.StatusOK || !strings.Contains(b.Text("#comments-section"), "đang chờ tỉnh") {
			t.Fatalf("commenting answered %d: %q", status, b.Text("main"))
		}
		b.CheckAccessibility()
		b.Open("/reporting?period=2026-Q3")
		b.CheckAccessibility()
		b.Open("/allocations?year=2026")
		b.CheckAccessibility()
		b.FillByLabel("Số quyết định", "88/QĐ-BYT")
		b.FillByLabel("Điện Biên", "2.000.000")
		b.FillByLabel("Thành phố Hà Nội", "1500000")
		var key string
		b.Eval(`document.querySelector("[name=idempotency_key]").value`, &key)
		if status := b.Click("Ghi quyết định phân bổ"); status != http.StatusOK || !strings.Contains(b.Text(".notice"), "cho 2 tỉnh") {
			t.Fatalf("allocating answered %d: %q", status, b.Text("main"))
		}
		// The same form sent again, as a double click or Back and resend would.
		var sent bool
		b.Eval(fmt.Sprintf(`fetch("/allocations", {method: "POST", redirect: "manual", body: new URLSearchParams({year: "2026",
			idempotency_key: %q, decision_no: "88/QĐ-BYT", decided_on: "2026-11-28", "amount-11": "2.000.000",
			"amount-01": "1500000"})}).then(r => r.type === "opaqueredirect")`, key), &sent)
		if !sent {
			t.Errorf("the form sent again was not answered with a redirect")
		}
		b.Open("/allocations?year=2026")
		as, err := s.Services.Budget.Allocations(bg, callerFor(t, s, "reviewer"), "11", 2026)
		must(t, err)
		if len(as) != 1 || as[0].Amount != 2_000_000 {
			t.Errorf("Điện Biên's allocations after the form sent twice: %+v", as)
		}
		b.CheckAccessibility()
	})
}

// typeIn sets the text area id to text (chromedp cannot clear an empty text
// area before typing).
func typeIn(b *webtest.Browser, id, text string) {
	js, _ := json.Marshal(text)
	b.Eval(fmt.Sprintf(`document.getElementById(%q).value = %s`, id, js), nil)
}

func TestBrowser_TheNationalPageOfTheDemoShowsIssuedPlansAndBars(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		must(t, demo.Load(bg, s.Services, io.Discard))
		b := s.Browser(t)
		b.SignIn("reviewer", demo.Password)
		b.Open("/national?year=2026")
		var bars int
		b.Eval(`document.querySelectorAll("svg.chart rect.chart-bar").length`, &bars)
		if bars == 0 || !strings.Contains(b.Text("table.national"), "KH-UBND") {
			t.Errorf("the demo's national page draws %d bars and names no issued plan", bars)
		}
		b.CheckAccessibility()
		b.SaveScreenshot("national.png")
	})
}
