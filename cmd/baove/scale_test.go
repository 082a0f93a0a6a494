package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"baove/access"
	"baove/api"
	"baove/app"
	"baove/database/dbtest"
	"baove/demo"
	"baove/web"
)

// cluster is three instances of the service over one PostgreSQL database,
// each with its own pool, as three `baove serve` would be, behind a
// round-robin proxy.
type cluster struct {
	t        *testing.T
	services []*app.Services
	direct   []string // each instance's own URL
	proxy    string
	tokens   map[string]string
	mu       sync.Mutex
	failures []string // answers of 5xx, or not what the caller allows
}

func startCluster(t *testing.T) *cluster {
	dbURL := dbtest.EmptyPostgres(t)
	c := &cluster{t: t, tokens: map[string]string{}}
	c.services = make([]*app.Services, 3)
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range 3 { // the instances start together: the migration lock makes them take turns
		wg.Go(func() {
			f := dbFlags{url: dbURL}
			db, err := f.open(context.Background(), io.Discard, dbtest.Clock)
			if err != nil {
				errs[i] = err
				return
			}
			t.Cleanup(func() { db.Close() })
			c.services[i] = app.MustNew(db, app.Config{Clock: dbtest.Clock, TokenTTL: time.Hour, Ministry: "Bộ Y tế"})
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	log := slog.New(slog.DiscardHandler)
	var targets []*url.URL
	for _, svc := range c.services {
		ts := httptest.NewServer(web.New(svc, log, web.API(api.New(svc, log, "test"))))
		t.Cleanup(ts.Close)
		c.direct = append(c.direct, ts.URL)
		u, _ := url.Parse(ts.URL)
		targets = append(targets, u)
	}
	var next atomic.Uint64
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(targets[next.Add(1)%uint64(len(targets))])
	}}
	ps := httptest.NewServer(proxy)
	t.Cleanup(ps.Close)
	c.proxy = ps.URL
	return c
}

// answer is a response with its body read.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// send sends a request through the proxy as username ("" anonymous) and
// records a failure unless the status is one of ok.
func (c *cluster) send(as, method, path string, body []byte, header map[string]string, ok ...int) answer {
	return c.sendTo(c.proxy, as, method, path, body, header, ok...)
}

func (c *cluster) sendTo(base, as, method, path string, body []byte, header map[string]string, ok ...int) answer {
	req, _ := http.NewRequest(method, base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if tok := c.token(as); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.fail("%s %s: %v", method, path, err)
		return answer{}
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	a := answer{status: res.StatusCode, header: res.Header, body: b}
	for _, s := range ok {
		if s == a.status {
			return a
		}
	}
	c.fail("%s %s as %s: %d %.300s", method, path, as, a.status, b)
	return a
}

func (c *cluster) fail(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.failures = append(c.failures, fmt.Sprintf(format, args...))
}

func (c *cluster) token(as string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tokens[as]
}

func (c *cluster) login(username string) {
	body, _ := json.Marshal(map[string]string{"username": username, "password": demo.Password})
	a := c.send("", "POST", "/api/v1/auth/login", body, nil, 200)
	var s struct{ Token string }
	json.Unmarshal(a.body, &s)
	c.mu.Lock()
	c.tokens[username] = s.Token
	c.mu.Unlock()
}

func (c *cluster) scalar(q string, args ...any) int64 {
	var n int64
	if err := c.services[0].DB.NewRaw(q, args...).Scan(context.Background(), &n); err != nil {
		c.t.Fatalf("%s: %v", q, err)
	}
	return n
}

func jsonBody(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func TestThreeInstances_OnePostgreSQLBehindAProxyHoldEveryRuleUnderMixedLoad(t *testing.T) {
	c := startCluster(t)
	if err := demo.Load(context.Background(), c.services[1], io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"reviewer", "planner.hanoi", "finance.hanoi"} {
		c.login(u)
	}
	const inForce = `SELECT l.id FROM budget_lines AS l JOIN plans AS p ON p.id = l.plan_id WHERE p.province_code = '01'
		AND p.year = 2026 AND p.status = 'approved' AND l.funding_source = 'provincial' ORDER BY l.amount DESC LIMIT 1 OFFSET ?`
	line, other := c.scalar(inForce, 0), c.scalar(inForce, 1)
	room := c.scalar("SELECT amount FROM budget_lines WHERE id = ?", line) -
		c.scalar("SELECT coalesce(sum(amount), 0) FROM disbursements WHERE budget_line_id = ?", line)
	draft := c.scalar("SELECT id FROM plans WHERE province_code = '01' AND status = 'draft' ORDER BY year DESC LIMIT 1")
	revision := c.scalar("SELECT revision FROM plans WHERE id = ?", draft)
	before := c.scalar("SELECT coalesce(sum(amount), 0) FROM disbursements WHERE province_code = '01' AND year = 2026")

	// Payments: 40 of a twentieth of the line's room each, each sent twice at
	// once with one Idempotency-Key (the two copies reach two instances).
	amount := room / 20
	var wg sync.WaitGroup
	var mu sync.Mutex
	paid := map[string]int64{} // ledger id of each key answered 201
	refused := 0
	for g := range 4 {
		wg.Go(func() {
			for i := range 10 {
				key := fmt.Sprintf("scale-%d-%d", g, i)
				body := jsonBody(map[string]string{"amount": fmt.Sprint(amount), "paid_on": "2026-11-02",
					"voucher_no": "SC-" + key})
				var copies [2]answer
				var both sync.WaitGroup
				for k := range copies {
					both.Go(func() {
						copies[k] = c.send("finance.hanoi", "POST", fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", line),
							body, map[string]string{"Idempotency-Key": key}, 201, 409)
					})
				}
				both.Wait()
				mu.Lock()
				switch {
				case copies[0].status == 201 && copies[1].status == 201:
					var a, b struct{ ID int64 }
					json.Unmarshal(copies[0].body, &a)
					json.Unmarshal(copies[1].body, &b)
					if a.ID != b.ID {
						c.fail("key %s recorded twice: %d and %d", key, a.ID, b.ID)
					}
					paid[key] = a.ID
				case copies[0].status == 409 && copies[1].status == 409:
					refused++
				default:
					c.fail("key %s answered %d and %d", key, copies[0].status, copies[1].status)
				}
				mu.Unlock()
			}
		})
	}
	// Imports: three files of five payments, each sent twice (the second
	// is recognised and records nothing).
	imported := 0
	wg.Go(func() {
		for f := range 3 {
			var csv strings.Builder
			csv.WriteString("budget_line_id,amount,paid_on,voucher_no\n")
			for r := range 5 {
				fmt.Fprintf(&csv, "%d,1000,2026-11-03,IM-%d-%d\n", other, f, r)
			}
			for range 2 {
				a := c.send("finance.hanoi", "POST", "/api/v1/provinces/01/disbursements/import", []byte(csv.String()),
					map[string]string{"Content-Type": "text/csv"}, 200)
				var res struct{ Recorded int }
				json.Unmarshal(a.body, &res)
				mu.Lock()
				imported += res.Recorded
				mu.Unlock()
			}
		}
	})
	// Plan edits: three planners edit Hà Nội's draft (its 2027 plan) with If-Match.
	edits := 0
	for g := range 3 {
		wg.Go(func() {
			for i := range 8 {
				a := c.send("planner.hanoi", "GET", fmt.Sprintf("/api/v1/plans/%d", draft), nil, nil, 200)
				res := c.send("planner.hanoi", "PATCH", fmt.Sprintf("/api/v1/plans/%d", draft),
					jsonBody(map[string]string{"narrative": fmt.Sprintf("Bản %d-%d", g, i)}),
					map[string]string{"If-Match": a.header.Get("ETag")}, 200, 412)
				if res.status == 200 {
					mu.Lock()
					edits++
					mu.Unlock()
				}
			}
		})
	}
	// Readers of the three roles.
	for _, read := range []struct{ as, path string }{{"reviewer", "/api/v1/progress/2026"},
		{"reviewer", "/api/v1/provinces/01/budget/2026"}, {"planner.hanoi", "/api/v1/plans?province_code=01&year=2026"},
		{"finance.hanoi", fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", line)}, {"planner.hanoi", "/"}} {
		wg.Go(func() {
			for range 10 {
				c.send(read.as, "GET", read.path, nil, nil, 200)
			}
		})
	}
	wg.Wait()
	for _, f := range c.failures {
		t.Error(f)
	}
	t.Logf("through the proxy: %d payments recorded, %d refused over the line; %d rows imported; %d plan edits kept",
		len(paid), refused, imported, edits)

	if len(paid) != 20 || refused != 20 {
		t.Errorf("%d payments recorded and %d refused; want 20 and 20 (the line had room for 20)", len(paid), refused)
	}
	if n := c.scalar("SELECT count(*) FROM disbursements WHERE voucher_no LIKE 'SC-%'"); n != int64(len(paid)) {
		t.Errorf("%d ledger entries for %d keys answered 201: a retry recorded twice", n, len(paid))
	}
	if left := c.scalar("SELECT amount FROM budget_lines WHERE id = ?", line) -
		c.scalar("SELECT sum(amount) FROM disbursements WHERE budget_line_id = ?", line); left < 0 {
		t.Errorf("the line is overspent by %d", -left)
	}
	if imported != 15 || c.scalar("SELECT count(*) FROM disbursements WHERE voucher_no LIKE 'IM-%'") != 15 {
		t.Errorf("imports recorded %d rows, want 15 (each file once)", imported)
	}
	if got := c.scalar("SELECT revision FROM plans WHERE id = ?", draft) - revision; got != int64(edits) {
		t.Errorf("the draft moved %d revisions for %d edits answered 200: an edit was lost or doubled", got, edits)
	}
	ledger := c.scalar("SELECT sum(amount) FROM disbursements WHERE province_code = '01' AND year = 2026")
	if want := before + int64(len(paid))*amount + 15*1000; ledger != want {
		t.Errorf("the ledger sums %d, want %d", ledger, want)
	}
	c.sameSummaryEverywhere(ledger)
}

// sameSummaryEverywhere checks that each instance answers the summary of
// Hà Nội 2026 alike, its disbursed the ledger's sum, within every limit.
func (c *cluster) sameSummaryEverywhere(ledger int64) {
	var first []byte
	for i, base := range c.direct {
		a := c.sendTo(base, "reviewer", "GET", "/api/v1/provinces/01/budget/2026", nil, nil, 200)
		var s struct {
			Total struct {
				Disbursed string `json:"disbursed"`
			} `json:"total"`
		}
		json.Unmarshal(a.body, &s)
		if s.Total.Disbursed != fmt.Sprint(ledger) {
			c.t.Errorf("instance %d: disbursed %s, the ledger sums %d", i, s.Total.Disbursed, ledger)
		}
		body := bytes.ReplaceAll(a.body, []byte(base), nil)
		if first != nil && !bytes.Equal(body, first) {
			c.t.Errorf("instance %d answers another summary than instance 0", i)
		}
		first = body
	}
	sum, err := c.services[2].Budget.Summary(context.Background(), access.SystemAs("test", access.Reviewer), "01", 2026)
	if err != nil {
		c.t.Fatal(err)
	}
	if int64(sum.Central.Remaining) < 0 {
		c.t.Errorf("central funds overspent: %+v", sum.Central)
	}
}
