package api

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"

	"baove/access"
	"baove/bench"
)

// BenchmarkBudgetSummaryHTTP times GET /api/v1/provinces/{code}/budget/{year}
// with bench.Clients clients at once over loopback, on a real server and
// listener, authenticated as a reviewer, against a trivial operation
// registered on the same router behind the same middleware (request id,
// recovery, access log, authentication, path validation). It runs over the
// generated databases bench names (see BENCHMARKS.md).
func BenchmarkBudgetSummaryHTTP(b *testing.B) {
	bench.Engines(b, func(b *testing.B, s *bench.Services) {
		base := serveBench(b, s)
		token := s.Token(b)
		t := s.Target
		summary := fmt.Sprintf("%s%s/provinces/%s/budget/%d", base, Prefix, t.Province, t.Year)
		noop := fmt.Sprintf("%s%s/bench/noop/%s/%d", base, Prefix, t.Province, t.Year)
		bench.Run(b, summary, token, bench.Clients) // warm the pools and caches
		b.ResetTimer()
		op := bench.Run(b, summary, token, b.N)
		limit := bench.Run(b, noop, token, b.N)
		bench.ReportLoad(b, op, limit)
	})
}

// noopOutput is the trivial operation's answer.
type noopOutput struct {
	Body struct {
		OK bool `json:"ok"`
	}
}

// serveBench serves the API over s on a loopback listener, with the
// trivial operation added, until the benchmark ends; it returns the base
// URL. The access log is written, as in production, but thrown away.
func serveBench(b *testing.B, s *bench.Services) string {
	b.Helper()
	srv := New(s.Services, slog.New(slog.NewTextHandler(io.Discard, nil)), "bench")
	noop := func(ctx context.Context, in *ProvinceYearPath) (*noopOutput, error) {
		out := &noopOutput{}
		out.Body.OK = true
		return out, nil
	}
	srv.group(Prefix, "bench").add(http.MethodGet, "/bench/noop/{code}/{year}",
		inProvince(access.Reviewer, access.Planner, access.Finance), call(noop), "bench-noop", "A trivial operation")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := &http.Server{Handler: srv}
	go hs.Serve(ln)
	b.Cleanup(func() { hs.Close() })
	return "http://" + ln.Addr().String()
}
