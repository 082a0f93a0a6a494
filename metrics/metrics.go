// Package metrics counts what the service does for the people who keep it
// running, in Prometheus's text format: HTTP requests by operation, status
// and duration; the database pool; ledger writes and the rules that refused
// them; imports; sign-in failures and throttles; the backlog of an outbox,
// when one is given; the Go runtime and the process. The API and the pages report
// into it; cmd serves it at /metrics. A nil *Metrics counts nothing, so
// that the adapters need no metrics to run.
package metrics

import (
	"context"
	"database/sql"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Backlog is what waits to be sent: a notifications outbox implements it
// (the number of messages not yet delivered). The service has no outbox yet,
// so it gives none and baove_outbox_backlog is not served: a gauge reading 0
// would say that everything was delivered.
type Backlog interface {
	Backlog(ctx context.Context) (int64, error)
}

// Options are what New needs.
type Options struct {
	// DB is the database pool whose connections are watched.
	DB *sql.DB
	// Outbox, when set, is read for the gauge baove_outbox_backlog, which
	// is served only then.
	Outbox Backlog
	// Version is the build's version, published as baove_build_info.
	Version string
}

// Metrics holds the service's metrics in a registry of its own.
type Metrics struct {
	reg            *prometheus.Registry
	requests       *prometheus.CounterVec
	duration       *prometheus.HistogramVec
	ledgerWrites   *prometheus.CounterVec
	ledgerRefusals *prometheus.CounterVec
	imports        *prometheus.CounterVec
	importRows     *prometheus.CounterVec
	importDuration *prometheus.HistogramVec
	signIn         *prometheus.CounterVec
}

// New returns the metrics, with the Go runtime's, the process's and, when
// opts.DB is set, the database pool's collectors registered.
func New(opts Options) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = m.counter("baove_http_requests_total",
		"HTTP requests answered, by operation (the API's operation id or the page's route), method and status.",
		"operation", "method", "status")
	m.duration = m.histogram("baove_http_request_duration_seconds",
		"Time to answer HTTP requests, by operation and method.", "operation", "method")
	m.ledgerWrites = m.counter("baove_ledger_entries_written_total",
		"Disbursement ledger entries written, by how (payment, reversal, import).", "kind")
	m.ledgerRefusals = m.counter("baove_ledger_refusals_total",
		"Ledger writes refused, by the rule that refused them (its message key, e.g. ledger.over_line).", "rule")
	m.imports = m.counter("baove_imports_total", "Imported files, by kind and outcome (recorded, refused, replayed).",
		"kind", "outcome")
	m.importRows = m.counter("baove_import_rows_total", "Rows recorded from imported files, by kind.", "kind")
	m.importDuration = m.histogram("baove_import_duration_seconds", "Time to read, check and record a file, by kind.",
		"kind")
	m.signIn = m.counter("baove_signin_refusals_total",
		"Sign-ins refused, by reason (failed: a wrong password or unknown user; throttled: too many failures) and via "+
			"(api or pages).", "reason", "via")
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		buildInfo(opts.Version))
	if opts.Outbox != nil {
		m.reg.MustRegister(backlog(opts.Outbox))
	}
	if opts.DB != nil {
		m.reg.MustRegister(collectors.NewDBStatsCollector(opts.DB, "baove"))
	}
	return m
}

func (m *Metrics) counter(name, help string, labels ...string) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	m.reg.MustRegister(c)
	return c
}

// buckets run from 5 ms to a minute: reads answer in milliseconds, reports
// and imports of large files take seconds.
var buckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}

func (m *Metrics) histogram(name, help string, labels ...string) *prometheus.HistogramVec {
	h := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: name, Help: help, Buckets: buckets}, labels)
	m.reg.MustRegister(h)
	return h
}

// backlog is the outbox gauge, read when scraped (NaN when it cannot be
// read within a second: unknown, not empty).
func backlog(outbox Backlog) prometheus.Collector {
	return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "baove_outbox_backlog",
		Help: "Messages in the notifications outbox not yet delivered."}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		n, err := outbox.Backlog(ctx)
		if err != nil {
			return math.NaN()
		}
		return float64(n)
	})
}

func buildInfo(version string) prometheus.Collector {
	g := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "baove_build_info",
		Help: "Always 1; its label is the build's version."}, []string{"version"})
	g.WithLabelValues(version).Set(1)
	return g
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Request counts an HTTP request answered with status after d.
func (m *Metrics) Request(operation, method string, status int, d time.Duration) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(operation, method, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(operation, method).Observe(d.Seconds())
}

// LedgerWrite counts n ledger entries written by kind (payment, reversal,
// import).
func (m *Metrics) LedgerWrite(kind string, n int) {
	if m != nil && n > 0 {
		m.ledgerWrites.WithLabelValues(kind).Add(float64(n))
	}
}

// LedgerRefused counts a ledger write refused by rule, the message key of
// the refusal.
func (m *Metrics) LedgerRefused(rule string) {
	if m != nil {
		m.ledgerRefusals.WithLabelValues(rule).Inc()
	}
}

// Import counts a file of kind read in d, with outcome (recorded, refused,
// replayed) and the rows it recorded.
func (m *Metrics) Import(kind, outcome string, rows int, d time.Duration) {
	if m == nil {
		return
	}
	m.imports.WithLabelValues(kind, outcome).Inc()
	m.importRows.WithLabelValues(kind).Add(float64(rows))
	m.importDuration.WithLabelValues(kind).Observe(d.Seconds())
}

// SignInRefused counts a sign-in refused for reason (failed, throttled)
// via the api or the pages.
func (m *Metrics) SignInRefused(reason, via string) {
	if m != nil {
		m.signIn.WithLabelValues(reason, via).Inc()
	}
}
