package api_test

import (
	"slices"
	"strings"
	"testing"

	"baove/access"
	"baove/database"
	"baove/database/dbtest"
)

// TestAPI_NoOperationAnswers500ToBadInput sends malformed bodies, wrongly
// typed fields and absurd path values to every operation, as a user the
// operation's rule allows, and checks each answer is a problem document
// below 500: bad input never reaches the client as an internal error.
func TestAPI_NoOperationAnswers500ToBadInput(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	fixtures := plantSecrets(t, e)
	bodies := []any{[]byte(`{`), []byte(`[]`), []byte(`"x"`), map[string]any{"amount": "1e400", "year": 1e20, "value": []int{1},
		"province_code": "0\x00", "activity_id": -1, "paid_on": "2026-02-30", "items": "x", "title": strings.Repeat("á", 5000)}}
	for _, o := range readOperations(t, e) {
		if o.rule.Public {
			continue
		}
		as := allowedUser(o)
		paths := []string{o.url(t, fixtures), strings.NewReplacer("01", "99", "2025", "1900", "2026", "99999999999999999999").Replace(o.url(t, fixtures)),
			paramRE.ReplaceAllString(o.path, "abc")}
		for _, path := range paths {
			for _, body := range bodies {
				if o.method == "GET" && body != nil {
					body = nil
				}
				res, _ := e.raw(as, o.method, path, body)
				if res.StatusCode >= 500 {
					t.Errorf("%s %s as %s with %v: %d %s", o.method, path, as, body, res.StatusCode, res.body)
				}
				if res.StatusCode >= 400 && res.Header.Get("Content-Type") != "application/problem+json" {
					t.Errorf("%s %s: %d with Content-Type %q", o.method, path, res.StatusCode, res.Header.Get("Content-Type"))
				}
			}
		}
	}
}

// allowedUser names a demo user the operation's rule lets act on Hà Nội.
func allowedUser(o operation) string {
	for _, w := range walkers[1:] {
		if o.allows(w) && (len(o.rule.Roles) == 0 || slices.Contains(o.rule.Roles, w.role)) {
			if w.role != access.Reviewer || !o.rule.Province || slices.Contains(o.rule.Roles, access.Reviewer) {
				return w.username
			}
		}
	}
	return "admin"
}
