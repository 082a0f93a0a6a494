package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"baove/database"
	"baove/database/dbtest"
	"baove/web"
	"baove/web/webtest"
)

func TestPages_CarryTheSecurityHeaders(t *testing.T) {
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite))
	c := signIn(t, s, "planner.hanoi")
	for _, path := range []string{"/signin", "/", "/password", "/nowhere"} {
		h := get(t, s, path, c).Header
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: the policy %q lacks %s", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-") {
			t.Errorf("%s: the policy allows something unsafe: %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "same-origin" {
			t.Errorf("%s: X-Content-Type-Options %q, Referrer-Policy %q", path, h.Get("X-Content-Type-Options"), h.Get("Referrer-Policy"))
		}
		if h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q; a page must not outlive its session in a cache", path, h.Get("Cache-Control"))
		}
	}
}

var assetRE = regexp.MustCompile(`/static/[a-z]+\.[0-9a-f]{10}\.(css|js|svg)`)

func TestStatic_AssetsAreServedByHashForAYear(t *testing.T) {
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite))
	urls := assetRE.FindAllString(get(t, s, "/signin").body, -1)
	if len(urls) < 3 {
		t.Fatalf("the sign-in page links %v, want the style sheet, the script and the icon", urls)
	}
	for _, u := range urls {
		res := get(t, s, u)
		if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Cache-Control"), "max-age=31536000") ||
			!strings.Contains(res.Header.Get("Cache-Control"), "immutable") || res.Header.Get("Content-Type") == "" {
			t.Errorf("%s: %d, Cache-Control %q, Content-Type %q", u, res.StatusCode, res.Header.Get("Cache-Control"), res.Header.Get("Content-Type"))
		}
	}
	if res := get(t, s, "/static/app.0000000000.css"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an asset under an old hash answered %d, want 404", res.StatusCode)
	}
}

// A reference to another host: an absolute or protocol-relative URL in an
// attribute, url(), @import or a script's string, except the SVG namespace.
var elsewhereRE = regexp.MustCompile(`(?i)(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}|@import|url\(\s*['"]?(?:https?:)?//`)

func TestPages_ReferToNothingOnOtherHosts(t *testing.T) {
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite), web.WithDemo(web.Demo{Password: "pw"}))
	var texts = map[string]string{}
	for _, u := range []string{"planner.hanoi", "finance.dienbien", "reviewer", "admin"} {
		c := signIn(t, s, u)
		for _, path := range []string{"/", "/password", "/nowhere"} {
			texts[u+" "+path] = get(t, s, path, c).body
		}
	}
	texts["/signin"] = get(t, s, "/signin").body
	for _, u := range assetRE.FindAllString(texts["/signin"], -1) {
		texts[u] = strings.ReplaceAll(get(t, s, u).body, `xmlns="http://www.w3.org/2000/svg"`, "")
	}
	for name, text := range texts {
		if m := elsewhereRE.FindString(text); m != "" {
			t.Errorf("%s refers to another host: %s", name, m)
		}
	}
}
