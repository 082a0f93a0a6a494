package webtest

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// EnvChromium, when set, makes a missing Chromium a failure rather than a
// reason to skip.
const EnvChromium = "BAOVE_TEST_CHROMIUM"

// Step bounds each action of a browser, so that a page that never loads
// fails its test instead of hanging it.
const Step = 30 * time.Second

// Browser is a headless Chromium with a fresh profile, showing one tab.
type Browser struct {
	t      testing.TB
	ctx    context.Context
	origin string // the server's scheme and host

	mu       sync.Mutex
	allowed  []string // origins the pages may reach: the server's, and those a test allows
	problems []string // requests elsewhere
	errors   []chromedp.ConsoleMessage
	failed   map[string]bool // documents loaded with an error status the test saw
}

// Browser starts a Chromium for the test, closed when it ends, and checks
// then that the pages made no request to another host and wrote no error
// in the console. It skips the test where Chromium is missing (see
// EnvChromium).
func (s *Server) Browser(t testing.TB) *Browser {
	t.Helper()
	path := chromiumPath(t)
	dir, err := os.MkdirTemp("", "baove-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true), chromedp.UserDataDir(dir), chromedp.WindowSize(1280, 900))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	b := &Browser{t: t, ctx: ctx, origin: origin(s.URL), failed: map[string]bool{}}
	b.allowed = []string{b.origin}
	t.Cleanup(func() {
		b.check()
		cancel()
		cancelAlloc()
		removeProfile(dir)
	})
	b.start()
	b.watch()
	return b
}

// start starts Chromium, failing the test when it does not start within a
// Step. The first action on a new context allocates the browser and ties
// its life to that action's context, so it runs on the browser's own
// context: with a step's, the browser would be closed a Step after it
// started, in the middle of a long test on a busy machine.
func (b *Browser) start() {
	b.t.Helper()
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(b.ctx) }()
	select {
	case err := <-started:
		if err != nil {
			b.t.Fatalf("chromium: %v", err)
		}
	case <-time.After(Step):
		b.t.Fatalf("chromium did not start within %s", Step)
	}
}

// chromiumPath returns the path of Chromium, or skips the test.
func chromiumPath(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv(EnvChromium) != "" {
		t.Fatalf("%s is set but chromium is not installed", EnvChromium)
	}
	t.Skip("chromium is not installed")
	return ""
}

// removeProfile removes a profile directory, in which Chromium's children
// may still write for a moment after it stops.
func removeProfile(dir string) {
	for range 50 {
		if os.RemoveAll(dir) == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Scheme + "://" + u.Host
}

// step returns the browser's context bounded by Step.
func (b *Browser) step() context.Context {
	ctx, cancel := context.WithTimeout(b.ctx, Step)
	b.t.Cleanup(cancel)
	return ctx
}

// watch intercepts every request of the tab, letting through those to the
// server and failing the others, and records the console's errors.
func (b *Browser) watch() {
	b.t.Helper()
	paused := chromedp.Events(b.ctx, fetch.RequestPaused)
	console := chromedp.Console(b.ctx)
	if _, err := chromedp.Call(b.step(), fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		b.t.Fatalf("intercepting requests: %v", err)
	}
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			b.route(ev)
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.console(m)
			}
		}
	}()
}

// Allow lets the pages reach the origin of rawURL too, e.g. another site
// that a test makes.
func (b *Browser) Allow(rawURL string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.allowed = append(b.allowed, origin(rawURL))
}

// route lets a request to the server (or an allowed origin) go on and fails
// any other.
func (b *Browser) route(ev fetch.EventRequestPaused) {
	b.mu.Lock()
	allowed := slices.Contains(b.allowed, origin(ev.Request.URL))
	b.mu.Unlock()
	if allowed {
		chromedp.Call(b.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
		return
	}
	b.problem("a request to another host: " + ev.Request.Method + " " + ev.Request.URL)
	chromedp.Call(b.ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID,
		ErrorReason: network.ErrorReasonBlockedByClient})
}

// console records an error of the console.
func (b *Browser) console(m chromedp.ConsoleMessage) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errors = append(b.errors, m)
}

func (b *Browser) problem(p string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, p)
}

// check fails the test for every problem the pages had: requests
// elsewhere, and errors in the console, except the browser's note of a
// document loaded with an error status, which the test saw.
func (b *Browser) check() {
	time.Sleep(100 * time.Millisecond) // let the last events arrive
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		b.t.Errorf("browser: %s", p)
	}
	for _, m := range b.errors {
		if m.Source != "network" || !b.failed[m.URL] {
			b.t.Errorf("browser: console %s at %s", m, m.URL)
		}
	}
}
