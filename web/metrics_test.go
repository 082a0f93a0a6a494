package web_test

import (
	"net/http/httptest"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"baove/access"
	"baove/database"
	"baove/database/dbtest"
	"baove/metrics"
	"baove/web"
	"baove/web/webtest"
)

// series returns the value of the series of family whose labels are all of
// want (a counter's value, a histogram's count).
func series(t *testing.T, m *metrics.Metrics, family string, want map[string]string) float64 {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("parse the metrics: %v", err)
	}
	for _, s := range families[family].GetMetric() {
		if labelled(s, want) {
			return s.GetCounter().GetValue() + float64(s.GetHistogram().GetSampleCount())
		}
	}
	return 0
}

func labelled(s *dto.Metric, want map[string]string) bool {
	found := 0
	for _, l := range s.GetLabel() {
		if v, ok := want[l.GetName()]; ok && v == l.GetValue() {
			found++
		}
	}
	return found == len(want)
}

func TestMetrics_CountPagesByRouteAndTheirRefusedSignIns(t *testing.T) {
	m := metrics.New(metrics.Options{})
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite), web.WithMetrics(m))
	get(t, s, "/signin")
	get(t, s, "/signin")
	get(t, s, "/no/such/page/4711")
	for range access.MaxFailures + 1 {
		wrongPassword(t, s, "planner.hcm")
	}
	ok := map[string]string{"operation": "/signin", "method": "GET", "status": "200"}
	if n := series(t, m, "baove_http_requests_total", ok); n != 2 {
		t.Errorf("GET /signin counted %v times, want 2", n)
	}
	if n := series(t, m, "baove_http_request_duration_seconds", map[string]string{"operation": "/signin",
		"method": "GET"}); n != 2 {
		t.Errorf("GET /signin durations observed %v times, want 2", n)
	}
	failed := series(t, m, "baove_signin_refusals_total", map[string]string{"reason": "failed", "via": "pages"})
	throttled := series(t, m, "baove_signin_refusals_total", map[string]string{"reason": "throttled", "via": "pages"})
	if failed != access.MaxFailures || throttled != 1 {
		t.Errorf("sign-ins refused on the pages: %v failed, %v throttled; want %d and 1", failed, throttled,
			access.MaxFailures)
	}
	if n := series(t, m, "baove_http_requests_total", map[string]string{"status": "404"}); n == 0 {
		t.Error("the unknown page was not counted")
	}
}
