package api_test

import (
	"strings"
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
	"baove/vn"
)

const planner = "planner.hanoi"

func TestProvinces_ListsThe34WithTheirCommunes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		var body struct{ Items []api.Province }
		if res := e.do(planner, "GET", "/api/v1/provinces", nil, &body); res.StatusCode != 200 {
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
		e := newEnv(t, db)
		p := e.expectProblem(planner, "GET", "/api/v1/provinces/abc", nil, 422)
		if len(p.Errors) != 1 || p.Errors[0].Location != "path.code" {
			t.Errorf("422 must name path.code: %+v", p)
		}
		e.expectProblem(planner, "GET", "/api/v1/provinces/99", nil, 404)
		e.expectProblem(planner, "GET", "/api/v1/provinces/99/communes", nil, 404)
		e.expectProblem(planner, "GET", "/api/v1/communes/1234", nil, 422)
		e.expectProblem(planner, "GET", "/api/v1/communes/99999", nil, 404)
		p = e.expectProblem(planner, "GET", "/api/v1/provinces/01/communes?on=2026-02-30", nil, 422)
		if len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Location, "on") {
			t.Errorf("bad date must name the on parameter: %+v", p)
		}
	})
}

func TestCommunes_SearchIgnoresDiacriticsAndSortsInVietnamese(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		var body struct{ Items []api.Commune }
		e.do(planner, "GET", "/api/v1/provinces/01/communes?q=ba%20dinh", nil, &body)
		if len(body.Items) != 1 || body.Items[0].Name != "Phường Ba Đình" {
			t.Fatalf("ba dinh → %+v, want Phường Ba Đình", body.Items)
		}
		e.do(planner, "GET", "/api/v1/provinces/11/communes", nil, &body)
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
		e := newEnv(t, db)
		var body struct {
			api.Commune
			ReplacedBy *api.Commune `json:"replaced_by"`
		}
		e.do(planner, "GET", "/api/v1/communes/26881", nil, &body)
		if body.ReplacedBy == nil || body.ReplacedBy.Code != "26882" || body.Name != "Phường 12" {
			t.Fatalf("26881 → %+v, want Phường 12 replaced by 26882", body)
		}
		body.ReplacedBy = nil
		e.do(planner, "GET", "/api/v1/communes/26882", nil, &body)
		if body.ReplacedBy != nil || body.Name != "Phường An Hội Tây" {
			t.Fatalf("26882 → %+v, want the commune itself", body)
		}
	})
}

func TestRouter_UnknownPathsAndMethodsAnswerProblems(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	e.expectProblem(planner, "GET", "/api/v1/nothing-here", nil, 404)
	res := e.do(planner, "DELETE", "/api/v1/provinces", nil, nil)
	if res.StatusCode != 405 || res.Header.Get("Allow") != "GET, HEAD" {
		t.Fatalf("DELETE /provinces: %d, Allow %q; want 405 with Allow: GET, HEAD", res.StatusCode, res.Header.Get("Allow"))
	}
	p := e.expectProblem(planner, "POST", "/api/v1/users", []byte(`{"username": `), 400)
	if strings.Contains(p.Detail, "goroutine") {
		t.Errorf("malformed JSON leaks internals: %q", p.Detail)
	}
}

func TestProbes(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	e := newEnv(t, db)
	for _, path := range []string{"/healthz", "/readyz", "/openapi.json", "/openapi.yaml", "/docs"} {
		if res := e.do("", "GET", path, nil, nil); res.StatusCode != 200 {
			t.Errorf("GET %s: %d", path, res.StatusCode)
		}
	}
	db.Close()
	e.expectProblem("", "GET", "/readyz", nil, 503)
	if res, _ := e.raw("", "GET", "/readyz", nil); res.Header.Get("Retry-After") == "" {
		t.Error("/readyz answers 503 without Retry-After")
	}
}

func TestRequestID_IsEchoedOrMade(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	res := e.do("", "GET", "/healthz", nil, nil)
	if got := res.Header.Get("X-Request-Id"); len(got) != 16 {
		t.Errorf("made-up request id %q, want 16 hex digits", got)
	}
}
