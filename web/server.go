// Package web is the service for people: server-rendered pages over the
// same domain services as the API (app.Services), in Vietnamese first and
// English beside. Like api it is only an adapter: a handler decodes a form,
// calls the domain and renders a page or redirects (Post/Redirect/Get); the
// rules stay in the domain.
//
// Every path the service answers is in one table (routes.go): the API's
// paths go to the API handler, the rest to the pages. Templates (templ) sit
// beside their handler (signin.templ beside signin.go); their generated
// *_templ.go files are committed. Every string a page shows comes from the
// i18n catalogue (i18n/catalogue/*/web*.txt) through T and Tf, and a test
// fails when a key the pages use is missing in either language.
//
// Pages carry the session's token in a cookie (api.SessionCookie), sent
// with HttpOnly and SameSite=Lax; changes are refused across sites
// (net/http.CrossOriginProtection) and every page has a strict
// Content-Security-Policy. Every page works without JavaScript.
package web

import (
	"log/slog"
	"net/http"
	"net/netip"

	"github.com/go-chi/chi/v5"

	"baove/access"
	"baove/admit"
	"baove/app"
	"baove/metrics"
	"baove/units"
)

// Server serves the pages, and hands the API's paths to the API.
type Server struct {
	svc     *app.Services
	log     *slog.Logger
	api     http.Handler
	pages   chi.Router
	proxies []netip.Prefix
	secure  bool // cookies only over HTTPS, whatever the request says
	demo    *Demo
	origins *http.CrossOriginProtection
	mail    bool // the service sends e-mail (MailOn)
	metrics *metrics.Metrics
	gate    *admit.Gate // pages wait their turn here (Admit)
}

// Option changes how a Server is built.
type Option func(*Server)

// API serves the API's paths (see routes.go) with h, as api.New builds it.
// Without it those paths answer the pages' 404.
func API(h http.Handler) Option { return func(s *Server) { s.api = h } }

// TrustProxies takes the client's address from X-Forwarded-For when the
// peer is one of prefixes, as api.TrustProxies does.
func TrustProxies(prefixes []netip.Prefix) Option {
	return func(s *Server) { s.proxies = prefixes }
}

// SecureCookies marks cookies Secure even on plain HTTP requests, for a
// service behind a proxy that ends TLS. Over TLS they are Secure anyway.
func SecureCookies(on bool) Option { return func(s *Server) { s.secure = on } }

// WithMetrics counts the pages' requests (by route) and refused sign-ins
// in m.
func WithMetrics(m *metrics.Metrics) Option { return func(s *Server) { s.metrics = m } }

// Demo lists demonstration accounts and their password on the sign-in page:
// only for a database loaded with the demo (serve --demo).
type Demo struct {
	Password string
	Users    []DemoUser
}

// DemoUser is one demonstration account as the sign-in page lists it.
type DemoUser struct {
	Username string
	Role     access.Role
	Province units.ProvinceCode
}

// WithDemo shows d on the sign-in page.
func WithDemo(d Demo) Option { return func(s *Server) { s.demo = &d } }

// New returns the pages over svc, logging to log.
func New(svc *app.Services, log *slog.Logger, opts ...Option) *Server {
	s := &Server{svc: svc, log: log, origins: http.NewCrossOriginProtection()}
	for _, o := range opts {
		o(s)
	}
	s.origins.SetDenyHandler(http.HandlerFunc(s.crossOrigin))
	s.pages = s.routes()
	return s
}

// ServeHTTP implements http.Handler: the API's paths go to the API, the
// rest to the pages.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.api != nil && isAPIPath(r.URL.Path) {
		s.api.ServeHTTP(w, r)
		return
	}
	s.pages.ServeHTTP(w, r)
}
