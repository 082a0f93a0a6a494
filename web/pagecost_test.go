package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"baove/api"
	"baove/bench"
)

// statements counts the SQL statements bun sends while it is on, and
// prints them when PAGECOST_SQL is set.
type statements struct {
	on, print atomic.Bool
	n         atomic.Int64
}

func (c *statements) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	if c.on.Load() {
		c.n.Add(1)
		if c.print.Load() {
			fmt.Fprintln(os.Stderr, "SQL:", e.Query)
		}
	}
	return ctx
}

func (c *statements) AfterQuery(context.Context, *bun.QueryEvent) {}

// pageCall is one request served in process, as it is measured.
type pageCall struct {
	took       time.Duration
	statements int64
	bytes      int
}

// BenchmarkPageCost serves each page of BenchmarkPagesHTTP and the API's
// answers of the same data one request at a time in process (no network,
// no other client), alternately, and reports the time of each, their
// ratio (x-limit), the SQL statements each sends and the bytes each
// answers, and allocations per request (their count and size). Where BenchmarkPagesHTTP measures
// a loaded server, this measures what one request costs: it is steadier on
// a shared machine, and the first thing to look at when a page is slow.
// With PAGECOST_SQL=1 it prints every statement it counts.
func BenchmarkPageCost(b *testing.B) {
	bench.Engines(b, func(b *testing.B, s *bench.Services) {
		h := servePagesInProcess(b, s)
		cookie := &http.Cookie{Name: api.SessionCookie, Value: s.Token(b)}
		count := &statements{}
		count.print.Store(os.Getenv("PAGECOST_SQL") != "")
		s.DB.AddQueryHook(count)
		serve := func(paths ...string) pageCall {
			var c pageCall
			count.n.Store(0)
			count.on.Store(true)
			start := time.Now()
			for _, p := range paths {
				req := httptest.NewRequest(http.MethodGet, p, nil)
				req.AddCookie(cookie)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s: %d", p, rec.Code)
				}
				c.bytes += rec.Body.Len()
			}
			c.took = time.Since(start)
			count.on.Store(false)
			c.statements = count.n.Load()
			return c
		}
		for _, c := range pageCases(b, s) {
			b.Run(c.name, func(b *testing.B) {
				apis := []string{api.Prefix + c.api}
				for _, a := range c.also {
					apis = append(apis, api.Prefix+a)
				}
				pageAllocs, pageBytes := allocations(func() { serve(c.page) })
				apiAllocs, apiBytes := allocations(func() { serve(apis...) })
				var page, json pageCall
				b.ResetTimer()
				for range b.N {
					p, j := serve(c.page), serve(apis...)
					page.took += p.took
					json.took += j.took
					page.statements, json.statements, page.bytes, json.bytes = p.statements, j.statements, p.bytes, j.bytes
				}
				b.ReportMetric(0, "ns/op")
				n := float64(b.N)
				b.ReportMetric(float64(page.took.Microseconds())/n, "page-µs")
				b.ReportMetric(float64(json.took.Microseconds())/n, "api-µs")
				b.ReportMetric(float64(page.took)/float64(json.took), "x-limit")
				b.ReportMetric(float64(page.statements), "page-stmts")
				b.ReportMetric(float64(json.statements), "api-stmts")
				b.ReportMetric(float64(page.bytes), "page-bytes")
				b.ReportMetric(float64(json.bytes), "api-bytes")
				b.ReportMetric(pageAllocs, "page-allocs")
				b.ReportMetric(apiAllocs, "api-allocs")
				b.ReportMetric(pageBytes/1024, "page-alloc-KB")
				b.ReportMetric(apiBytes/1024, "api-alloc-KB")
			})
		}
	})
}

// allocations returns how many allocations fn makes, and how many bytes
// they hold, on average over a few runs after a first one (the recorder's
// body included, for the page as for the API).
func allocations(fn func()) (allocs, bytes float64) {
	const runs = 10
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	fn()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		fn()
	}
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / runs, float64(after.TotalAlloc-before.TotalAlloc) / runs
}
