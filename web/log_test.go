package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"baove/api"
	"baove/app"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
	"baove/web"
	"baove/web/webtest"
)

// logBuffer is a log's output written by several requests at once.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// pageLines returns the access log's lines of the pages by route.
func (l *logBuffer) pageLines(t *testing.T) map[string]map[string]any {
	l.mu.Lock()
	defer l.mu.Unlock()
	lines := map[string]map[string]any{}
	sc := bufio.NewScanner(strings.NewReader(l.b.String()))
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("a log line is not JSON: %q", sc.Text())
		}
		if line["msg"] == "page" {
			lines[line["method"].(string)+" "+line["route"].(string)] = line
		}
	}
	return lines
}

func TestAccessLog_OfThePagesIsJSONWithTheRequestIDAndTheSignedInUser(t *testing.T) {
	svc := app.MustNew(dbtest.MustOpenDB(t, database.SQLite), app.Config{Clock: dbtest.Clock, TokenTTL: time.Hour})
	if err := demo.LoadUsers(context.Background(), svc, io.Discard); err != nil {
		t.Fatal(err)
	}
	var out logBuffer
	log := slog.New(slog.NewJSONHandler(&out, nil))
	ts := httptest.NewServer(web.New(svc, log, web.API(api.New(svc, log, "test"))))
	defer ts.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	s := &webtest.Server{URL: ts.URL, Services: svc, Client: client}

	session := signIn(t, s, "planner.hanoi")
	res := send(t, s, "GET", "/", nil, http.Header{api.RequestIDHeader: {"page-42"}}, session)
	if res.StatusCode != 200 || res.Header.Get(api.RequestIDHeader) != "page-42" {
		t.Fatalf("GET / signed in: %d, request id %q", res.StatusCode, res.Header.Get(api.RequestIDHeader))
	}
	lines := out.pageLines(t)
	home := lines["GET /"]
	if home["request_id"] != "page-42" || home["user"] != "planner.hanoi" || home["status"] != float64(200) {
		t.Errorf("the line of GET /: %v; want request_id page-42, user planner.hanoi, status 200", home)
	}
	if signin := lines["POST /signin"]; signin == nil || signin["user"] != nil || signin["request_id"] == "" {
		t.Errorf("the line of the sign-in: %v; want a request id and no user (no one was signed in yet)", signin)
	}
}
