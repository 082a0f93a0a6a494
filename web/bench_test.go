package web_test

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"testing"

	"baove/admit"
	"baove/api"
	"baove/app"
	"baove/bench"
	"baove/web"
)

// pageUsers is how many people the pages' benchmark has reading at once.
const pageUsers = 50

// BenchmarkPagesHTTP times the pages a reviewer opens for the busiest
// province-year of a generated database, the national and reporting
// pages of that year and the reviewer's home (see BENCHMARKS.md), with 50
// users at once over loopback on a real server and listener signed in by
// the pages' cookie, each against the API's JSON answers of the same data
// through the same server and cookie, one after the other: its limit (for
// the plan page: the plan, its budget lines, versions, comments and
// attachments). It reports the page's
// throughput and latency (p99-ms) and how many times the API's throughput
// the page's is (x-limit).
func BenchmarkPagesHTTP(b *testing.B) {
	bench.Engines(b, func(b *testing.B, s *bench.Services) {
		base := servePages(b, s)
		cookie := api.SessionCookie + "=" + s.Token(b)
		for _, c := range pageCases(b, s) {
			b.Run(c.name, func(b *testing.B) {
				page := bench.Requests{URL: base + c.page, Header: "Cookie", Value: cookie, Clients: pageUsers}
				json := page
				json.URL = base + api.Prefix + c.api
				json.Also = nil
				for _, a := range c.also {
					json.Also = append(json.Also, base+api.Prefix+a)
				}
				bench.Send(b, page, pageUsers) // warm the pools and caches
				b.ResetTimer()
				op := bench.Send(b, page, b.N)
				limit := bench.Send(b, json, b.N)
				bench.ReportLoad(b, op, limit)
			})
		}
	})
}

// pageCase is a page of the benchmarks and the API's paths (after
// api.Prefix) that answer the same data: api, then also in turn.
type pageCase struct {
	name, page, api string
	also            []string
}

// pageCases are the pages a reviewer opens for the busiest province-year
// of s, the national and reporting pages of its year and the reviewer's
// home, each with the API's answers of the same data.
func pageCases(b *testing.B, s *bench.Services) []pageCase {
	b.Helper()
	t := s.Target
	var plan int64
	err := s.DB.NewRaw("SELECT id FROM plans WHERE province_code = ? AND year = ? AND status = 'approved'",
		string(t.Province), t.Year).Scan(b.Context(), &plan)
	if err != nil {
		b.Fatalf("the plan in force of %s in %d: %v", t.Province, t.Year, err)
	}
	q := fmt.Sprintf("?province=%s&year=%d", t.Province, t.Year)
	today := s.Clock.Today()
	quarter := fmt.Sprintf("%d-Q%d", today.Year(), (int(today.Time().Month())-1)/3) // the last one ended
	if today.Time().Month() <= 3 {
		quarter = fmt.Sprintf("%d-Q4", today.Year()-1)
	}
	py := fmt.Sprintf("/provinces/%s/%%s/%d", t.Province, t.Year)
	pp := fmt.Sprintf("/plans/%d", plan)
	return []pageCase{
		{"plan", pp, pp, []string{pp + "/budget-lines", pp + "/versions", pp + "/comments", pp + "/attachments"}},
		{"staffing", "/staffing" + q, fmt.Sprintf(py, "staffing"), nil},
		{"progress", "/progress" + q, fmt.Sprintf(py, "progress"), nil},
		{"compliance", "/compliance" + q, fmt.Sprintf(py, "compliance"), nil},
		// The national page against the national progress and reporting:
		// what of it the API answers for a year in two requests (its
		// budgets and compliance would be two more for each province).
		{"national", fmt.Sprintf("/national?year=%d", t.Year), fmt.Sprintf("/progress/%d", t.Year),
			[]string{fmt.Sprintf("/reporting/%d", t.Year)}},
		{"reporting", fmt.Sprintf("/reporting?period=%d", t.Year), fmt.Sprintf("/reporting/%d", t.Year), nil},
		// A province's plans, every year, and the provinces to choose from.
		{"plans", "/plans?province=" + string(t.Province), "/plans?province=" + string(t.Province), []string{"/provinces"}},
		// The reviewer's home: the account, this year's plans of every
		// province, the provinces, and the last quarter's reporting.
		{"home", "/", "/me", []string{fmt.Sprintf("/plans?year=%d", today.Year()), "/provinces", "/reporting/" + quarter}},
	}
}

// servePagesInProcess returns the pages and the API over s, as serve
// builds them: with its gate for reads, of serve's default number of turns
// unless BAOVE_BENCH_TURNS says another. Logs are written, as in production, but thrown away.
func servePagesInProcess(b *testing.B, s *bench.Services) http.Handler {
	b.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	n, _ := strconv.Atoi(os.Getenv("BAOVE_BENCH_TURNS")) // to try other numbers; 0 is serve's
	gate := admit.New(app.ReadTurns(n, s.DB.Engine), admit.DefaultWait)
	return web.New(s.Services, log, web.API(api.New(s.Services, log, "bench", api.Admit(gate))), web.Admit(gate))
}

// servePages serves the pages and the API over s on a loopback listener
// until the benchmark ends, as serve does; it returns the base URL.
func servePages(b *testing.B, s *bench.Services) string {
	b.Helper()
	h := servePagesInProcess(b, s)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := &http.Server{Handler: h}
	go hs.Serve(ln)
	b.Cleanup(func() { hs.Close() })
	return "http://" + ln.Addr().String()
}
