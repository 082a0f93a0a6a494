package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

// PageGETs lists the patterns of the pages' GET routes.
func (s *Server) PageGETs() []string {
	var out []string
	chi.Walk(s.pages.(chi.Routes), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if method == http.MethodGet {
			out = append(out, route)
		}
		return nil
	})
	return out
}
