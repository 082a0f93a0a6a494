package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"baove/demo"
	"baove/web/webtest"
)

// These tests drive Chromium through the pages as a person would, on both
// engines; every browser also fails its test on a request to another host
// or an error in the console (see webtest).

func TestBrowser_SignsInWithTheKeyboardOnlyInVietnamese(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		b := s.Browser(t)
		b.Open("/")
		if got := b.Path(); !strings.HasPrefix(got, "/signin") {
			t.Fatalf("signed out, / shows %s, want the sign-in page", got)
		}
		b.TabTo("Tên đăng nhập", 10)
		b.Press("planner.dienbien")
		b.TabTo("Mật khẩu", 1)
		b.Press(demo.Password)
		if status := b.PressEnter(); status != http.StatusOK || b.Path() != "/" {
			t.Fatalf("Enter landed on %s with %d, want / with 200", b.Path(), status)
		}
		if h1 := b.Text("h1"); h1 != "Xin chào, Lò Thị Hoa" {
			t.Errorf("home says %q", h1)
		}
		if header := b.Text("header"); !strings.Contains(header, "Cán bộ lập kế hoạch") || !strings.Contains(header, "Điện Biên") {
			t.Errorf("the header names neither the role nor the province in words: %q", header)
		}
		b.CheckAccessibility()
	})
}

func TestBrowser_SignsInInEnglish(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		b := s.Browser(t)
		b.Open("/signin?lang=en")
		if h1 := b.Text("h1"); h1 != "Sign in" {
			t.Fatalf("the English sign-in page says %q", h1)
		}
		b.FillByLabel("Username", "reviewer")
		b.FillByLabel("Password", demo.Password)
		if status := b.Click("Sign in"); status != http.StatusOK {
			t.Fatalf("signing in answered %d", status)
		}
		var lang string
		b.Eval(`document.documentElement.lang`, &lang)
		if lang != "en" || !strings.Contains(b.Text("header"), "Ministry reviewer") {
			t.Errorf("after signing in in English: lang %q, header %q", lang, b.Text("header"))
		}
		if !strings.Contains(b.Text("main"), "National summary for 2026 (PDF)") {
			t.Errorf("the reviewer's home lacks the national report: %q", b.Text("main"))
		}
	})
}

func TestBrowser_AWrongPasswordIsToldOnTheFormInVietnamese(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		b := s.Browser(t)
		b.Open("/signin")
		b.FillByLabel("Tên đăng nhập", "planner.dienbien")
		b.FillByLabel("Mật khẩu", "not-the-password")
		if status := b.Click("Đăng nhập"); status != http.StatusUnauthorized {
			t.Errorf("a wrong password answered %d, want 401", status)
		}
		if msg := b.Text(".error-summary"); msg != "Sai tên đăng nhập hoặc mật khẩu." {
			t.Errorf("the form says %q", msg)
		}
		var kept string
		b.Eval(`document.getElementById("username").value`, &kept)
		if kept != "planner.dienbien" {
			t.Errorf("the username typed was not kept: %q", kept)
		}
		b.CheckAccessibility()
	})
}

func TestBrowser_SignsOutAndTheSessionEnds(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		b := s.Browser(t)
		if status := b.SignIn("finance.hcm", demo.Password); status != http.StatusOK || b.Path() != "/" {
			t.Fatalf("signing in landed on %s with %d", b.Path(), status)
		}
		if status := b.Click("Đăng xuất"); status != http.StatusOK || !strings.HasPrefix(b.Path(), "/signin") {
			t.Fatalf("signing out landed on %s with %d", b.Path(), status)
		}
		b.Open("/password")
		if !strings.HasPrefix(b.Path(), "/signin") {
			t.Errorf("after signing out /password shows %s", b.Path())
		}
	})
}

func TestBrowser_ACrossOriginFormIsRefused(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		b := s.Browser(t)
		b.SignIn("planner.hanoi", demo.Password)
		// Another site's page whose form signs the reader out of this one.
		evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `<!doctype html><html lang="en"><title>elsewhere</title><form method="post" action="%s/signout"><button>Win a prize</button></form></html>`, s.URL)
		}))
		defer evil.Close()
		b.Allow(evil.URL)
		b.Open(evil.URL)
		if status := b.Click("Win a prize"); status != http.StatusForbidden {
			t.Errorf("the other site's form answered %d, want 403", status)
		}
		if !strings.Contains(b.Text("main"), "trang web khác") {
			t.Errorf("the refusal says %q", b.Text("main"))
		}
		b.Open("/")
		if b.Path() != "/" {
			t.Errorf("the other site's form signed the reader out: / shows %s", b.Path())
		}
	})
}

func TestBrowser_PagesAreAccessible(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		b := s.Browser(t)
		b.Open("/signin")
		b.CheckAccessibility()
		b.Open("/nowhere")
		b.CheckAccessibility()
		b.SignIn("admin", demo.Password)
		b.CheckAccessibility()
		b.Open("/password")
		b.CheckAccessibility()
		b.FillByLabel("Mật khẩu hiện tại", demo.Password)
		b.FillByLabel("Mật khẩu mới", "ngắn quá")
		if status := b.Click("Đổi mật khẩu"); status != http.StatusUnprocessableEntity {
			t.Errorf("a short new password answered %d, want 422", status)
		}
		if msg := b.Text(".field-error"); msg != "mật khẩu cần ít nhất 12 ký tự" {
			t.Errorf("the new password's field says %q", msg)
		}
		b.CheckAccessibility()
		b.Open("/nowhere")
		b.CheckAccessibility()
	})
}
