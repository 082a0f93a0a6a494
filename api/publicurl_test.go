package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

const publicURL = "https://baove.example.gov.vn/tre-em"

func withServer(opts ...api.Option) func(*envConfig) {
	return func(c *envConfig) { c.server = append(c.server, opts...) }
}

// schemaOf reads GET /api/v1/me as the planner, sending host as the Host
// and the X-Forwarded-* headers a client may forge, and returns its
// $schema and Link header.
func (e *env) schemaOf(host string) (schema, link string) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.ts.URL+"/api/v1/me", nil)
	req.Host = host
	req.Header.Set("X-Forwarded-Host", "forged.example")
	req.Header.Set("X-Forwarded-Proto", "https")
	req.Header.Set("Forwarded", "host=forged2.example")
	req.Header.Set("Authorization", "Bearer "+e.tokens[planner])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		Schema string `json:"$schema"`
	}
	json.NewDecoder(res.Body).Decode(&body)
	return body.Schema, res.Header.Get("Link")
}

func TestPublicURL_NamesTheServiceInLinksAndServersWhateverTheHost(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite), withServer(api.PublicURL(publicURL+"/")))
	schema, link := e.schemaOf("evil.example")
	if schema != publicURL+"/schemas/Me.json" || link != "<"+publicURL+`/schemas/Me.json>; rel="describedBy"` {
		t.Errorf("$schema %q, Link %q; want them under %s", schema, link, publicURL)
	}
	var doc struct{ Servers []struct{ URL string } }
	e.do("", "GET", "/openapi.json", nil, &doc)
	if len(doc.Servers) != 1 || doc.Servers[0].URL != publicURL {
		t.Errorf("servers %+v, want %s", doc.Servers, publicURL)
	}
}

func TestPublicURL_WithoutItForwardedHeadersAreBelievedOnlyFromTrustedProxies(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	if schema, _ := e.schemaOf("baove.local:8080"); schema != "http://baove.local:8080/schemas/Me.json" {
		t.Errorf("$schema %q from an untrusted client: its forwarded headers must be ignored", schema)
	}
	proxy := netip.MustParsePrefix("127.0.0.1/32")
	e = newEnv(t, dbtest.MustOpenDB(t, database.SQLite), withServer(api.TrustProxies([]netip.Prefix{proxy})))
	if schema, _ := e.schemaOf("baove.local:8080"); schema != "https://forged.example/schemas/Me.json" {
		t.Errorf("$schema %q behind a trusted proxy: want its X-Forwarded-Proto and -Host", schema)
	}
	var doc struct{ Servers []struct{ URL string } }
	e.do("", "GET", "/openapi.json", nil, &doc)
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "/" {
		t.Errorf("servers %+v without a public URL, want the relative /", doc.Servers)
	}
}

// redocly returns the Redocly CLI the lint test runs: BAOVE_TEST_REDOCLY
// (which CI sets: the test then fails without it), else redocly on the
// PATH, else none (the test skips).
func redocly(t *testing.T) string {
	if path := os.Getenv("BAOVE_TEST_REDOCLY"); path != "" {
		return path
	}
	path, err := exec.LookPath("redocly")
	if err != nil {
		t.Skip("redocly is not installed (npm install @redocly/cli, or set BAOVE_TEST_REDOCLY)")
	}
	return path
}

func TestOpenAPI_PassesRedoclysRecommendedRulesWithoutAWarning(t *testing.T) {
	linter := redocly(t)
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite), withServer(api.PublicURL(publicURL)))
	res, _ := e.raw("", "GET", "/openapi.yaml", nil)
	file := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(file, res.body, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(linter, "lint", "--extends", "recommended", "--format", "json", file)
	cmd.Env = append(os.Environ(), "REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true", "NO_COLOR=1")
	cmd.Stderr = io.Discard
	out, _ := cmd.Output() // exits 1 on errors: the report says which
	var report struct {
		Totals   struct{ Errors, Warnings int }
		Problems []struct {
			RuleID   string `json:"ruleId"`
			Message  string `json:"message"`
			Location []struct {
				Pointer string `json:"pointer"`
			} `json:"location"`
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("%s lint: %v: %s", linter, err, out)
	}
	for _, p := range report.Problems {
		var where []string
		for _, l := range p.Location {
			where = append(where, l.Pointer)
		}
		t.Errorf("%s: %s (%s)", p.RuleID, p.Message, strings.Join(where, ", "))
	}
	if report.Totals.Errors+report.Totals.Warnings > 0 {
		t.Errorf("redocly lint: %d errors, %d warnings", report.Totals.Errors, report.Totals.Warnings)
	}
}
