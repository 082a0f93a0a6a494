package bench

import (
	"context"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"baove"
	"baove/access"
)

// Clients is how many clients the HTTP benchmarks run at once.
const Clients = 32

// Load is what a run of requests measured.
type Load struct {
	Requests  int
	Elapsed   time.Duration
	Latencies []time.Duration // sorted
}

// Throughput returns requests per second.
func (l Load) Throughput() float64 { return float64(l.Requests) / l.Elapsed.Seconds() }

// Percentile returns the latency below which p percent of requests
// finished.
func (l Load) Percentile(p float64) time.Duration {
	if len(l.Latencies) == 0 {
		return 0
	}
	return l.Latencies[min(int(float64(len(l.Latencies))*p/100), len(l.Latencies)-1)]
}

// Run sends n GET requests to url with the bearer token from Clients
// clients at once, over connections kept alive, and measures them. It
// fails the benchmark on any answer but 200.
func Run(b *testing.B, url, token string, n int) Load {
	b.Helper()
	return Send(b, Requests{URL: url, Header: "Authorization", Value: "Bearer " + token, Clients: Clients}, n)
}

// Requests is what Send sends: GET URL (then each of Also, in turn, as
// one operation) with one header (the credential), from Clients clients
// at once.
type Requests struct {
	URL           string
	Also          []string
	Header, Value string
	Clients       int
}

// Send sends n requests as r says, over connections kept alive, and
// measures them. It fails the benchmark on any answer but 200.
func Send(b *testing.B, r Requests, n int) Load {
	b.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: r.Clients, MaxConnsPerHost: r.Clients}}
	defer client.CloseIdleConnections()
	var next atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	l := Load{Requests: n}
	start := time.Now()
	for range r.Clients {
		wg.Go(func() {
			var mine []time.Duration
			for next.Add(1) <= int64(n) {
				mine = append(mine, get(b, client, r))
			}
			mu.Lock()
			l.Latencies = append(l.Latencies, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	l.Elapsed = time.Since(start)
	slices.Sort(l.Latencies)
	return l
}

func get(b *testing.B, client *http.Client, r Requests) time.Duration {
	start := time.Now()
	for _, url := range append([]string{r.URL}, r.Also...) {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		req.Header.Set(r.Header, r.Value)
		res, err := client.Do(req)
		if err != nil {
			b.Error(err)
			return 0
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Errorf("GET %s: %s", url, res.Status)
		}
	}
	return time.Since(start)
}

// ReportLoad reports the throughput and the median and 99th-percentile
// latency of op and of its limit, and how many times the limit's
// throughput op's is (x-limit).
func ReportLoad(b *testing.B, op, limit Load) {
	b.Helper()
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(op.Throughput(), "req/s")
	b.ReportMetric(Millis(op.Percentile(50)), "p50-ms")
	b.ReportMetric(Millis(op.Percentile(99)), "p99-ms")
	b.ReportMetric(limit.Throughput(), "limit-req/s")
	b.ReportMetric(Millis(limit.Percentile(50)), "limit-p50-ms")
	b.ReportMetric(Millis(limit.Percentile(99)), "limit-p99-ms")
	b.ReportMetric(limit.Throughput()/op.Throughput(), "x-limit")
}

// benchPassword is the password of the benchmark's reviewer: a generated
// database holds no real data.
const benchPassword = "bench-password"

// Token returns a login token of the reviewer "bench.reviewer", whom it
// creates on first use.
func (s *Services) Token(b *testing.B) string {
	b.Helper()
	ctx := context.Background()
	_, err := s.Access.UserByUsername(ctx, Reviewer.Username)
	if baove.ErrorCode(err) == baove.ENOTFOUND {
		_, err = s.Access.CreateUser(ctx, access.System("bench"), access.NewUser{Username: Reviewer.Username,
			FullName: "Benchmark reviewer", Role: access.Reviewer, Password: benchPassword})
	}
	if err != nil {
		b.Fatalf("bench: reviewer: %v", err)
	}
	sess, err := s.Access.Login(ctx, access.Attempt{Username: Reviewer.Username, Password: benchPassword, RequestID: "bench"})
	if err != nil {
		b.Fatalf("bench: login: %v", err)
	}
	return sess.Token
}
