package bench

import (
	"context"
	"testing"
	"time"
)

// Compare runs op and its limit one after the other b.N times, in turns
// so that neither always runs on a warmer cache, and reports the mean time
// of each, in ms/op and limit-ms/op, and their ratio, x-limit. It fails the
// benchmark on the first error.
func Compare(b *testing.B, op, limit func(context.Context) error) {
	b.Helper()
	ctx := context.Background()
	var opTime, limitTime time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		first, second := op, limit
		if i%2 == 1 {
			first, second = limit, op
		}
		d1, d2 := timed(b, ctx, first), timed(b, ctx, second)
		if i%2 == 1 {
			d1, d2 = d2, d1
		}
		opTime, limitTime = opTime+d1, limitTime+d2
	}
	Report(b, opTime, limitTime)
}

func timed(b *testing.B, ctx context.Context, fn func(context.Context) error) time.Duration {
	b.Helper()
	start := time.Now()
	if err := fn(ctx); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// Report reports the mean times of b.N operations and of their limits, and
// their ratio, in place of ns/op.
func Report(b *testing.B, op, limit time.Duration) {
	b.Helper()
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(Millis(op)/float64(b.N), "ms/op")
	b.ReportMetric(Millis(limit)/float64(b.N), "limit-ms/op")
	b.ReportMetric(float64(op)/float64(limit), "x-limit")
}

// Millis returns d in milliseconds.
func Millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
