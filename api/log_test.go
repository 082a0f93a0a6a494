package api_test

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

	"baove/api"
	"baove/app"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
)

// lockedBuffer is a log that servers write to from their goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestAccessLog_IsJSONWithTheRequestIDAndTheSignedInUser(t *testing.T) {
	svc := app.MustNew(dbtest.MustOpenDB(t, database.SQLite), app.Config{Clock: dbtest.Clock})
	if err := demo.LoadUsers(context.Background(), svc, io.Discard); err != nil {
		t.Fatal(err)
	}
	var log lockedBuffer
	ts := httptest.NewServer(api.New(svc, slog.New(slog.NewJSONHandler(&log, nil)), "test"))
	defer ts.Close()
	res, err := http.Post(ts.URL+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"username":"planner.hanoi","password":"`+demo.Password+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	var session struct{ Token string }
	json.NewDecoder(res.Body).Decode(&session)
	res.Body.Close()
	req, _ := http.NewRequest("GET", ts.URL+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+session.Token)
	req.Header.Set("X-Request-Id", "req-42")
	if res, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()

	lines := map[string]map[string]any{}
	sc := bufio.NewScanner(strings.NewReader(log.String()))
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("a log line is not JSON: %q", sc.Text())
		}
		if line["msg"] == "request" {
			lines[line["operation"].(string)] = line
		}
	}
	me := lines["get-me"]
	if me["request_id"] != "req-42" || me["user"] != "planner.hanoi" || me["status"] != float64(200) {
		t.Errorf("the line of GET /me: %v; want request_id req-42, user planner.hanoi, status 200", me)
	}
	if _, named := lines["login"]["user"]; named || lines["login"] == nil {
		t.Errorf("the line of the sign-in: %v; want no user (no one was signed in yet)", lines["login"])
	}
}
