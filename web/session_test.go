package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
	"baove/web"
	"baove/web/webtest"
)

func TestSignIn_TheCookieIsHttpOnlyLaxAndSecureWhenAsked(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	c := signIn(t, webtest.Start(t, db), "planner.hanoi")
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure || c.MaxAge != 0 || !c.Expires.IsZero() {
		t.Errorf("over HTTP: %+v, want HttpOnly, SameSite=Lax, Path=/, not Secure, ending with the browser", c)
	}
	c = signIn(t, webtest.Start(t, db, web.SecureCookies(true)), "planner.hanoi")
	if !c.Secure {
		t.Errorf("with SecureCookies: %+v, want Secure", c)
	}
}

func TestSignIn_SendsTheReaderBackWhereTheyWereGoingOnThisSiteOnly(t *testing.T) {
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite))
	for next, want := range map[string]string{
		"/password":                  "/password",
		"//elsewhere.example/":       "/",
		"https://elsewhere.example/": "/",
		`/\elsewhere.example`:        "/",
		"":                           "/",
	} {
		res := post(t, s, "/signin", url.Values{"username": {"admin"}, "password": {demo.Password}, "next": {next}})
		if got := res.Header.Get("Location"); got != want {
			t.Errorf("next %q: sent to %q, want %q", next, got, want)
		}
	}
}

func TestSession_TheCookieReadsTheAPIButNeverWritesIt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := webtest.Start(t, db)
		c := signIn(t, s, "planner.dienbien")
		if res := get(t, s, "/api/v1/me", c); res.StatusCode != 200 || !strings.Contains(res.body, `"planner.dienbien"`) {
			t.Errorf("GET /api/v1/me with the cookie: %d %s", res.StatusCode, res.body)
		}
		res := send(t, s, http.MethodPost, "/api/v1/auth/logout", nil, nil, c)
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("POST /api/v1/auth/logout with the cookie only: %d, want 401", res.StatusCode)
		}
		bearer := http.Header{"Authorization": {"Bearer " + c.Value}}
		if res := send(t, s, http.MethodPost, "/api/v1/auth/logout", nil, bearer, c); res.StatusCode >= 300 {
			t.Errorf("POST /api/v1/auth/logout with the token as a bearer: %d %s", res.StatusCode, res.body)
		}
		if res := get(t, s, "/api/v1/me", c); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("the cookie of a session logged out still reads: %d", res.StatusCode)
		}
	})
}

func TestSignOut_RevokesTheSessionAndForgetsTheCookie(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := webtest.Start(t, db)
		c := signIn(t, s, "finance.hanoi")
		res := post(t, s, "/signout", url.Values{}, c)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/signin" {
			t.Fatalf("sign-out: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		if gone := cookie(res, api.SessionCookie); gone == nil || gone.MaxAge >= 0 {
			t.Errorf("sign-out did not remove the cookie: %+v", gone)
		}
		if res := get(t, s, "/", c); res.StatusCode != http.StatusSeeOther {
			t.Errorf("the old cookie still opens home: %d", res.StatusCode)
		} else if gone := cookie(res, api.SessionCookie); gone == nil || gone.MaxAge >= 0 {
			t.Errorf("a dead session's cookie is not removed: %+v", gone)
		}
		if res := get(t, s, "/api/v1/me", c); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("the old cookie still reads the API: %d", res.StatusCode)
		}
	})
}

func TestPages_RefuseChangesSentFromOtherSites(t *testing.T) {
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite))
	c := signIn(t, s, "planner.hanoi")
	for _, h := range []http.Header{
		{"Sec-Fetch-Site": {"cross-site"}},
		{"Sec-Fetch-Site": {"same-site"}},
		{"Origin": {"https://elsewhere.example"}},
	} {
		res := send(t, s, http.MethodPost, "/signout", url.Values{}, h, c)
		if res.StatusCode != http.StatusForbidden || !strings.Contains(res.body, "trang web khác") {
			t.Errorf("POST /signout with %v: %d, want 403 explained", h, res.StatusCode)
		}
	}
	if res := get(t, s, "/", c); res.StatusCode != 200 {
		t.Errorf("a refused sign-out ended the session: / answers %d", res.StatusCode)
	}
}

func TestSignIn_AgainEndsTheSessionItReplaces(t *testing.T) {
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite))
	first := signIn(t, s, "planner.hanoi")
	res := post(t, s, "/signin", url.Values{"username": {"finance.hanoi"}, "password": {demo.Password}}, first)
	if res.StatusCode != http.StatusSeeOther || cookie(res, api.SessionCookie) == nil {
		t.Fatalf("signing in over a session: %d", res.StatusCode)
	}
	if res := get(t, s, "/api/v1/me", first); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the replaced session still reads: %d", res.StatusCode)
	}
}
