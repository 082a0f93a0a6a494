package api

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/go-chi/chi/v5"

	"baove"
	"baove/i18n"
	"baove/metrics"
)

// WithMetrics reports requests, ledger writes and refusals, imports and
// sign-in refusals into m.
func WithMetrics(m *metrics.Metrics) Option { return func(s *Server) { s.metrics = m } }

// ServeMetrics answers GET /metrics with m to callers sending token as
// Authorization: Bearer (401 otherwise). Without it /metrics is 404: the
// metrics are then served on their own listener, if anywhere.
func ServeMetrics(m *metrics.Metrics, token string) Option {
	return func(s *Server) { s.metricsPage, s.metricsToken = m.Handler(), token }
}

// MetricsPath is where the metrics are served.
const MetricsPath = "/metrics"

const infoKey ctxKey = 103

// requestInfo is what the layers inside a request learn for its access log
// line and its metrics: the operation it reached and who made it.
type requestInfo struct {
	operation string
	user      string
}

func infoOf(ctx context.Context) *requestInfo {
	i, _ := ctx.Value(infoKey).(*requestInfo)
	return i
}

// operation records the operation a request reached.
func (s *Server) operation(ctx huma.Context, next func(huma.Context)) {
	if i := infoOf(ctx.Context()); i != nil {
		i.operation = ctx.Operation().OperationID
	}
	next(ctx)
}

// operationOf names what r reached for logs and metrics: its operation id,
// else the route's pattern (/docs/*), never the raw path, so that a
// scanner's paths do not each make a series.
func operationOf(r *http.Request, i *requestInfo) string {
	if i.operation != "" {
		return i.operation
	}
	if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" {
		return rc.RoutePattern()
	}
	return "unmatched"
}

// serveMetrics guards the metrics with their bearer token.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	if s.metricsPage == nil {
		s.notFound(w, r)
		return
	}
	token, ok := bearer(r.Header.Get("Authorization"))
	if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(s.metricsToken)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="baove metrics"`)
		writeProblem(w, http.StatusUnauthorized, i18n.Text(Lang(r.Context()), "request.metrics_token", nil))
		return
	}
	s.metricsPage.ServeHTTP(w, r)
}

// ledgerWrites are the operations that write the ledger, by the kind of
// entries they write.
var ledgerWrites = map[string]string{"disburse": "payment", "reverse-disbursement": "reversal",
	"import-disbursements": "import"}

// imports are the operations that read a file, by the kind of file.
var imports = map[string]string{"import-disbursements": "disbursements", "import-staffing": "staffing"}

// observe counts what an operation did: ledger entries written or the
// rules that refused them, files imported, sign-ins refused.
func (s *Server) observe(op string, out any, err error, took time.Duration) {
	if s.metrics == nil {
		return
	}
	refusedBy(err, s.metrics.LedgerRefused)
	if kind, ok := ledgerWrites[op]; ok && err == nil {
		s.metrics.LedgerWrite(kind, entries(out))
	}
	if kind, ok := imports[op]; ok {
		outcome, rows := "refused", 0
		if r, ok := out.(*ImportResult); ok && err == nil {
			outcome, rows = map[bool]string{false: "recorded", true: "replayed"}[r.Body.Replayed], r.Body.Recorded
		}
		s.metrics.Import(kind, outcome, rows, took)
	}
	if op == "login" {
		switch baove.ErrorCode(err) {
		case baove.EUNAUTHORIZED:
			s.metrics.SignInRefused("failed", "api")
		case baove.ETOOMANY:
			s.metrics.SignInRefused("throttled", "api")
		}
	}
}

// entries returns how many ledger entries an operation's answer recorded.
func entries(out any) int {
	switch o := out.(type) {
	case *DisbursementCreatedOutput:
		if o.Replayed != "" {
			return 0
		}
	case *ImportResult:
		return o.Body.Recorded
	}
	return 1
}

// refusedBy calls count with each ledger rule (message key ledger.*) that
// err names: those of its fields (an import's rows), else its own.
func refusedBy(err error, count func(rule string)) {
	var e *baove.Error
	if !errors.As(err, &e) {
		return
	}
	seen := map[string]bool{}
	for _, f := range e.Fields {
		if strings.HasPrefix(f.Key, "ledger.") && !seen[f.Key] {
			seen[f.Key] = true
			count(f.Key)
		}
	}
	if len(seen) == 0 && strings.HasPrefix(e.Key, "ledger.") {
		count(e.Key)
	}
}
