package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"baove/notify/notifytest"
)

func TestServe_SendsNotificationsThroughTheRelay(t *testing.T) {
	relay := notifytest.StartRelay(t)
	env := func(k string) string {
		return map[string]string{"BAOVE_SMTP_URL": relay.URL(), "BAOVE_SMTP_FROM": "baove@so-yte.gov.vn"}[k]
	}
	base := startServe(t, []string{"--data-dir", t.TempDir(), "--demo", "--public-url", "https://baove.example.gov.vn"}, env)
	finance, reviewer := login(t, base, "finance.hanoi", "demo-password"), login(t, base, "reviewer", "demo-password")
	call(t, finance, "PUT", base+"/api/v1/me/notification-address", `{"email":"ke.toan@hanoi.gov.vn"}`, 200)
	call(t, reviewer, "POST", base+"/api/v1/allocations",
		`{"province_code":"01","year":2026,"amount":"250000000","decision_no":"456/QĐ-BYT","decided_on":"2026-11-20"}`, 201)
	deadline := time.Now().Add(30 * time.Second)
	for n, _ := relay.Counts(); n == 0 && time.Now().Before(deadline); n, _ = relay.Counts() {
		time.Sleep(50 * time.Millisecond)
	}
	msgs := relay.Messages()
	if len(msgs) != 1 {
		t.Fatalf("the relay received %d e-mails, want 1", len(msgs))
	}
	for _, want := range []string{"To: ke.toan@hanoi.gov.vn", "From: baove@so-yte.gov.vn", "baove.example.gov.vn/inbox"} {
		if !strings.Contains(msgs[0], want) {
			t.Errorf("the e-mail lacks %q:\n%s", want, msgs[0])
		}
	}
}

func TestServe_RefusesAnSMTPURLWithoutASender(t *testing.T) {
	for _, args := range [][]string{{"--smtp-url", "smtp://relay.example"}, {"--smtp-url", "http://relay.example", "--smtp-from", "a@b.vn"}} {
		err := run(t.Context(), append([]string{"serve", "--data-dir", t.TempDir()}, args...),
			process{getenv: noEnv, stdout: &strings.Builder{}, stderr: &strings.Builder{}})
		if err == nil || !strings.Contains(err.Error(), "--smtp-") {
			t.Errorf("serve %v: %v, want a refusal naming the flag", args, err)
		}
	}
}

// call sends body with token and fails the test unless the answer is want.
func call(t *testing.T, token, method, url, body string, want int) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != want {
		t.Fatalf("%s %s: %d, want %d", method, url, res.StatusCode, want)
	}
}
