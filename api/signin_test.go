package api_test

import (
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"baove/access"
	"baove/api"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
)

// from returns the env sending from the loopback address ip (the whole of
// 127.0.0.0/8 is loopback), with the same server and tokens.
func (e *env) from(ip string) *env {
	e.t.Helper()
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 10 * time.Second}
	c := *e
	c.client = &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}}
	e.t.Cleanup(c.client.CloseIdleConnections)
	return &c
}

// loginAnswer is the body of a successful login.
type loginAnswer struct {
	Token          string
	FailedAttempts api.FailedAttempts `json:"failed_attempts_since_last_login"`
}

func creds(username, password string) map[string]string {
	return map[string]string{"username": username, "password": password}
}

// expectThrottled checks a sign-in is 429 with a Retry-After of some
// minutes at most the window.
func (e *env) expectThrottled(body any) {
	e.t.Helper()
	res, _ := e.raw("", "POST", "/api/v1/auth/login", body)
	after, _ := strconv.Atoi(res.Header.Get("Retry-After"))
	if res.StatusCode != 429 || after <= 0 || after > int(access.FailureWindow.Seconds()) {
		e.t.Fatalf("sign-in %v: %d with Retry-After %q; want 429 with Retry-After within the window", body, res.StatusCode, res.Header.Get("Retry-After"))
	}
}

func TestSignIn_AStrangerFailingFromOneAddressDoesNotStopTheOwnerFromAnother(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		stranger := e.from("127.0.0.2")
		for range access.MaxFailures {
			stranger.expectProblem("", "POST", "/api/v1/auth/login", creds("finance.hcm", "a stranger's guess"), 401)
		}
		stranger.expectThrottled(creds("finance.hcm", "a stranger's guess"))
		stranger.expectThrottled(creds("finance.hcm", demo.Password))

		var got loginAnswer
		if res := e.do("", "POST", "/api/v1/auth/login", creds("finance.hcm", demo.Password), &got); res.StatusCode != 200 {
			t.Fatalf("owner from 127.0.0.1: %d, want 200", res.StatusCode)
		}
		f := got.FailedAttempts
		if f.Count != access.MaxFailures || f.LastAddress != "127.0.0.2" || f.LastAt == nil {
			t.Fatalf("owner told %+v, want %d failures, the last from 127.0.0.2", f, access.MaxFailures)
		}
		e.tokens["finance.hcm"] = got.Token
		var me api.Me
		e.do("finance.hcm", "GET", "/api/v1/me", nil, &me)
		if me.Username != "finance.hcm" || me.FailedAttempts.Count != access.MaxFailures || me.FailedAttempts.LastAddress != "127.0.0.2" {
			t.Fatalf("GET /me: %+v, want the same failures", me)
		}
	})
}

func TestSignIn_OneAddressIsThrottledAfterFiveFailuresOverDifferentUsernames(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		sprayer := e.from("127.0.0.3")
		for _, u := range []string{"admin", "reviewer", "nobody.here", "planner.hanoi", "finance.hanoi"} {
			sprayer.expectProblem("", "POST", "/api/v1/auth/login", creds(u, "Summer-2026!"), 401)
		}
		sprayer.expectThrottled(creds("planner.dienbien", demo.Password))
		e.login("planner.dienbien")
		var trail struct{ Items []api.AuditEntry }
		e.do("admin", "GET", "/api/v1/audit?entity=address&entity_id=127.0.0.3", nil, &trail)
		if len(trail.Items) != 1 || trail.Items[0].Action != "login.throttled" {
			t.Fatalf("audit of the address: %+v, want one login.throttled", trail.Items)
		}
	})
}

func TestSignIn_ManyAddressesSlowAUsernameButTheRightPasswordGetsIn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		const step = 150 * time.Millisecond
		e := newEnv(t, db, func(c *envConfig) { c.app.SignIn.DelayStep = step })
		var took []time.Duration
		for i := range access.FreeFailures + 2 {
			start := time.Now()
			e.from(fmt.Sprintf("127.0.1.%d", i+1)).expectProblem("", "POST", "/api/v1/auth/login", creds("reviewer", "a botnet's guess"), 401)
			took = append(took, time.Since(start))
		}
		if last := took[len(took)-1]; last < 2*step {
			t.Fatalf("attempt after %d failures took %v, want at least %v", access.FreeFailures+1, last, 2*step)
		}
		start := time.Now()
		var got loginAnswer
		if res := e.do("", "POST", "/api/v1/auth/login", creds("reviewer", demo.Password), &got); res.StatusCode != 200 {
			t.Fatalf("owner after %d failures from as many addresses: %d, want 200", len(took), res.StatusCode)
		}
		if d := time.Since(start); d < 3*step || got.FailedAttempts.Count != len(took) {
			t.Fatalf("owner waited %v, told of %d failures; want at least %v and %d", d, got.FailedAttempts.Count, 3*step, len(took))
		}
	})
}

