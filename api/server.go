// Package api exposes the domain over HTTP with Huma: every operation is
// declared in routes.go, requests and responses are typed here, and errors
// become RFC 9457 problem documents in one place (problem.go). It holds no
// SQL and no business rules.
package api

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humachi"
	"github.com/go-chi/chi/v5"

	"baove/access"
	"baove/audit"
	"baove/budget"
	"baove/exports"
	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// Prefix is the path prefix of every versioned operation.
const Prefix = "/api/v1"

// Deps are the domain services the API exposes.
type Deps struct {
	Access *access.Store
	Audit  *audit.Store
	Units  *units.Store
	// Indicators keeps the indicator catalogue, reported values and commune
	// staffing.
	Indicators *indicators.Store
	Plans      *plans.Store
	Budget     *budget.Store
	// Reports builds the PDF and XLSX reports.
	Reports exports.Sources
	// Assessor answers progress and compliance.
	Assessor *indicators.Assessor
	// Ready reports whether the database answers.
	Ready func(context.Context) error
}

// Server serves the HTTP API.
type Server struct {
	deps    Deps
	log     *slog.Logger
	version string
	router  chi.Router
	api     huma.API
}

// New returns a server for deps; version is the build's version string.
func New(deps Deps, log *slog.Logger, version string) *Server {
	s := &Server{deps: deps, log: log, version: version, router: chi.NewMux()}
	s.router.Use(s.requestID, s.recoverer, s.accessLog)
	s.router.NotFound(s.notFound)
	s.router.MethodNotAllowed(s.methodNotAllowed)
	s.api = humachi.New(s.router, s.config())
	s.api.UseMiddleware(s.authenticate)
	s.routes()
	s.mountDocs()
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
		"Provincial child-protection plans, budgets and compliance reports (MOLISA directive of 2017)."
	cfg.DocsPath = "" // Huma's page loads its script from a CDN; /docs serves an embedded one instead
	cfg.OpenAPIPath = "/openapi"
	cfg.SchemasPath = "/schemas"
	cfg.Components.SecuritySchemes = securitySchemes()
	return cfg
}
