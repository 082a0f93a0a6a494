package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"baove/access"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
	"baove/web"
	"baove/web/webtest"
)

func wrongPassword(t *testing.T, s *webtest.Server, username string) answer {
	t.Helper()
	return post(t, s, "/signin", url.Values{"username": {username}, "password": {"not-the-password"}})
}

func TestSignIn_AnAddressThatFailsTooOftenWaitsAsAtTheAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := webtest.Start(t, db)
		for i := range access.MaxFailures {
			if res := wrongPassword(t, s, "planner.hcm"); res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("failure %d answered %d", i+1, res.StatusCode)
			}
		}
		res := post(t, s, "/signin", url.Values{"username": {"planner.hcm"}, "password": {demo.Password}})
		if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
			t.Fatalf("the right password after %d failures: %d, Retry-After %q, want 429 with it",
				access.MaxFailures, res.StatusCode, res.Header.Get("Retry-After"))
		}
		if !strings.Contains(res.body, "Có quá nhiều lần đăng nhập sai từ địa chỉ của bạn") ||
			!strings.Contains(res.body, `value="planner.hcm"`) {
			t.Errorf("the throttled form does not say why, or lost the username: %s", res.body)
		}
	})
}

func TestHome_TellsTheOwnerOfTheFailuresSinceTheirLastSignIn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := webtest.Start(t, db)
		signIn(t, s, "finance.dienbien")
		quiet := get(t, s, "/", signIn(t, s, "finance.dienbien")).body
		if strings.Contains(quiet, "đăng nhập sai") {
			t.Errorf("home warns without failures")
		}
		wrongPassword(t, s, "finance.dienbien")
		wrongPassword(t, s, "finance.dienbien")
		home := get(t, s, "/", signIn(t, s, "finance.dienbien")).body
		want := "Đã có 2 lần đăng nhập sai vào tài khoản của bạn kể từ lần đăng nhập trước; lần gần nhất lúc 09:00 ngày 28/11/2026, từ địa chỉ 127.0.0.1."
		if !strings.Contains(home, want) {
			t.Errorf("home does not say %q:\n%s", want, home)
		}
		english := get(t, s, "/?lang=en", signIn(t, s, "finance.dienbien")).body
		if strings.Contains(english, "failed attempt") {
			t.Errorf("the failures were told twice")
		}
	})
}

func TestSignIn_ListsTheDemoAccountsOnlyForTheDemo(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	if page := get(t, webtest.Start(t, db), "/signin").body; strings.Contains(page, "planner.dienbien") {
		t.Errorf("the sign-in page lists accounts without the demo")
	}
	d := web.Demo{Password: demo.Password, Users: []web.DemoUser{
		{Username: "planner.dienbien", Role: access.Planner, Province: "11"},
		{Username: "reviewer", Role: access.Reviewer}}}
	page := get(t, webtest.Start(t, db, web.WithDemo(d)), "/signin").body
	for _, want := range []string{"Tài khoản trình diễn", "<code>demo-password</code>", "<code>planner.dienbien</code>",
		"Cán bộ lập kế hoạch", "Điện Biên", "Chuyên viên thẩm định của Bộ", "Toàn quốc"} {
		if !strings.Contains(page, want) {
			t.Errorf("the demo's sign-in page lacks %q", want)
		}
	}
}

func TestPages_SpeakTheLanguageChosenAndRememberIt(t *testing.T) {
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite))
	res := get(t, s, "/signin")
	if !strings.Contains(res.body, `<html lang="vi">`) || !strings.Contains(res.body, `<label for="username">Tên đăng nhập</label>`) ||
		!strings.Contains(res.body, `<label for="password">Mật khẩu</label>`) || !strings.Contains(res.body, ">Đăng nhập</button>") {
		t.Errorf("the sign-in page is not Vietnamese by default: %s", res.body)
	}
	res = get(t, s, "/signin?lang=en")
	lang := cookie(res, "lang")
	if lang == nil || lang.Value != "en" {
		t.Fatalf("?lang=en set no cookie")
	}
	res = get(t, s, "/signin", lang)
	if !strings.Contains(res.body, `<html lang="en">`) || !strings.Contains(res.body, `<label for="username">Username</label>`) ||
		!strings.Contains(res.body, `<label for="password">Password</label>`) || !strings.Contains(res.body, ">Sign in</button>") {
		t.Errorf("the cookie did not keep English: %s", res.body)
	}
	if !strings.Contains(res.body, `href="/signin?lang=vi"`) {
		t.Errorf("no way back to Vietnamese: %s", res.body)
	}
}

func TestPages_ADatabaseDownIs503WithWhenToTryAgain(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := webtest.Start(t, db)
		c := signIn(t, s, "planner.hanoi")
		db.Close()
		for name, res := range map[string]answer{
			"sign-in": post(t, s, "/signin", url.Values{"username": {"planner.hanoi"}, "password": {demo.Password}}),
			"home":    get(t, s, "/", c),
		} {
			if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" ||
				!strings.Contains(res.body, "vui lòng thử lại sau") {
				t.Errorf("%s with the database down: %d, Retry-After %q: %s", name, res.StatusCode, res.Header.Get("Retry-After"), res.body)
			}
		}
		if res := get(t, s, "/signin"); res.StatusCode != 200 {
			t.Errorf("the sign-in page needs the database: %d", res.StatusCode)
		}
	})
}

func TestSignIn_RefusesControlCharactersBeforeAnyRule(t *testing.T) {
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite))
	res := post(t, s, "/signin", url.Values{"username": {"admin\x00"}, "password": {demo.Password}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="username-error"`) {
		t.Errorf("a NUL in the username: %d %s", res.StatusCode, res.body)
	}
}
