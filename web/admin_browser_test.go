package web_test

import (
	"net/http"
	"strings"
	"testing"

	"baove/demo"
	"baove/web/webtest"
)

// The administrator creates a planner of Điện Biên through the pages; the
// planner signs in with the password given and lands on a planner's home.
// Every administrator's page on the way is checked with axe-core.
func TestBrowser_TheAdminCreatesAUserWhoThenSignsIn(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		b := s.Browser(t)
		if status := b.SignIn("admin", demo.Password); status != http.StatusOK {
			t.Fatalf("the administrator signing in answered %d", status)
		}
		b.CheckAccessibility()
		if got := b.Text(".menu"); !strings.Contains(got, "Người dùng") || !strings.Contains(got, "Chỉ tiêu") {
			t.Errorf("the administrator's menu reads %q", got)
		}
		if status := b.Open("/admin/users"); status != http.StatusOK {
			t.Fatalf("the users: %d at %s", status, b.Path())
		}
		b.CheckAccessibility()
		create := `form[action="/admin/users"]`
		b.FillIn(create, "Tên đăng nhập", "ke.hoach.muongnhe")
		b.FillIn(create, "Họ và tên", "Giàng A Páo")
		b.FillIn(create, "Vai trò", "planner")
		b.FillIn(create, "Tỉnh, thành phố", "11")
		b.FillIn(create, "Mật khẩu", "ngắn")
		if status := b.Click("Tạo người dùng"); status != http.StatusUnprocessableEntity {
			t.Fatalf("a short password answered %d", status)
		}
		if got := b.Text("#password-error"); !strings.Contains(got, "ít nhất 12 ký tự") {
			t.Errorf("the password's field says %q", got)
		}
		b.CheckAccessibility()
		b.FillIn(create, "Mật khẩu", "sương sớm trên đồi chè")
		if status := b.Click("Tạo người dùng"); status != http.StatusOK {
			t.Fatalf("creating answered %d: %q", status, b.Text("main"))
		}
		if got := b.Text(`[role="status"]`); got != "Đã tạo tài khoản ke.hoach.muongnhe." {
			t.Errorf("after creating, the page says %q", got)
		}
		if status := b.Click("ke.hoach.muongnhe"); status != http.StatusOK {
			t.Fatalf("the new user's page answered %d", status)
		}
		if got := b.Text("main"); !strings.Contains(got, "Tạo tài khoản") || !strings.Contains(got, "Điện Biên") {
			t.Errorf("the new user's page lacks its creation or province: %q", got)
		}
		b.CheckAccessibility()
		checkAdminPages(t, b)
		b.Click("Đăng xuất")
		if status := b.SignIn("ke.hoach.muongnhe", "sương sớm trên đồi chè"); status != http.StatusOK || b.Path() != "/" {
			t.Fatalf("the new planner signing in: %d at %s", status, b.Path())
		}
		if got := b.Text("h1"); !strings.Contains(got, "Giàng A Páo") {
			t.Errorf("the home greets %q", got)
		}
		if got := b.Text(".who"); !strings.Contains(got, "Cán bộ lập kế hoạch") || !strings.Contains(got, "Điện Biên") {
			t.Errorf("the header says %q, want a planner of Điện Biên", got)
		}
		if got := b.Text(".menu"); !strings.Contains(got, "Kế hoạch") || strings.Contains(got, "Người dùng") {
			t.Errorf("the planner's menu reads %q", got)
		}
		b.CheckAccessibility()
	})
}

// checkAdminPages opens the task areas, one task area, the indicators and
// an indicator's due date, and checks each with axe-core.
func checkAdminPages(t *testing.T, b *webtest.Browser) {
	t.Helper()
	for _, path := range []string{"/admin/task-areas", "/admin/task-areas/1.3", "/admin/indicators",
		"/admin/indicators/CP_ABUSE_CASES"} {
		if status := b.Open(path); status != http.StatusOK {
			t.Fatalf("%s answered %d", path, status)
		}
		b.CheckAccessibility()
	}
}
