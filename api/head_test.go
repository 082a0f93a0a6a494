package api_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"baove/database"
	"baove/database/dbtest"
)

// pathValues fill the parameters of the documented paths with values the
// demonstration holds.
var pathValues = map[string]string{"code": "01", "year": "2025", "id": "1", "activity_id": "1", "line_id": "1",
	"indicator_code": "CP_ABUSE_CASES", "period": "2025"}

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

func TestHEAD_AnswersEveryGETWithItsStatusAndNoBody(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	e.loadDemo()
	var doc struct {
		Paths map[string]map[string]any `json:"paths"`
	}
	e.do("", "GET", "/openapi.json", nil, &doc)
	paths := []string{"/docs", "/docs/", "/openapi.json", "/openapi.yaml", "/schemas/Province.json"}
	for p, ops := range doc.Paths {
		if _, ok := ops["get"]; ok {
			paths = append(paths, pathParam.ReplaceAllStringFunc(p, func(m string) string {
				return pathValues[strings.Trim(m, "{}")]
			}))
		}
	}
	slices.Sort(paths)
	ok := 0
	for _, p := range paths {
		for _, as := range []string{"", "reviewer", "admin"} {
			get, _ := e.raw(as, "GET", p, nil)
			head, _ := e.raw(as, "HEAD", p, nil)
			if get.StatusCode == 200 {
				ok++
			}
			if head.StatusCode != get.StatusCode || len(head.body) != 0 {
				t.Errorf("HEAD %s as %q: %d with %d bytes; GET: %d", p, as, head.StatusCode, len(head.body), get.StatusCode)
			}
			if head.Header.Get("Content-Type") != get.Header.Get("Content-Type") {
				t.Errorf("HEAD %s as %q: Content-Type %q, GET's %q", p, as, head.Header.Get("Content-Type"),
					get.Header.Get("Content-Type"))
			}
		}
	}
	if ok < len(paths) {
		t.Errorf("only %d GETs of %d paths (by three callers) answered 200: the paths' values find nothing", ok, len(paths))
	}
}
