package web_test

import (
	"strings"
	"testing"

	"baove/demo"
	"baove/web/webtest"
)

func TestBrowser_TheApproverOpensANotificationFromTheInbox(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		tellApprovers(t, s, 1, "")
		b := s.Browser(t)
		b.SignIn("approver.hanoi", demo.Password)
		if got := b.Text(".inbox-link"); !strings.Contains(got, "Thông báo") || !strings.Contains(got, "1") {
			t.Errorf("the header's inbox link says %q, want the count 1", got)
		}
		b.Open("/inbox")
		b.CheckAccessibility()
		b.Click("Đánh dấu đã đọc")
		if b.Path() != "/inbox" || strings.Contains(b.Text(".inbox-link"), "1") {
			t.Errorf("after opening: at %s, header %q", b.Path(), b.Text(".inbox-link"))
		}
		b.CheckAccessibility()
	})
}
