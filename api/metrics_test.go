package api_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"baove/access"
	"baove/api"
	"baove/database"
	"baove/database/dbtest"
	"baove/metrics"
)

const metricsToken = "metrics-secret"

// withMetrics serves the metrics of a fresh registry at /metrics behind
// metricsToken.
func withMetrics(m *metrics.Metrics) func(*envConfig) {
	return func(c *envConfig) { c.server = append(c.server, api.WithMetrics(m), api.ServeMetrics(m, metricsToken)) }
}

// scrape reads /metrics with the token and parses it with Prometheus's own
// parser.
func (e *env) scrape() map[string]*dto.MetricFamily {
	e.t.Helper()
	res, _ := e.send("", "GET", "/metrics", nil, map[string]string{"Authorization": "Bearer " + metricsToken})
	if res.StatusCode != 200 {
		e.t.Fatalf("GET /metrics with the token: %d", res.StatusCode)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(bytes.NewReader(res.body))
	if err != nil {
		e.t.Fatalf("parse /metrics: %v", err)
	}
	return families
}

// value returns the value of the series of family whose labels include
// want, summed over the others; histograms give their count.
func value(families map[string]*dto.MetricFamily, family string, want map[string]string) float64 {
	var sum float64
	for _, m := range families[family].GetMetric() {
		if !hasLabels(m, want) {
			continue
		}
		switch {
		case m.Counter != nil:
			sum += m.Counter.GetValue()
		case m.Gauge != nil:
			sum += m.Gauge.GetValue()
		case m.Histogram != nil:
			sum += float64(m.Histogram.GetSampleCount())
		}
	}
	return sum
}

func hasLabels(m *dto.Metric, want map[string]string) bool {
	found := 0
	for _, l := range m.GetLabel() {
		if v, ok := want[l.GetName()]; ok && (v == l.GetValue() || v == "*") {
			found++
		}
	}
	return found == len(want)
}

func TestMetrics_ParseAndCountARequestByOperation(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite), withMetrics(metrics.New(metrics.Options{Version: "test"})))
	for range 3 {
		e.do(planner, "GET", "/api/v1/provinces/01", nil, nil)
	}
	e.do(planner, "GET", "/api/v1/provinces/99", nil, nil)
	e.do(planner, "GET", "/api/v1/no/such/path/4711", nil, nil)
	f := e.scrape()
	if n := value(f, "baove_http_requests_total", map[string]string{"operation": "get-province", "status": "200"}); n != 3 {
		t.Errorf("get-province 200 counted %v times, want 3", n)
	}
	if n := value(f, "baove_http_requests_total", map[string]string{"operation": "get-province", "status": "404"}); n != 1 {
		t.Errorf("get-province 404 counted %v times, want 1", n)
	}
	if n := value(f, "baove_http_request_duration_seconds", map[string]string{"operation": "get-province"}); n != 4 {
		t.Errorf("get-province durations observed %v times, want 4", n)
	}
	for _, m := range f["baove_http_requests_total"].GetMetric() {
		for _, l := range m.GetLabel() {
			if strings.Contains(l.GetValue(), "4711") {
				t.Errorf("a raw path made a series: %v", m)
			}
		}
	}
	for _, name := range []string{"go_goroutines", "process_cpu_seconds_total", "baove_build_info"} {
		if f[name] == nil {
			t.Errorf("no %s", name)
		}
	}
}

func TestMetrics_AnswerUnauthorizedWithoutTheToken(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite), withMetrics(metrics.New(metrics.Options{})))
	for _, auth := range []string{"", "Bearer wrong", "Basic " + metricsToken} {
		res, _ := e.send("", "GET", "/metrics", nil, map[string]string{"Authorization": auth})
		if res.StatusCode != http.StatusUnauthorized || bytes.Contains(res.body, []byte("go_goroutines")) {
			t.Errorf("GET /metrics with %q: %d, want 401 and no metrics", auth, res.StatusCode)
		}
	}
	plain := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	if res := plain.do("", "GET", "/metrics", nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /metrics on a server without --metrics-token: %d, want 404", res.StatusCode)
	}
}

