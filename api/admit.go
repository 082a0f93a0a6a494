package api

import (
	"net/http"
	"strconv"

	"baove/admit"
	"baove/i18n"
	"baove/plans"
)

// busyRetry is the Retry-After of a read that waited past its turn.
const busyRetry = 1

// Admit makes the server's reads wait their turn at g (see package admit);
// without it every request works at once. The metrics page never waits.
func Admit(g *admit.Gate) Option { return func(s *Server) { s.gate = g } }

// admitted is next behind the server's gate.
func (s *Server) admitted(next http.Handler) http.Handler {
	gated := s.gate.Handler(next, s.busy)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == MetricsPath {
			next.ServeHTTP(w, r)
			return
		}
		gated.ServeHTTP(w, r)
	})
}

// busy answers a read that waited past its turn: 503, Retry-After.
func (s *Server) busy(w http.ResponseWriter, r *http.Request) {
	lang := Lang(r.Context())
	s.logger(r.Context()).Warn("busy: no turn within the wait", "turns", s.gate.Turns())
	w.Header().Set("Retry-After", strconv.Itoa(busyRetry))
	w.Header().Set("Content-Language", string(lang))
	writeProblem(w, http.StatusServiceUnavailable, i18n.Text(lang, "server.busy", i18n.Args{"seconds": int64(busyRetry)}))
}

// RememberReads lets a read (GET, HEAD) read each plan's row once, however
// many services ask whose plan it is (plans.Remember); the pages use it too.
func RememberReads(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			r = r.WithContext(plans.Remember(r.Context()))
		}
		next.ServeHTTP(w, r)
	})
}
