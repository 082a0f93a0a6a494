package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"baove/admit"
	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

func TestReadPastItsTurnAnswers503WithRetryAfterInTheCallersLanguage(t *testing.T) {
	gate := admit.New(1, 20*time.Millisecond)
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite), withServer(api.Admit(gate)))
	leave, err := gate.Enter(t.Context()) // another request holds the only turn
	if err != nil {
		t.Fatal(err)
	}
	res, _ := e.send("reviewer", http.MethodGet, "/api/v1/provinces", nil, map[string]string{"Accept-Language": "vi"})
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "1" {
		t.Fatalf("a read with no turn: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	var p problem
	decode(t, res.body, &p)
	if res.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(p.Detail, "nhiều yêu cầu cùng lúc") {
		t.Fatalf("busy problem: %s %s", res.Header.Get("Content-Type"), res.body)
	}
	leave()
	if res, _ := e.send("reviewer", http.MethodGet, "/api/v1/provinces", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("a read with its turn: %d %s", res.StatusCode, res.body)
	}
}