func TestMetrics_CountLedgerRefusalsByRuleAndSignInFailures(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	e := newEnv(t, db, withMetrics(metrics.New(metrics.Options{DB: db.DB.DB})))
	e.loadDemo()
	var line int64
	if err := db.NewRaw(`SELECT l.id FROM budget_lines AS l JOIN plans AS p ON p.id = l.plan_id
		WHERE p.province_code = '01' AND p.year = 2026 AND p.status = 'approved' LIMIT 1`).Scan(context.Background(), &line); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", line)
	if res := e.do("finance.hanoi", "POST", path, map[string]string{"amount": "999999999999", "paid_on": "2026-11-02",
		"voucher_no": "M-1"}, nil); res.StatusCode != 409 {
		t.Fatalf("an overspending payment: %d, want 409", res.StatusCode)
	}
	if res := e.do("finance.hanoi", "POST", path, map[string]string{"amount": "1000", "paid_on": "2026-11-02",
		"voucher_no": "M-2"}, nil); res.StatusCode != 201 {
		t.Fatalf("a payment: %d, want 201", res.StatusCode)
	}
	e.do("", "POST", "/api/v1/auth/login", map[string]string{"username": "finance.hanoi", "password": "wrong password"}, nil)
	f := e.scrape()
	if n := value(f, "baove_ledger_refusals_total", map[string]string{"rule": "ledger.over_line"}); n != 1 {
		t.Errorf("ledger.over_line refusals %v, want 1: %v", n, f["baove_ledger_refusals_total"])
	}
	if n := value(f, "baove_ledger_entries_written_total", map[string]string{"kind": "payment"}); n != 1 {
		t.Errorf("payments written %v, want 1", n)
	}
	if n := value(f, "baove_signin_refusals_total", map[string]string{"reason": "failed", "via": "api"}); n != 1 {
		t.Errorf("sign-in failures %v, want 1", n)
	}
	if f["go_sql_in_use_connections"] == nil || f["go_sql_wait_count_total"] == nil {
		t.Error("no database pool metrics")
	}
}

func TestMetrics_CountImportsByOutcomeWithTheirRowsAndThrottledSignIns(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	e := newEnv(t, db, withMetrics(metrics.New(metrics.Options{})))
	line := e.approvedLine(t)
	path := "/api/v1/provinces/11/disbursements/import"
	for _, file := range [][]byte{paymentsCSV(line.ID, "MI", 3), paymentsCSV(line.ID, "MI", 3),
		[]byte("budget_line_id,amount,paid_on,voucher_no\nnot a line,1,2026-03-01,X-1\n")} {
		e.sendRaw("finance.dienbien", "POST", path, file, "text/csv")
	}
	stranger := e.from("127.0.0.3")
	for range access.MaxFailures + 1 {
		stranger.send("", "POST", "/api/v1/auth/login", creds("finance.hcm", "a stranger's guess"), nil)
	}
	f := e.scrape()
	for outcome, want := range map[string]float64{"recorded": 1, "replayed": 1, "refused": 1} {
		if n := value(f, "baove_imports_total", map[string]string{"kind": "disbursements", "outcome": outcome}); n != want {
			t.Errorf("imports %s: %v, want %v", outcome, n, want)
		}
	}
	if n := value(f, "baove_import_rows_total", map[string]string{"kind": "disbursements"}); n != 3 {
		t.Errorf("imported rows %v, want 3", n)
	}
	if n := value(f, "baove_import_duration_seconds", map[string]string{"kind": "disbursements"}); n != 3 {
		t.Errorf("import durations observed %v times, want 3", n)
	}
	if n := value(f, "baove_ledger_entries_written_total", map[string]string{"kind": "import"}); n != 3 {
		t.Errorf("ledger entries written by imports %v, want 3", n)
	}
	failed := value(f, "baove_signin_refusals_total", map[string]string{"reason": "failed", "via": "api"})
	throttled := value(f, "baove_signin_refusals_total", map[string]string{"reason": "throttled", "via": "api"})
	if failed != access.MaxFailures || throttled != 1 {
		t.Errorf("sign-ins refused: %v failed and %v throttled, want %d and 1", failed, throttled, access.MaxFailures)
	}
}
