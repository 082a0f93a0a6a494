package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"baove/access"
	"baove/api"
	"baove/app"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
)

// env is the real router, with its middleware, over a fresh database with
// the demo users, each logged in.
type env struct {
	t      *testing.T
	db     *database.DB
	ts     *httptest.Server
	access *access.Store
	tokens map[string]string // by username; "" is anonymous
	demo   *app.Services
	client *http.Client // http.DefaultClient when nil
}

// loadDemo loads the whole demonstration: plans, budgets, staffing, values.
func (e *env) loadDemo() {
	e.t.Helper()
	if err := demo.Load(context.Background(), e.demo, io.Discard); err != nil {
		e.t.Fatal(err)
	}
}

// envConfig is what a test may change of its env.
type envConfig struct {
	app    app.Config
	server []api.Option
}

func newEnv(t *testing.T, db *database.DB, opts ...func(*envConfig)) *env {
	t.Helper()
	cfg := envConfig{app: app.Config{Clock: dbtest.Clock, TokenTTL: time.Hour, Ministry: "Bộ Y tế"}}
	for _, o := range opts {
		o(&cfg)
	}
	svc := app.MustNew(db, cfg.app)
	if err := demo.LoadUsers(context.Background(), svc, io.Discard); err != nil {
		t.Fatal(err)
	}
	srv := api.New(svc, slog.New(slog.NewTextHandler(testLog(), nil)), "test", cfg.server...)
	e := &env{t: t, db: db, ts: httptest.NewServer(srv), access: svc.Access, tokens: map[string]string{}, demo: svc}
	t.Cleanup(e.ts.Close)
	for _, u := range demo.Users {
		e.login(u.Username)
	}
	return e
}

func (e *env) login(username string) {
	e.t.Helper()
	var out struct{ Token string }
	res := e.do("", "POST", "/api/v1/auth/login", map[string]string{"username": username, "password": demo.Password}, &out)
	if res.StatusCode != 200 || out.Token == "" {
		e.t.Fatalf("login %s: %d", username, res.StatusCode)
	}
	e.tokens[username] = out.Token
}

// do sends a request as the user (by username; "" is anonymous) and decodes
// a JSON answer into out when non-nil.
func (e *env) do(as, method, path string, body any, out any) *http.Response {
	e.t.Helper()
	res, _ := e.raw(as, method, path, body)
	if out != nil {
		if err := json.NewDecoder(bytes.NewReader(res.body)).Decode(out); err != nil {
			e.t.Fatalf("%s %s: decode %q: %v", method, path, res.body, err)
		}
	}
	return res.Response
}

type response struct {
	*http.Response
	body []byte
}

// doIfMatch sends a change with an If-Match header and returns the answer.
func (e *env) doIfMatch(as, method, path, etag string, body any) response {
	e.t.Helper()
	res, _ := e.send(as, method, path, body, map[string]string{"If-Match": etag})
	return res
}

func (e *env) raw(as, method, path string, body any) (response, error) {
	e.t.Helper()
	return e.send(as, method, path, body, nil)
}

// sendRaw sends body as it is, with contentType.
func (e *env) sendRaw(as, method, path string, body []byte, contentType string) (response, error) {
	e.t.Helper()
	return e.send(as, method, path, body, map[string]string{"Content-Type": contentType})
}

// decode unmarshals a JSON body.
func decode(t *testing.T, body []byte, out any) {
	t.Helper()
	if err := json.Unmarshal(body, out); err != nil {
		t.Fatalf("decode %q: %v", body, err)
	}
}

func (e *env) send(as, method, path string, body any, headers map[string]string) (response, error) {
	e.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, r)
	if err != nil {
		e.t.Fatal(err)
	}
	if r != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok := e.tokens[as]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	client := e.client
	if client == nil {
		client = http.DefaultClient
	}
	res, err := client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res, b}, nil
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

// expectProblem sends a request and checks the answer is a problem+json with
// status.
func (e *env) expectProblem(as, method, path string, body any, status int) problem {
	e.t.Helper()
	res, _ := e.raw(as, method, path, body)
	var p problem
	json.Unmarshal(res.body, &p)
	if res.StatusCode != status || p.Status != status {
		e.t.Fatalf("%s %s as %q: status %d (%s), want %d", method, path, as, res.StatusCode, res.body, status)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
		e.t.Fatalf("%s %s: Content-Type %q, want application/problem+json", method, path, ct)
	}
	return p
}

// testLog is where the servers of tests log: nowhere, unless
// BAOVE_TEST_LOG is set (then standard error), to see why a test got 500.
func testLog() io.Writer {
	if os.Getenv("BAOVE_TEST_LOG") != "" {
		return os.Stderr
	}
	return io.Discard
}
