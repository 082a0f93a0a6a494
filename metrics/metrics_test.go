package metrics_test

import (
	"context"
	"errors"
	"math"
	"net/http/httptest"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"baove/metrics"
)

// outbox is a backlog of n messages, or one that cannot be read.
type outbox struct {
	n   int64
	err error
}

func (o outbox) Backlog(context.Context) (int64, error) { return o.n, o.err }

func scrape(t *testing.T, m *metrics.Metrics) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	return families
}

func backlog(t *testing.T, o metrics.Backlog) *dto.MetricFamily {
	return scrape(t, metrics.New(metrics.Options{Outbox: o}))["baove_outbox_backlog"]
}

func TestOutboxBacklog_IsServedOnlyForAnOutboxAndUnknownWhenItCannotBeRead(t *testing.T) {
	if f := backlog(t, nil); f != nil {
		t.Errorf("without an outbox the backlog is served: %v", f)
	}
	if f := backlog(t, outbox{n: 7}); f.GetMetric()[0].GetGauge().GetValue() != 7 {
		t.Errorf("an outbox of 7 messages: %v", f)
	}
	if f := backlog(t, outbox{err: errors.New("down")}); !math.IsNaN(f.GetMetric()[0].GetGauge().GetValue()) {
		t.Errorf("an outbox that cannot be read: %v, want NaN", f)
	}
}

func TestMetrics_ANilMetricsCountsNothingAndDoesNotPanic(t *testing.T) {
	var m *metrics.Metrics
	m.Request("get-province", "GET", 200, 0)
	m.LedgerWrite("payment", 1)
	m.LedgerRefused("ledger.over_line")
	m.Import("disbursements", "recorded", 3, 0)
	m.SignInRefused("failed", "api")
}
