package web

import (
	"net/http"
	"time"

	"baove"
	"baove/admit"
	"baove/i18n"
)

// Admit makes the pages wait their turn at g before they read anything
// (see package admit), the same gate as the API's (api.Admit); without it
// every request works at once. The static files never wait.
func Admit(g *admit.Gate) Option { return func(s *Server) { s.gate = g } }

// admitted is next behind the server's gate.
func (s *Server) admitted(next http.Handler) http.Handler {
	return s.gate.Handler(next, s.busy)
}

// busy answers a page that waited past its turn: 503, Retry-After.
func (s *Server) busy(w http.ResponseWriter, r *http.Request) {
	logger(r.Context()).Warn("busy: no turn within the wait", "turns", s.gate.Turns())
	s.fail(w, r, &baove.Error{Code: baove.EUNAVAILABLE, Key: "server.busy", Args: i18n.Args{"seconds": int64(1)},
		RetryAfter: time.Second})
}
