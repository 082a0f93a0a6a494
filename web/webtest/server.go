// Package webtest runs the whole service for the tests of the pages: the
// real server over a test database (Start, Run), and a headless Chromium
// that a test drives as a person would (Server.Browser): open a page, fill
// a field by its label, click a button by its words, read the page, check it
// with axe-core. A browser fails its test on any request the pages make to
// another host and on any error in the console.
//
// The browser tests skip where Chromium is not installed, and fail when
// BAOVE_TEST_CHROMIUM is set (as CI sets it) and it is not; the
// accessibility checks read axe-core from the file BAOVE_TEST_AXE names
// (.ci/run installs it from npm) and are skipped without it, except when
// BAOVE_TEST_CHROMIUM is set.
package webtest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"baove/api"
	"baove/app"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
	"baove/web"
)

// Server is the service as `baove serve` wires it (the pages, the API behind
// them) over a test database that holds the demo users, whose password is
// demo.Password.
type Server struct {
	URL      string
	Services *app.Services
	// Client sends requests without following redirects and without
	// cookies, so that a test sees each answer as it is.
	Client *http.Client
}

// Start starts the service over db, with more options of the pages, and
// stops it when the test ends. Its clock is dbtest.Clock.
func Start(t testing.TB, db *database.DB, opts ...web.Option) *Server {
	t.Helper()
	svc := app.MustNew(db, app.Config{Clock: dbtest.Clock, TokenTTL: time.Hour, Ministry: "Bộ Y tế"})
	if err := demo.LoadUsers(context.Background(), svc, io.Discard); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	opts = append([]web.Option{web.API(api.New(svc, log, "test"))}, opts...)
	ts := httptest.NewServer(web.New(svc, log, opts...))
	t.Cleanup(ts.Close)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &Server{URL: ts.URL, Services: svc, Client: client}
}

// Run runs fn once per engine (see dbtest.Run), each on its own server.
func Run(t *testing.T, fn func(t *testing.T, s *Server), opts ...web.Option) {
	t.Helper()
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		fn(t, Start(t, db, opts...))
	})
}
