package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"baove/api"
	"baove/demo"
	"baove/web/webtest"
)

// answer is a response with its body read.
type answer struct {
	*http.Response
	body string
}

// send sends a request to the server as it is (no redirect followed), with
// the cookies given, and reads the answer.
func send(t *testing.T, s *webtest.Server, method, path string, form url.Values, header http.Header, cookies ...*http.Cookie) answer {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, s.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	res, err := s.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{Response: res, body: string(b)}
}

func get(t *testing.T, s *webtest.Server, path string, cookies ...*http.Cookie) answer {
	t.Helper()
	return send(t, s, http.MethodGet, path, nil, nil, cookies...)
}

func post(t *testing.T, s *webtest.Server, path string, form url.Values, cookies ...*http.Cookie) answer {
	t.Helper()
	return send(t, s, http.MethodPost, path, form, nil, cookies...)
}

// signIn signs in by the form and returns the session cookie.
func signIn(t *testing.T, s *webtest.Server, username string) *http.Cookie {
	t.Helper()
	res := post(t, s, "/signin", url.Values{"username": {username}, "password": {demo.Password}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("signing in as %s answered %d: %s", username, res.StatusCode, res.body)
	}
	c := cookie(res, api.SessionCookie)
	if c == nil || c.Value == "" {
		t.Fatalf("signing in as %s set no session cookie", username)
	}
	return c
}

// cookie returns the cookie name that res sets, or nil.
func cookie(res answer, name string) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}
