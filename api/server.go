// Package api exposes the domain over HTTP with Huma: every operation is
// declared in routes.go, requests and responses are typed here, and errors
// become RFC 9457 problem documents in one place (problem.go). It holds no
// SQL and no business rules.
package api

import (
	"baove/admit"
	"baove/app"
	"log/slog"
	"net/http"
	"net/netip"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humachi"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"baove/metrics"
)

// Prefix is the path prefix of every versioned operation.
const Prefix = "/api/v1"

// License is the API's licence as the OpenAPI document states it: the
// repository holds no licence file, so the service is its owner's alone
// (an SPDX LicenseRef, since no SPDX licence says so).
var License = huma.License{Name: "Proprietary, all rights reserved", Identifier: "LicenseRef-Proprietary"}

// Server serves the HTTP API.
type Server struct {
	svc     *app.Services
	log     *slog.Logger
	version string
	router  chi.Router
	api     huma.API
	proxies []netip.Prefix // peers whose X-Forwarded-For is believed
	// publicURL is the service's address as its users reach it (PublicURL).
	publicURL    string
	metrics      *metrics.Metrics
	metricsPage  http.Handler // /metrics, when served here (ServeMetrics)
	metricsToken string
	gate         *admit.Gate // reads wait their turn here (Admit)
}

// New returns a server over the services; version is the build's version
// string.
func New(svc *app.Services, log *slog.Logger, version string, opts ...Option) *Server {
	s := &Server{svc: svc, log: log, version: version, router: chi.NewMux()}
	for _, o := range opts {
		o(s)
	}
	// GetHead answers HEAD with the GET route of the path (net/http sends
	// no body), so that every GET also answers HEAD.
	// admitted comes after the access log, which counts the wait.
	s.router.Use(s.requestID, language, s.clientAddress, s.recoverer, s.accessLog, s.admitted, RememberReads, middleware.GetHead)
	s.router.NotFound(s.notFound)
	s.router.MethodNotAllowed(s.methodNotAllowed)
	s.api = humachi.New(s.router, s.config())
	s.api.UseMiddleware(s.operation, s.authenticate, readBody, s.checkText)
	s.routes()
	s.mountDocs()
	s.router.Get(MetricsPath, s.serveMetrics)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.router.ServeHTTP(w, r)
}

// OpenAPI returns the OpenAPI document of every operation.
func (s *Server) OpenAPI() *huma.OpenAPI {
	return s.api.OpenAPI()
}

func (s *Server) config() huma.Config {
	cfg := huma.DefaultConfig("baove", s.version)
	cfg.Info.Description = "Kế hoạch, ngân sách và báo cáo công tác bảo vệ trẻ em của các tỉnh, thành phố. " +
		"Provincial child-protection plans, budgets and compliance reports (MOLISA directive of 2017).\n\n" +
		"Amounts are whole đồng written as a string of digits, e.g. \"1500000\" (a leading - only where a negative is allowed). " +
		"Text is UTF-8 without control characters; tabs and line breaks only in free text (" + freeTextNames() + "). " +
		"Anything else answers 422 naming the field, parameter or header."
	cfg.DocsPath = "" // Huma's page loads its script from a CDN; /docs serves an embedded one instead
	cfg.OpenAPIPath = "/openapi"
	cfg.SchemasPath = "/schemas"
	cfg.Components.SecuritySchemes = securitySchemes()
	cfg.Info.License = &License
	cfg.Servers = s.servers()
	cfg.CreateHooks = []func(huma.Config) huma.Config{s.schemaLinks} // in place of Huma's, see schemaLinks
	return cfg
}
