package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"baove/access"
	"baove/demo"
	"baove/web/webtest"
)

// userID returns the id of the demo user username.
func userID(t *testing.T, s *webtest.Server, username string) string {
	t.Helper()
	u, err := s.Services.Access.UserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(u.ID, 10)
}

func TestAdminUsers_ListsTheAccountsToTheAdministratorOnly(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		admin := signIn(t, s, "admin")
		res := get(t, s, "/admin/users", admin)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("the administrator opens the users: %d", res.StatusCode)
		}
		for _, want := range []string{"planner.hanoi", "Thành phố Hà Nội", "Cán bộ lập kế hoạch", "Đang hoạt động",
			`<label for="password">Mật khẩu</label>`, `href="/admin/users"`} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the users page lacks %q", want)
			}
		}
		for _, path := range []string{"/admin/users", "/admin/users/" + userID(t, s, "admin")} {
			if res := get(t, s, path, signIn(t, s, "planner.hanoi")); res.StatusCode != http.StatusForbidden {
				t.Errorf("a planner opens %s: %d, want 403", path, res.StatusCode)
			}
		}
		res = post(t, s, "/admin/users", url.Values{"username": {"x.y.z"}}, signIn(t, s, "reviewer"))
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("a reviewer creates a user: %d, want 403", res.StatusCode)
		}
	})
}

func TestAdminUsers_CreatesAPlannerWhoSignsInAndShowsThePasswordRuleOnItsField(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		admin := signIn(t, s, "admin")
		form := url.Values{"username": {"ke.hoach.moi"}, "full_name": {"Lò Văn Mới"}, "role": {"planner"},
			"province_code": {"11"}, "password": {"ngắn quá"}}
		res := post(t, s, "/admin/users", form, admin)
		if res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, `id="password-error">mật khẩu cần ít nhất 12 ký tự`) ||
			!strings.Contains(res.body, `value="ke.hoach.moi"`) {
			t.Fatalf("a short password: %d, want 422 with the rule on the field and the username kept:\n%s", res.StatusCode, res.body)
		}
		form.Set("password", "mây trắng bay về núi")
		res = post(t, s, "/admin/users", form, admin)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/users?created=ke.hoach.moi" {
			t.Fatalf("creating: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		if page := get(t, s, res.Header.Get("Location"), admin).body; !strings.Contains(page, "Đã tạo tài khoản ke.hoach.moi.") ||
			!strings.Contains(page, "Lò Văn Mới") {
			t.Errorf("the list does not say the account was created")
		}
		res = post(t, s, "/signin", url.Values{"username": {"ke.hoach.moi"}, "password": {"mây trắng bay về núi"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the new planner signs in: %d", res.StatusCode)
		}
		res = post(t, s, "/admin/users", url.Values{"username": {"ke.hoach.moi"}, "full_name": {"Ai Đó"}, "role": {"planner"},
			"province_code": {""}, "password": {"mây trắng bay về núi"}}, admin)
		if res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, `id="province_code-error">vai trò Cán bộ lập kế hoạch thuộc một tỉnh`) {
			t.Errorf("a planner without a province: %d, want 422 on the province", res.StatusCode)
		}
	})
}

