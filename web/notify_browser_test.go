package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"baove/attachments"
	"baove/budget"
	"baove/demo"
	"baove/i18n"
	"baove/web/webtest"
)

func TestBrowser_ANotificationReachesTheApproverWhenAPlanIsSubmitted(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		w := func(key string) string { return i18n.Text(i18n.VI, key, nil) }
		b := s.Browser(t)
		b.AcceptDialogs() // submitting asks for a confirmation
		ok := func(what string, status int) {
			t.Helper()
			if status != http.StatusOK {
				t.Fatalf("%s answered %d on %s: %q", what, status, b.Path(), b.Text("main"))
			}
		}
		ok("signing in", b.SignIn("planner.dienbien", demo.Password))
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
		target := i18n.Text(i18n.VI, "web.plan.target_of", i18n.Args{"indicator": indicatorName(t, s, i18n.VI)})
		b.FillIn("#target-CP_COMMUNE_WORKER", target, "100")
		ok("setting the target", b.ClickIn("#target-CP_COMMUNE_WORKER", w("web.plan.save_target")))
		ok("submitting", b.Click(w("web.plan.submit")))

		b.Click(w("web.signout"))
		ok("the approver signing in", b.SignIn("approver.dienbien", demo.Password))
		if badge := b.Text(".inbox-link .badge"); badge != "1" {
			t.Errorf("the header's unread count is %q, want 1", badge)
		}
		ok("the inbox", b.Open("/inbox"))
		b.CheckAccessibility()
		want := "Điện Biên: kế hoạch năm 2026 (phiên bản 1) đã được trình, chờ ban hành."
		if got := b.Text(".inbox-text"); !strings.Contains(got, want) {
			t.Errorf("the inbox says %q, want %q", got, want)
		}
		ok("opening it", b.Click(w("web.inbox.open")))
		if got, want := b.Path(), "/review/"+strings.TrimPrefix(plan, "/plans/"); got != want {
			t.Errorf("opening it went to %s, want the plan's review %s", got, want)
		}
		if got := b.Text(".inbox-link"); strings.ContainsAny(got, "0123456789") {
			t.Errorf("the header still counts unread notifications: %q", got)
		}
	})
}

func TestBrowser_TheLedgerEntryPageIsAccessible(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		loadDemo(t, s)
		p, err := s.Services.Budget.LedgerPage(context.Background(), financeDienBien,
			budget.LedgerFilter{Province: "11", Year: 2026, Kind: budget.Payment, Limit: 1})
		if err != nil || len(p.Entries) == 0 {
			t.Fatal(err)
		}
		id := p.Entries[0].ID
		_, err = s.Services.Attachments.Add(context.Background(), financeDienBienUser(t, s), attachments.Upload{
			Owner: attachments.DisbursementOwner(id), FileName: "phieu-chi.pdf", Title: "Phiếu chi có chữ ký",
			Content: []byte("%PDF-1.7\n%%EOF\n")})
		if err != nil {
			t.Fatal(err)
		}
		b := s.Browser(t)
		b.SignIn("finance.dienbien", demo.Password)
		if status := b.Open("/ledger/" + strconv.FormatInt(id, 10)); status != http.StatusOK {
			t.Fatalf("the entry's page answered %d", status)
		}
		if files := b.Text("main"); !strings.Contains(files, "phieu-chi.pdf") {
			t.Errorf("the entry's page does not list its scan: %q", files)
		}
		b.CheckAccessibility()
		b.Open("/ledger?year=2026")
		b.CheckAccessibility()
	})
}
