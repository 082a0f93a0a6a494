package api_test

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"baove/database"
	"baove/database/dbtest"
)

var referenceRE = regexp.MustCompile(`(?:src|href)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)`)

// The documentation page must work on a closed government network: every
// script, stylesheet and image it loads comes from this server.
func TestDocs_LoadsNothingFromOtherHosts(t *testing.T) {
	ts := newEnv(t, dbtest.MustOpenDB(t, database.SQLite)).ts
	page := get(t, ts.URL+"/docs")
	refs := referenceRE.FindAllStringSubmatch(page, -1)
	if len(refs) < 3 {
		t.Fatalf("found %d references in /docs; the page changed shape", len(refs))
	}
	for _, m := range refs {
		ref := m[1] + m[2]
		if strings.Contains(ref, "//") {
			t.Errorf("/docs references another host: %s", ref)
			continue
		}
		body := get(t, ts.URL+ref)
		if strings.HasSuffix(ref, ".css") {
			for _, inner := range referenceRE.FindAllStringSubmatch(body, -1) {
				if u := inner[1] + inner[2]; strings.Contains(u, "//") && !strings.HasPrefix(u, "data:") {
					t.Errorf("%s references another host: %s", ref, u)
				}
			}
		}
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d", url, res.StatusCode)
	}
	return string(b)
}

// TestDocs_RendersOfflineInChromium opens /docs in headless Chromium with
// every host but loopback unresolvable, and checks that Swagger UI drew the
// operations. It runs where Chromium is installed (CI installs it).
func TestDocs_RendersOfflineInChromium(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("BAOVE_TEST_CHROMIUM") != "" {
			t.Fatal("BAOVE_TEST_CHROMIUM is set but chromium is not installed")
		}
		t.Skip("chromium is not installed")
	}
	ts := newEnv(t, dbtest.MustOpenDB(t, database.SQLite)).ts
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(),
		"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--proxy-server=http://127.0.0.1:9",
		"--proxy-bypass-list=127.0.0.1", "--virtual-time-budget=15000", "--dump-dom", ts.URL+"/docs")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	dom := string(out)
	for _, want := range []string{`class="swagger-ui`, "list-provinces", "/api/v1/provinces/{code}/communes"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered /docs lacks %q (Swagger UI did not render offline)", want)
		}
	}
}
