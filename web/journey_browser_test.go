package web_test

import (
	"net/http"
	"strings"
	"testing"

	"baove/demo"
	"baove/i18n"
	"baove/indicators"
	"baove/web/webtest"
)

// The whole journey of a plan through the pages, as the people
// make it, in Vietnamese and once in English: the planner drafts and
// submits, the approver returns it, the planner resubmits, the approver
// issues it, the ministry's reviewer requests a revision, the planner is
// told and starts the revision. Every word clicked or typed into is the
// catalogue's, so the test reads the pages as a person of either language.
func TestBrowser_ThePlansWholeJourneyInVietnamese(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) { journey(t, s, i18n.VI) })
}

func TestBrowser_ThePlansWholeJourneyInEnglish(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) { journey(t, s, i18n.EN) })
}

func journey(t *testing.T, s *webtest.Server, lang i18n.Lang) {
	w := func(key string) string { return i18n.Text(lang, key, nil) }
	b := s.Browser(t)
	b.AcceptDialogs()
	b.Open("/signin?lang=" + string(lang))
	as := func(user string) {
		t.Helper()
		b.Click(w("web.signout"))
		if status := b.SignIn(user, demo.Password); status != http.StatusOK {
			t.Fatalf("%s signing in answered %d", user, status)
		}
	}
	ok := func(what string, status int) {
		t.Helper()
		if status != http.StatusOK {
			t.Fatalf("%s answered %d on %s: %q", what, status, b.Path(), b.Text("main"))
		}
		b.CheckAccessibility()
	}

	// The planner drafts the plan and submits it.
	if status := b.SignIn("planner.dienbien", demo.Password); status != http.StatusOK {
		t.Fatalf("signing in answered %d", status)
	}
	ok("the plans", b.Open("/plans"))
	ok("starting the plan", b.Click(w("web.plans.create")))
	plan := b.Path()
	add := `form[action$="/activities"]`
	b.FillIn(add, w("web.plan.field.task_area"), "1.3")
	b.FillIn(add, w("web.plan.field.title"), "Truyền thông Tổng đài 111 tại 129 xã")
	ok("adding the activity", b.Click(w("web.plan.add_activity")))
	line := `form[action$="/lines"]`
	b.FillIn(line, w("web.plan.field.funding_source"), "provincial")
	b.FillIn(line, w("web.plan.field.amount"), "150.000.000")
	ok("adding the line", b.Click(w("web.plan.add_line")))
	target := i18n.Text(lang, "web.plan.target_of", i18n.Args{"indicator": indicatorName(t, s, lang)})
	b.FillIn("#target-CP_COMMUNE_WORKER", target, "100")
	ok("setting the target", b.ClickIn("#target-CP_COMMUNE_WORKER", w("web.plan.save_target")))
	ok("submitting", b.Click(w("web.plan.submit")))
	if got := b.Text(".notice"); got != w("web.plan.done.submitted") {
		t.Errorf("after submitting the page says %q", got)
	}

	// The approver finds it waiting and returns it with a reason.
	as("approver.dienbien")
	ok("the queue", b.Open("/review"))
	ok("the plan's review", b.Click(planTitle(b, plan)))
	typeIn(b, "reason", "Bổ sung hoạt động Tháng hành động vì trẻ em (mục 5.3).")
	ok("returning", b.Click(w("web.review.return")))
	if got := b.Text(".notice"); got != w("web.review.done_returned") {
		t.Errorf("after returning the page says %q", got)
	}
	review := b.Path()

	// The planner reads why, adds what was asked and submits again.
	as("planner.dienbien")
	ok("the returned plan", b.Open(plan))
	if main := b.Text("main"); !strings.Contains(main, "Tháng hành động vì trẻ em (mục 5.3)") {
		t.Errorf("the returned plan does not show the approver's reason: %q", main)
	}
	b.FillIn(add, w("web.plan.field.task_area"), "5.3")
	b.FillIn(add, w("web.plan.field.title"), "Tổ chức Tháng hành động vì trẻ em")
	ok("adding the asked-for activity", b.Click(w("web.plan.add_activity")))
	ok("submitting again", b.Click(w("web.plan.submit")))

	// The approver issues it with the document's number, date and signer.
	as("approver.dienbien")
	ok("the plan's review again", b.Open(review))
	b.FillByLabel(w("web.review.document_no"), "12/KH-UBND")
	b.FillByLabel(w("web.review.signer_name"), "Lường Văn Thắng")
	b.FillByLabel(w("web.review.signer_title"), "Phó Chủ tịch")
	ok("issuing", b.Click(w("web.review.approve")))
	if facts := b.Text(".facts"); !strings.Contains(facts, "12/KH-UBND") || !strings.Contains(facts, "Lường Văn Thắng") {
		t.Errorf("the issued plan's facts: %q", facts)
	}

	// The ministry's reviewer requests a revision on the issued plan.
	as("reviewer")
	ok("the province's plan", b.Open("/provinces/11"+plan))
	b.Eval(`document.getElementById("kind-request").click()`, nil)
	typeIn(b, "text", "Đề nghị bổ sung kinh phí cho các xã còn trống người làm công tác bảo vệ trẻ em.")
	ok("requesting a revision", b.Click(w("web.comment.submit")))

	// The planner is told, and starts the revision the ministry asked for.
	as("planner.dienbien")
	ok("the inbox", b.Open("/inbox"))
	if inbox := b.Text("main"); !strings.Contains(inbox, "Đề nghị bổ sung kinh phí") && !strings.Contains(inbox, "12/KH-UBND") {
		t.Errorf("the planner's inbox tells nothing of the plan: %q", inbox)
	}
	ok("the issued plan", b.Open(plan))
	if main := b.Text("main"); !strings.Contains(main, "Đề nghị bổ sung kinh phí cho các xã") {
		t.Errorf("the plan does not show the ministry's request: %q", main)
	}
	ok("starting the revision", b.Click(w("web.plan.revise")))
	if b.Path() == plan {
		t.Errorf("starting the revision stayed on version 1 (%s)", plan)
	}
}

// indicatorName is the commune-worker indicator's name in lang.
func indicatorName(t *testing.T, s *webtest.Server, lang i18n.Lang) string {
	t.Helper()
	cat, err := s.Services.Indicators.Catalogue(bg)
	must(t, err)
	for _, in := range cat {
		if in.Code == indicators.CommuneWorker {
			if lang == i18n.EN {
				return in.NameEN
			}
			return in.NameVI
		}
	}
	t.Fatal("no commune-worker indicator in the catalogue")
	return ""
}

// planTitle is the title of the plan whose page is path, as the browser
// last showed it (the queue links plans by their title).
func planTitle(b *webtest.Browser, path string) string {
	var title string
	b.Eval(`document.querySelector('a[href$="/review/`+strings.TrimPrefix(path, "/plans/")+`"]').textContent.trim()`, &title)
	return title
}
