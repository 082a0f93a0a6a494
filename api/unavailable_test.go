package api_test

import (
	"strconv"
	"strings"
	"testing"

	"baove/database"
	"baove/database/dbtest"
)

// TestDatabaseDown_EveryOperationAnswers503WithRetryAfter closes the
// database under the running API and calls every operation of the OpenAPI
// document as a caller its rule allows: each answers 503, a problem saying
// when to try again, with Retry-After in seconds; never 500.
func TestDatabaseDown_EveryOperationAnswers503WithRetryAfter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		fixtures := plantSecrets(t, e)
		ops := readOperations(t, e)
		db.Close()
		for _, o := range ops {
			if o.path == "/healthz" {
				continue // the process is up: it does not ask the database
			}
			for _, w := range walkers {
				if o.allows(w) {
					e.expectUnavailable(o.method, o.url(t, fixtures), w.username, o.body)
					break
				}
			}
		}
		e.expectUnavailable("POST", "/api/v1/auth/login", "", map[string]string{"username": "admin", "password": "whatever-it-is"})
	})
}

func (e *env) expectUnavailable(method, path, as string, body any) {
	e.t.Helper()
	res, _ := e.raw(as, method, path, body)
	var p problem
	decode(e.t, res.body, &p)
	if res.StatusCode != 503 || p.Status != 503 || res.Header.Get("Content-Type") != "application/problem+json" {
		e.t.Errorf("%s %s as %q: %d %s %s, want 503 problem+json", method, path, as, res.StatusCode, res.Header.Get("Content-Type"), res.body)
		return
	}
	if path == "/readyz" {
		return
	}
	if secs, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || secs < 1 {
		e.t.Errorf("%s %s: Retry-After %q, want whole seconds", method, path, res.Header.Get("Retry-After"))
	}
	if !strings.Contains(p.Detail, "try again in") {
		e.t.Errorf("%s %s: detail %q does not say when to try again", method, path, p.Detail)
	}
}