func TestPassword_AWrongCurrentPasswordIsThrottledLikeASignIn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		change := map[string]string{"current_password": "not my password", "new_password": "a longer passphrase"}
		for range access.MaxFailures {
			p := e.expectProblem("planner.dienbien", "PUT", "/api/v1/me/password", change, 422)
			if len(p.Errors) != 1 || p.Errors[0].Location != "current_password" {
				t.Fatalf("wrong current password: %+v, want one error on current_password", p)
			}
		}
		change["current_password"] = demo.Password
		res, _ := e.raw("planner.dienbien", "PUT", "/api/v1/me/password", change)
		if res.StatusCode != 429 || res.Header.Get("Retry-After") == "" {
			t.Fatalf("change after %d wrong current passwords: %d, want 429 with Retry-After", access.MaxFailures, res.StatusCode)
		}
		e.expectThrottled(creds("planner.dienbien", demo.Password))
	})
}

func TestPassword_AWeakNewPasswordIs422NamingTheRuleInTheCallersLanguage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		change := map[string]string{"current_password": demo.Password, "new_password": "aaaaaaaaaaaa"}
		res, _ := e.send("planner.dienbien", "PUT", "/api/v1/me/password", change, map[string]string{"Accept-Language": "vi"})
		var p problem
		decode(t, res.body, &p)
		if res.StatusCode != 422 || len(p.Errors) != 1 || p.Errors[0].Location != "new_password" ||
			p.Errors[0].Message != `mật khẩu không được là một nhóm ký tự lặp lại (như "aaaaaaaaaaaa", "abcabcabcabc")` {
			t.Fatalf("weak new password: %d %s", res.StatusCode, res.body)
		}
		change["new_password"] = "a longer passphrase"
		if res := e.do("planner.dienbien", "PUT", "/api/v1/me/password", change, nil); res.StatusCode != 204 {
			t.Fatalf("good new password: %d", res.StatusCode)
		}
	})
}

func TestSignIn_TheClientAddressComesFromForwardedForOnlyBehindATrustedProxy(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		for _, c := range []struct {
			trust, want string
		}{{"", "127.0.0.1"}, {"127.0.0.0/8", "198.51.100.7"}} {
			proxies, err := api.ParseProxies(c.trust)
			if err != nil {
				t.Fatal(err)
			}
			e := newEnv(t, db, func(c *envConfig) { c.server = []api.Option{api.TrustProxies(proxies)} })
			e.send("", "POST", "/api/v1/auth/login", creds("finance.dienbien", "not the password"),
				map[string]string{"X-Forwarded-For": "203.0.113.1, 198.51.100.7"})
			var got loginAnswer
			e.do("", "POST", "/api/v1/auth/login", creds("finance.dienbien", demo.Password), &got)
			if got.FailedAttempts.LastAddress != c.want {
				t.Errorf("trusting %q: the failure came from %q, want %q", c.trust, got.FailedAttempts.LastAddress, c.want)
			}
		}
	})
}

func TestSignIn_SaturatedHashingAnswers503WithRetryAfter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db, func(c *envConfig) { c.app.SignIn = access.Limits{HashConcurrency: 1, HashWait: time.Millisecond} })
		statuses := map[int]int{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for range 16 {
			wg.Go(func() {
				res, _ := e.raw("", "POST", "/api/v1/auth/login", creds("reviewer", demo.Password))
				mu.Lock()
				defer mu.Unlock()
				statuses[res.StatusCode]++
				if res.StatusCode == 503 && res.Header.Get("Retry-After") == "" {
					t.Error("503 without Retry-After")
				}
			})
		}
		wg.Wait()
		if statuses[503] == 0 || statuses[200]+statuses[503] != 16 {
			t.Fatalf("16 sign-ins at once with one hashing turn: %v, want some 503 and the rest 200", statuses)
		}
	})
}

func TestSignIn_AnAdministratorLiftsAThrottleAndTheOwnerGetsIn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		owner := e.from("127.0.0.3")
		for range access.MaxFailures {
			owner.expectProblem("", "POST", "/api/v1/auth/login", creds("finance.hcm", "not the password"), 401)
		}
		owner.expectThrottled(creds("finance.hcm", demo.Password))
		var me api.User
		e.do("finance.hcm", "GET", "/api/v1/me", nil, &me)
		e.expectProblem("planner.hanoi", "POST", fmt.Sprintf("/api/v1/users/%d/lift-throttle", me.ID), nil, 403)
		var after api.Throttle
		if res := e.do("admin", "POST", fmt.Sprintf("/api/v1/users/%d/lift-throttle", me.ID), nil, &after); res.StatusCode != 200 ||
			after.Failures != 0 || after.Slowed || len(after.Addresses) != 0 {
			t.Fatalf("lift: %d %+v, want 200 and nothing left", res.StatusCode, after)
		}
		if res := owner.do("", "POST", "/api/v1/auth/login", creds("finance.hcm", demo.Password), nil); res.StatusCode != 200 {
			t.Fatalf("the owner after the lift: %d, want 200", res.StatusCode)
		}
	})
}
