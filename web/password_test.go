package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
	"baove/web/webtest"
)

const newPassword = "một câu thật dài của riêng tôi"

func TestPassword_ChangesByTheRulesOfTheAPIAndEndsOtherSessions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := webtest.Start(t, db)
		other, c := signIn(t, s, "planner.hanoi"), signIn(t, s, "planner.hanoi")
		res := post(t, s, "/password", url.Values{"current_password": {"wrong"}, "new_password": {newPassword}}, c)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `<p class="field-error" id="current_password-error">mật khẩu hiện tại không đúng</p>`) {
			t.Errorf("a wrong current password: %d %s", res.StatusCode, res.body)
		}
		res = post(t, s, "/password", url.Values{"current_password": {demo.Password}, "new_password": {"planner.hanoi-2026"}}, c)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="new_password-error">mật khẩu không được chứa tên đăng nhập`) ||
			!strings.Contains(res.body, `aria-invalid="true"`) {
			t.Errorf("a new password holding the username: %d %s", res.StatusCode, res.body)
		}
		res = post(t, s, "/password", url.Values{"current_password": {demo.Password}, "new_password": {newPassword}}, c)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/password?changed=1" {
			t.Fatalf("a good change: %d to %q %s", res.StatusCode, res.Header.Get("Location"), res.body)
		}
		if page := get(t, s, "/password?changed=1", c).body; !strings.Contains(page, "Đã đổi mật khẩu.") {
			t.Errorf("the page does not say the password changed")
		}
		if res := get(t, s, "/", other); res.StatusCode != http.StatusSeeOther {
			t.Errorf("the other session survived the change: %d", res.StatusCode)
		}
		res = post(t, s, "/signin", url.Values{"username": {"planner.hanoi"}, "password": {newPassword}})
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("the new password does not sign in: %d", res.StatusCode)
		}
	})
}
