package web_test

import (
	"net/http"
	"strings"
	"testing"

	"baove/database"
	"baove/database/dbtest"
	"baove/web/webtest"
)

func TestServer_SendsTheAPIsPathsToTheAPIAndTheRestToThePages(t *testing.T) {
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite))
	for _, c := range []struct {
		method, path string
		status       int
		contentType  string
	}{
		{"GET", "/api/v1/nowhere", 404, "application/problem+json"},
		{"DELETE", "/api/v1/me", 405, "application/problem+json"},
		{"GET", "/api/v1/me", 401, "application/problem+json"},
		{"GET", "/api", 404, "application/problem+json"},
		{"GET", "/healthz", 200, "application/json"},
		{"GET", "/readyz", 200, "application/json"},
		{"GET", "/openapi.json", 200, "application/openapi+json"},
		{"GET", "/openapi.yaml", 200, "application/openapi+yaml"},
		{"GET", "/docs", 200, "text/html"},
		{"GET", "/nowhere", 404, "text/html"},
		{"GET", "/apis", 404, "text/html"},
		{"GET", "/docsx", 404, "text/html"},
		{"PUT", "/signin", 405, "text/html"},
		{"HEAD", "/signin", 200, "text/html"},
		{"GET", "/signin", 200, "text/html"},
	} {
		res := send(t, s, c.method, c.path, nil, nil)
		if res.StatusCode != c.status || !strings.HasPrefix(res.Header.Get("Content-Type"), c.contentType) {
			t.Errorf("%s %s: %d %s, want %d %s", c.method, c.path, res.StatusCode, res.Header.Get("Content-Type"), c.status, c.contentType)
		}
	}
}

func TestPages_ErrorPagesAreInTheReadersLanguage(t *testing.T) {
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite))
	res := get(t, s, "/nowhere")
	if !strings.Contains(res.body, `<html lang="vi">`) || !strings.Contains(res.body, "Không tìm thấy trang") {
		t.Errorf("the 404 page is not in Vietnamese: %s", res.body)
	}
	res = get(t, s, "/nowhere?lang=en")
	if !strings.Contains(res.body, `<html lang="en">`) || !strings.Contains(res.body, "Page not found") {
		t.Errorf("the 404 page is not in English: %s", res.body)
	}
	res = send(t, s, http.MethodDelete, "/password", nil, nil)
	if res.StatusCode != 405 || res.Header.Get("Allow") != "GET, POST" || !strings.Contains(res.body, "Thao tác không được hỗ trợ") {
		t.Errorf("DELETE /password: %d, Allow %q: %s", res.StatusCode, res.Header.Get("Allow"), res.body)
	}
}

func TestHome_SendsTheSignedOutToSignIn(t *testing.T) {
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite))
	if res := get(t, s, "/"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/signin" {
		t.Errorf("/ signed out: %d to %q, want 303 to /signin", res.StatusCode, res.Header.Get("Location"))
	}
	if res := get(t, s, "/password"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/signin?next=%2Fpassword" {
		t.Errorf("/password signed out: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	c := signIn(t, s, "planner.dienbien")
	res := get(t, s, "/", c)
	if res.StatusCode != 200 || !strings.Contains(res.body, "Xin chào, Lò Thị Hoa") {
		t.Errorf("/ signed in: %d %s", res.StatusCode, res.body)
	}
}
