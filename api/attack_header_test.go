package api_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"testing"

	"baove/database"
	"baove/database/dbtest"
)

// TestAttack_ControlCharactersInHeadersAre400 sends what no HTTP client
// library sends: a NUL or another control character in a header the API
// reads. The server refuses it with 400 before any handler runs.
func TestAttack_ControlCharactersInHeadersAre400(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	for _, header := range []string{"Accept-Language: vi\x00", "If-Match: \"1-1\x01\"", "Idempotency-Key: k\x1b1", "Authorization: Bearer a\x00b"} {
		conn, err := net.Dial("tcp", strings.TrimPrefix(e.ts.URL, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET /api/v1/me HTTP/1.1\r\nHost: baove\r\n%s\r\nConnection: close\r\n\r\n", header)
		status, err := bufio.NewReader(conn).ReadString('\n')
		conn.Close()
		if err != nil || !strings.HasPrefix(status, "HTTP/1.1 400 ") {
			t.Errorf("%q: %q, %v; want 400", header, status, err)
		}
	}
}

// TestAttack_TabInAnIdempotencyKeyIs422: a key is one token, stored with
// the payment it protects.
func TestAttack_TabInAnIdempotencyKeyIs422(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	fixtures := plantSecrets(t, e)
	path := "/api/v1/budget-lines/" + fixtures["budget-lines"] + "/disbursements"
	body := map[string]any{"amount": "1000", "paid_on": "2026-03-02", "voucher_no": "PC-tab"}
	res, _ := e.send("finance.hanoi", "POST", path, body, map[string]string{"Idempotency-Key": "retry\t1"})
	var p problem
	json.Unmarshal(res.body, &p)
	if res.StatusCode != 422 || len(p.Errors) != 1 || p.Errors[0].Location != "header.Idempotency-Key" {
		t.Fatalf("a tab in Idempotency-Key: %d %s, want 422 naming header.Idempotency-Key", res.StatusCode, res.body)
	}
	if res, _ := e.send("finance.hanoi", "GET", "/api/v1/me", nil, map[string]string{"Accept-Language": "vi,\ten;q=0.5"}); res.StatusCode != 200 {
		t.Fatalf("a tab between languages (HTTP whitespace): %d %s", res.StatusCode, res.body)
	}
}
