package web_test

import (
	"baove"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"baove/plans"
	"baove/web/webtest"
)

// scan is the start of a PDF file, which is all the domain reads of its
// type.
var scan = []byte("%PDF-1.7\n% a signed plan\n")

// issuedPlan has Điện Biên's 2026 plan drafted, submitted and issued, and
// returns its page's path.
func issuedPlan(t *testing.T, s *webtest.Server) string {
	t.Helper()
	p := submittedPlan(t, s)
	issue(t, s, p)
	return "/plans/" + strconv.FormatInt(int64(p.ID), 10)
}

// issue has Điện Biên's approver issue the submitted plan p.
func issue(t *testing.T, s *webtest.Server, p plans.Plan) {
	t.Helper()
	_, err := s.Services.Plans.Approve(bg, callerFor(t, s, "approver.dienbien"), p.Ref(), plans.Issuance{DocumentNo: "99/KH-UBND",
		IssuedOn: baove.NewDate(2026, 11, 28), SignerName: "Lường Văn Thắng", SignerTitle: "Phó Chủ tịch"})
	must(t, err)
}

func TestAttachPage_ThePlannerAttachesTheSignedScanToTheIssuedPlan(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		c := signIn(t, s, "planner.dienbien")
		p := submittedPlan(t, s)
		path := "/plans/" + strconv.FormatInt(int64(p.ID), 10)
		if page := get(t, s, path, c); strings.Contains(page.body, "Đính kèm bản scan") {
			t.Errorf("a plan not yet issued offers to attach the signed scan")
		}
		issue(t, s, p)
		page := get(t, s, path, c)
		if !strings.Contains(page.body, `enctype="multipart/form-data"`) || !strings.Contains(page.body, "Đính kèm bản scan") {
			t.Fatalf("the planner's plan page offers no form to attach a scan")
		}
		res := postFile(t, s, path+"/attachments", filePost{Fields: url.Values{"title": {"Kế hoạch số 99/KH-UBND"}},
			File: scan, Name: "ke-hoach.pdf"}, c)
		page = followed(t, s, res, c)
		for _, want := range []string{"Đã đính kèm tệp.", "Kế hoạch số 99/KH-UBND (ke-hoach.pdf)", `href="/api/v1/attachments/`} {
			if !strings.Contains(page.body, want) {
				t.Errorf("after attaching, the plan page lacks %q", want)
			}
		}
	})
}

func TestAttachPage_AFileThatIsNotAScanIsRefusedInVietnamese(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		c, path := signIn(t, s, "planner.dienbien"), issuedPlan(t, s)
		res := postFile(t, s, path+"/attachments", filePost{File: []byte("MZ\x90\x00 an executable"), Name: "ke-hoach.pdf"}, c)
		if res.StatusCode != http.StatusUnsupportedMediaType || !strings.Contains(res.body, "Chỉ nhận bản scan PDF, JPEG hoặc PNG") {
			t.Errorf("an executable named .pdf answered %d: %.300s", res.StatusCode, textOf(res.body))
		}
		res = postFile(t, s, path+"/attachments", filePost{Fields: url.Values{"title": {"Kế hoạch"}}}, c)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="file-error"`) ||
			!strings.Contains(res.body, `value="Kế hoạch"`) {
			t.Errorf("a form without a file answered %d without the message on the file field or the title kept: %.300s",
				res.StatusCode, textOf(res.body))
		}
	})
}

func TestAttachPage_OnlyTheProvincesPlannerAndApproverAttach(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		path := issuedPlan(t, s)
		for _, user := range []string{"finance.dienbien", "reviewer", "planner.hanoi"} {
			c := signIn(t, s, user)
			if page := get(t, s, path, c); strings.Contains(page.body, "Đính kèm bản scan") {
				t.Errorf("%s is offered to attach a scan to the plan", user)
			}
			res := postFile(t, s, path+"/attachments", filePost{File: scan, Name: "x.pdf"}, c)
			if res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
				t.Errorf("%s attaching a scan answered %d", user, res.StatusCode)
			}
		}
		c := signIn(t, s, "approver.dienbien")
		res := postFile(t, s, path+"/attachments", filePost{File: scan, Name: "x.pdf"}, c)
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("the province's approver attaching a scan answered %d: %.300s", res.StatusCode, textOf(res.body))
		}
	})
}
