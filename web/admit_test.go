package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"baove/admit"
	"baove/api"
	"baove/app"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
	"baove/web"
	"baove/web/webtest"
)

func TestPageWithNoTurnAnswers503WithRetryAfterAndAPageInVietnamese(t *testing.T) {
	svc := app.MustNew(dbtest.MustOpenDB(t, database.SQLite), app.Config{Clock: dbtest.Clock, TokenTTL: time.Hour})
	if err := demo.LoadUsers(context.Background(), svc, io.Discard); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	gate := admit.New(1, 20*time.Millisecond)
	ts := httptest.NewServer(web.New(svc, log, web.API(api.New(svc, log, "test", api.Admit(gate))), web.Admit(gate)))
	defer ts.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	s := &webtest.Server{URL: ts.URL, Services: svc, Client: client}
	session := signIn(t, s, "planner.hanoi") // a write: it never waits for a turn

	leave, err := gate.Enter(t.Context()) // another request holds the only turn
	if err != nil {
		t.Fatal(err)
	}
	res := get(t, s, "/", session)
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "1" ||
		!strings.Contains(res.body, "nhiều yêu cầu cùng lúc") {
		t.Fatalf("a page with no turn: %d, Retry-After %q\n%s", res.StatusCode, res.Header.Get("Retry-After"), res.body)
	}
	css := regexp.MustCompile(`/static/app\.[0-9a-f]+\.css`).FindString(res.body)
	if css == "" {
		t.Fatal("the busy page links no style sheet")
	}
	if res := get(t, s, css); res.StatusCode != http.StatusOK {
		t.Fatalf("a static file waited for a turn: %d", res.StatusCode)
	}
	leave()
	if res := get(t, s, "/", session); res.StatusCode != http.StatusOK {
		t.Fatalf("a page with its turn: %d", res.StatusCode)
	}
}
