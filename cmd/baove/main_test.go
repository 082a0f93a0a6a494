package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"baove/units"
)

// startServe runs `baove serve` on a free port and returns its base URL;
// the server is stopped, as by SIGINT, when the test ends.
func startServe(t *testing.T, args []string, getenv env) string {
	t.Helper()
	base, _ := startServeOut(t, args, getenv)
	return base
}

// startServeOut is startServe, returning also what serve printed before it
// listened.
func startServeOut(t *testing.T, args []string, getenv env) (string, []string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), process{getenv: getenv, stdout: pw, stderr: io.Discard})
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve did not shut down cleanly: %v", err)
		}
	})
	lines := bufio.NewScanner(pr)
	addrRE := regexp.MustCompile(`listening on (https?://\S+)`)
	var out []string
	for lines.Scan() {
		out = append(out, lines.Text())
		if m := addrRE.FindStringSubmatch(lines.Text()); m != nil {
			go io.Copy(io.Discard, pr)
			return m[1], out
		}
	}
	err := <-done
	done <- err // for the cleanup
	t.Fatalf("serve stopped before listening: %v", err)
	return "", nil
}

func noEnv(string) string { return "" }

// login returns a token for username.
func login(t *testing.T, base, username, password string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"username": username, "password": password})
	res, err := http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct{ Token string }
	json.NewDecoder(res.Body).Decode(&out)
	if res.StatusCode != 200 {
		t.Fatalf("login %s: %d", username, res.StatusCode)
	}
	return out.Token
}

func adminPassword(k string) string {
	if k == "BAOVE_ADMIN_PASSWORD" {
		return "start-up password"
	}
	return ""
}

func TestServe_StartsOnAFreshDataDirWithNoOtherStep(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	base := startServe(t, []string{"--data-dir", dir}, adminPassword)
	res, err := http.Get(base + "/readyz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("/readyz: %v %v", res, err)
	}
	var body struct {
		Items []struct {
			CommuneCount int `json:"commune_count"`
		}
	}
	req, _ := http.NewRequest("GET", base+"/api/v1/provinces", nil)
	req.Header.Set("Authorization", "Bearer "+login(t, base, "admin", "start-up password"))
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(res.Body).Decode(&body)
	res.Body.Close()
	total := 0
	for _, p := range body.Items {
		total += p.CommuneCount
	}
	if len(body.Items) != 34 || total != 3321 {
		t.Fatalf("%d provinces, %d communes; want 34 and 3321", len(body.Items), total)
	}
	if _, err := os.Stat(filepath.Join(dir, "baove.db")); err != nil {
		t.Fatalf("no SQLite file under --data-dir: %v", err)
	}
}

func TestFlags_FallBackToBAOVEVariables(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "from-env")
	getenv := func(k string) string {
		if k == "BAOVE_DATA_DIR" {
			return dir
		}
		return ""
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"migrate"}, process{getenv: getenv, stdout: &out, stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "baove.db")); err != nil {
		t.Fatalf("BAOVE_DATA_DIR was ignored: %v", err)
	}
	if !strings.Contains(out.String(), "up to date") {
		t.Errorf("migrate said %q", out.String())
	}
}

func TestUnitsImport_SameFileChangesNothingAndARemovedCommuneIsClosed(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	list, err := units.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	same := writeList(t, dir, "same.json", list)
	var out bytes.Buffer
	args := []string{"units", "import", "--data-dir", dir, same}
	if err := run(ctx, args, process{getenv: noEnv, stdout: &out, stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "nothing changed") {
		t.Fatalf("importing the shipped list again said %q", out.String())
	}
	list.Communes = list.Communes[1:]
	list.Successions = nil
	fewer := writeList(t, dir, "fewer.json", list)
	out.Reset()
	if err := run(ctx, []string{"units", "import", "--data-dir", dir, fewer}, process{getenv: noEnv, stdout: &out, stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "closed 1;") {
		t.Fatalf("import without one commune said %q, want it closed", out.String())
	}
}

func writeList(t *testing.T, dir, name string, l units.List) string {
	t.Helper()
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRun_UnknownCommandFailsWithUsage(t *testing.T) {
	var errOut bytes.Buffer
	if err := run(context.Background(), []string{"frobnicate"}, process{getenv: noEnv, stdout: io.Discard, stderr: &errOut}); err == nil {
		t.Fatal("unknown command succeeded")
	}
	if !strings.Contains(errOut.String(), "Usage:") {
		t.Errorf("no usage printed: %q", errOut.String())
	}
}

func TestServe_FirstStartCreatesAdminWithTheGivenPassword(t *testing.T) {
	dir := t.TempDir()
	getenv := func(k string) string {
		if k == "BAOVE_ADMIN_PASSWORD" {
			return "first password of all"
		}
		return ""
	}
	base := startServe(t, []string{"--data-dir", dir}, getenv)
	res, err := http.Post(base+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"username":"admin","password":"first password of all"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("login as the first admin: %d", res.StatusCode)
	}
}

func TestUserCommands_CreateAndSetPasswordFromStdin(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	var out bytes.Buffer
	create := []string{"user", "create", "--data-dir", dir, "--username", "lan.nguyen", "--role", "planner", "--province", "11"}
	if err := run(ctx, create, process{getenv: noEnv, stdin: strings.NewReader("mật khẩu đủ dài\n"), stdout: &out, stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "created user lan.nguyen (planner)") {
		t.Fatalf("create said %q", out.String())
	}
	err := run(ctx, []string{"user", "create", "--data-dir", dir, "--username", "x.y", "--role", "planner"}, process{getenv: noEnv, stdin: strings.NewReader("long enough password\n"), stdout: io.Discard, stderr: io.Discard})
	if err == nil || !strings.Contains(err.Error(), "province") {
		t.Fatalf("planner without a province: %v", err)
	}
	out.Reset()
	if err := run(ctx, []string{"user", "passwd", "--data-dir", dir, "lan.nguyen"}, process{getenv: noEnv, stdin: strings.NewReader("another long password\n"), stdout: &out, stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}
	base := startServe(t, []string{"--data-dir", dir}, noEnv)
	res, err := http.Post(base+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"username":"lan.nguyen","password":"another long password"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("login with the new password: %d", res.StatusCode)
	}
}

func TestServeDemo_LoadsUsersOfEveryRole(t *testing.T) {
	base := startServe(t, []string{"--data-dir", t.TempDir(), "--demo"}, noEnv)
	for _, u := range []string{"admin", "reviewer", "planner.dienbien", "finance.hcm"} {
		res, err := http.Post(base+"/api/v1/auth/login", "application/json",
			strings.NewReader(`{"username":"`+u+`","password":"demo-password"}`))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("demo login %s: %d", u, res.StatusCode)
		}
	}
}

func TestReport_WritesTheProvincePDFFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	if err := run(ctx, []string{"demo", "--data-dir", dir}, process{getenv: noEnv, stdout: io.Discard, stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "r.pdf")
	var stdout bytes.Buffer
	if err := run(ctx, []string{"report", "--data-dir", dir, "--province", "11", "--year", "2026", "--out", out}, process{getenv: noEnv, stdout: &stdout, stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("report wrote %d bytes (%v), not a PDF", len(b), err)
	}
}
