package main

import (
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

func TestServe_ServesThePagesAndTheAPIOnOneListener(t *testing.T) {
	getenv := func(k string) string {
		if k == "BAOVE_SECURE_COOKIES" {
			return "true"
		}
		return adminPassword(k)
	}
	base := startServe(t, []string{"--data-dir", filepath.Join(t.TempDir(), "data")}, getenv)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(base + "/")
	if err != nil || res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/signin" {
		t.Fatalf("/: %v %v, want 303 to /signin", res, err)
	}
	res, err = client.Get(base + "/api/v1/nowhere")
	if err != nil || res.StatusCode != 404 || res.Header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("/api/v1/nowhere: %v %v, want a 404 problem", res, err)
	}
	res, err = client.PostForm(base+"/signin", url.Values{"username": {"admin"}, "password": {"start-up password"}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("signing in by the form: %v %v", res, err)
	}
	if set := res.Header.Get("Set-Cookie"); !strings.Contains(set, "baove_session=") || !strings.Contains(set, "Secure") {
		t.Errorf("with BAOVE_SECURE_COOKIES the session cookie is %q, want Secure", set)
	}
}
