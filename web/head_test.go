package web_test

import (
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"baove/database"
	"baove/database/dbtest"
	"baove/web"
	"baove/web/webtest"
)

func TestHEAD_AnswersEveryPageGETWithItsStatusAndNoBody(t *testing.T) {
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite))
	routes := web.New(s.Services, slog.New(slog.DiscardHandler)).PageGETs()
	if len(routes) < 3 {
		t.Fatalf("GET routes: %v", routes)
	}
	signedIn := signIn(t, s, "planner.hanoi")
	for _, route := range routes {
		path := strings.ReplaceAll(route, "{name}", "missing.css")
		for _, cookies := range [][]*http.Cookie{nil, {signedIn}} {
			get := send(t, s, http.MethodGet, path, nil, nil, cookies...)
			head := send(t, s, http.MethodHead, path, nil, nil, cookies...)
			if head.StatusCode != get.StatusCode || head.body != "" || head.StatusCode == http.StatusMethodNotAllowed {
				t.Errorf("HEAD %s (signed in: %v): %d with %d bytes; GET: %d", path, cookies != nil, head.StatusCode,
					len(head.body), get.StatusCode)
			}
		}
	}
}