func TestAdminUser_ChangesTheRoleResetsThePasswordAndRefusesToDisableTheLastAdministrator(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		admin := signIn(t, s, "admin")
		page := "/admin/users/" + userID(t, s, "planner.dienbien")
		res := post(t, s, page+"/edit", url.Values{"full_name": {"Lò Thị Hoa"}, "role": {"approver"}, "province_code": {"11"}}, admin)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != page+"?done=edit" {
			t.Fatalf("changing the role: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		body := get(t, s, page+"?done=edit", admin).body
		for _, want := range []string{"Đã lưu vai trò và tỉnh.", "Lãnh đạo", "Thay đổi tài khoản", "<code>admin</code>"} {
			if !strings.Contains(body, want) {
				t.Errorf("after the change the page lacks %q", want)
			}
		}
		res = post(t, s, page+"/password", url.Values{"password": {"planner.dienbien-2026"}}, admin)
		if res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, `id="password-error">mật khẩu không được chứa tên đăng nhập`) {
			t.Errorf("a password holding the username: %d, want 422 on the field", res.StatusCode)
		}
		newPassword := url.Values{"password": {"mưa rơi trên phố cổ"}}
		if res = post(t, s, page+"/password", newPassword, admin); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("resetting the password: %d", res.StatusCode)
		}
		newPassword.Set("username", "planner.dienbien")
		if res = post(t, s, "/signin", newPassword); res.StatusCode != http.StatusSeeOther {
			t.Errorf("signing in with the new password: %d", res.StatusCode)
		}
		self := "/admin/users/" + userID(t, s, "admin")
		res = post(t, s, self+"/disable", nil, admin)
		if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "admin là tài khoản quản trị cuối cùng đang hoạt động") {
			t.Errorf("disabling the last administrator: %d, want 409 with the refusal:\n%s", res.StatusCode, res.body)
		}
		if res = post(t, s, page+"/disable", nil, admin); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("disabling: %d", res.StatusCode)
		}
		if body := get(t, s, page+"?done=disable", admin).body; !strings.Contains(body, "Đã khoá tài khoản.") ||
			!strings.Contains(body, "Mở khoá tài khoản") {
			t.Errorf("the page does not say the account is disabled")
		}
		if res := get(t, s, "/admin/users/999999", admin); res.StatusCode != http.StatusNotFound {
			t.Errorf("an unknown user: %d, want 404", res.StatusCode)
		}
	})
}

func TestAdminUser_LiftsAThrottleSoThatTheUserSignsInAndAuditsIt(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		admin := signIn(t, s, "admin")
		for range access.MaxFailures {
			post(t, s, "/signin", url.Values{"username": {"planner.hanoi"}, "password": {"không phải mật khẩu"}})
		}
		right := url.Values{"username": {"planner.hanoi"}, "password": {demo.Password}}
		if res := post(t, s, "/signin", right); res.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("the right password while throttled: %d, want 429", res.StatusCode)
		}
		if list := get(t, s, "/admin/users", admin).body; !strings.Contains(list, "Đang bị hạn chế") {
			t.Errorf("the list does not show the throttle")
		}
		page := "/admin/users/" + userID(t, s, "planner.hanoi")
		if body := get(t, s, page, admin).body; !strings.Contains(body, "Đăng nhập sai 5 lần trong 15 phút qua.") {
			t.Errorf("the user's page does not show the failures:\n%s", body)
		}
		res := post(t, s, page+"/lift", nil, admin)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != page+"?done=lift" {
			t.Fatalf("lifting: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		body := get(t, s, page+"?done=lift", admin).body
		for _, want := range []string{"Đã bỏ hạn chế đăng nhập", "<td>Bỏ hạn chế đăng nhập</td>", "<td>Đăng nhập sai</td>"} {
			if !strings.Contains(body, want) {
				t.Errorf("after the lift the page lacks %q", want)
			}
		}
		if res := post(t, s, "/signin", right); res.StatusCode != http.StatusSeeOther {
			t.Errorf("the right password after the lift: %d, want 303", res.StatusCode)
		}
	})
}

func TestAdminHome_SaysWhichAccountsAreThrottledAndLinksEveryAdministratorsPage(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		admin, planner := signIn(t, s, "admin"), signIn(t, s, "planner.hanoi") // before the failures throttle the address
		home := get(t, s, "/", admin).body
		for _, want := range []string{"Không có tài khoản nào đang bị hạn chế đăng nhập", `href="/admin/users"`,
			`href="/admin/task-areas"`, `href="/admin/indicators"`} {
			if !strings.Contains(home, want) {
				t.Errorf("the administrator's home lacks %q", want)
			}
		}
		for range access.FreeFailures {
			post(t, s, "/signin", url.Values{"username": {"finance.hanoi"}, "password": {"không phải mật khẩu"}})
		}
		home = get(t, s, "/", admin).body
		want := `href="/admin/users/` + userID(t, s, "finance.hanoi") +
			`">Tài khoản finance.hanoi đang bị hạn chế đăng nhập (5 lần sai`
		if !strings.Contains(home, want) {
			t.Errorf("the home does not link the throttled account:\n%s", home)
		}
		if home := get(t, s, "/", planner).body; strings.Contains(home, "/admin/") {
			t.Errorf("a planner's home links the administrator's pages")
		}
	})
}
