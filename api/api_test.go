package api_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
	"baove/units"
	"baove/vn"
)

// newServer returns the real router with its middleware over db.
func newServer(t *testing.T, db *database.DB) *httptest.Server {
	t.Helper()
	srv := api.New(api.Deps{Units: units.NewStore(db, dbtest.Now), Ready: db.Ready},
		slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

// call sends a request and decodes a JSON answer into out (when non-nil).
func call(t *testing.T, ts *httptest.Server, method, path string, body io.Reader, out any) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if out != nil {
		if err := json.NewDecoder(res.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: decode: %v", method, path, err)
		}
	}
	return res
}

// problem is the RFC 9457 document every error answers with.
type problem struct {
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Message  string `json:"message"`
		Location string `json:"location"`
	} `json:"errors"`
}

// expectProblem checks res is a problem+json with status and returns it.
func expectProblem(t *testing.T, ts *httptest.Server, method, path string, status int) problem {
	t.Helper()
	var p problem
	res := call(t, ts, method, path, nil, &p)
	if res.StatusCode != status || p.Status != status {
		t.Fatalf("%s %s: status %d (body %d), want %d", method, path, res.StatusCode, p.Status, status)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("%s %s: Content-Type %q, want application/problem+json", method, path, ct)
	}
	return p
}

func TestProvinces_ListsThe34WithTheirCommunes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ts := newServer(t, db)
		var body struct{ Items []api.Province }
		if res := call(t, ts, "GET", "/api/v1/provinces", nil, &body); res.StatusCode != 200 {
			t.Fatalf("status %d", res.StatusCode)
		}
		total := 0
		for _, p := range body.Items {
			total += p.CommuneCount
		}
		if len(body.Items) != 34 || total != 3321 {
			t.Fatalf("%d provinces with %d communes, want 34 with 3321", len(body.Items), total)
		}
	})
}

func TestProvince_BadCodesAnswerProblems(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ts := newServer(t, db)
		p := expectProblem(t, ts, "GET", "/api/v1/provinces/abc", 422)
		if len(p.Errors) != 1 || p.Errors[0].Location != "path.code" {
			t.Errorf("422 must name path.code: %+v", p)
		}
		expectProblem(t, ts, "GET", "/api/v1/provinces/99", 404)
		expectProblem(t, ts, "GET", "/api/v1/provinces/99/communes", 404)
		expectProblem(t, ts, "GET", "/api/v1/communes/1234", 422)
		expectProblem(t, ts, "GET", "/api/v1/communes/99999", 404)
		p = expectProblem(t, ts, "GET", "/api/v1/provinces/01/communes?on=2026-02-30", 422)
		if len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Location, "on") {
			t.Errorf("bad date must name the on parameter: %+v", p)
		}
	})
}

func TestCommunes_SearchIgnoresDiacritics(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ts := newServer(t, db)
		var body struct{ Items []api.Commune }
		call(t, ts, "GET", "/api/v1/provinces/01/communes?q=ba%20dinh", nil, &body)
		if len(body.Items) != 1 || body.Items[0].Name != "Phường Ba Đình" {
			t.Fatalf("ba dinh → %+v, want Phường Ba Đình", body.Items)
		}
		call(t, ts, "GET", "/api/v1/provinces/11/communes", nil, &body)
		if len(body.Items) < 2 {
			t.Fatalf("Điện Biên lists %d communes", len(body.Items))
		}
		for i := 1; i < len(body.Items); i++ {
			if vn.Compare(body.Items[i-1].Name, body.Items[i].Name) > 0 {
				t.Fatalf("not in Vietnamese order: %q before %q", body.Items[i-1].Name, body.Items[i].Name)
			}
		}
	})
}

func TestCommune_OldCodeAnswersWithItsSuccessor(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ts := newServer(t, db)
		var body struct {
			api.Commune
			ReplacedBy *api.Commune `json:"replaced_by"`
		}
		call(t, ts, "GET", "/api/v1/communes/26881", nil, &body)
		if body.ReplacedBy == nil || body.ReplacedBy.Code != "26882" || body.Name != "Phường 12" {
			t.Fatalf("26881 → %+v, want Phường 12 replaced by 26882", body)
		}
		body.ReplacedBy = nil
		call(t, ts, "GET", "/api/v1/communes/26882", nil, &body)
		if body.ReplacedBy != nil || body.Name != "Phường An Hội Tây" {
			t.Fatalf("26882 → %+v, want the commune itself", body)
		}
	})
}

func TestRouter_UnknownPathsAndMethodsAnswerProblems(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	ts := newServer(t, db)
	expectProblem(t, ts, "GET", "/api/v1/nothing-here", 404)
	res := call(t, ts, "DELETE", "/api/v1/provinces", nil, nil)
	if res.StatusCode != 405 || res.Header.Get("Allow") != "GET" {
		t.Fatalf("DELETE /provinces: %d, Allow %q; want 405 with Allow: GET", res.StatusCode, res.Header.Get("Allow"))
	}
}

func TestProbes(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	ts := newServer(t, db)
	for _, path := range []string{"/healthz", "/readyz", "/openapi.json", "/openapi.yaml", "/docs"} {
		if res := call(t, ts, "GET", path, nil, nil); res.StatusCode != 200 {
			t.Errorf("GET %s: %d", path, res.StatusCode)
		}
	}
	db.Close()
	expectProblem(t, ts, "GET", "/readyz", 503)
}

func TestRequestID_IsEchoedOrMade(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	ts := newServer(t, db)
	req, _ := http.NewRequest("GET", ts.URL+"/healthz", nil)
	req.Header.Set("X-Request-Id", "abc-123")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if got := res.Header.Get("X-Request-Id"); got != "abc-123" {
		t.Errorf("X-Request-Id = %q, want the caller's", got)
	}
	if got := call(t, ts, "GET", "/healthz", nil, nil).Header.Get("X-Request-Id"); len(got) != 16 {
		t.Errorf("made-up request id %q, want 16 hex digits", got)
	}
}
