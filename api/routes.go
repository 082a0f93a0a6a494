package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// routes declares every operation of the API, in one table.
func (s *Server) routes() {
	// Probes and documentation, outside the versioned prefix.
	register(s, op(http.MethodGet, "/healthz", "healthz", "Process is up", "system"), s.healthz)
	register(s, op(http.MethodGet, "/readyz", "readyz", "Database is reachable", "system"), s.readyz)

	// Administrative units.
	register(s, op(http.MethodGet, Prefix+"/provinces", "list-provinces", "List provinces in force", "units"), s.listProvinces)
	register(s, op(http.MethodGet, Prefix+"/provinces/{code}", "get-province", "Get a province", "units"), s.getProvince)
	register(s, op(http.MethodGet, Prefix+"/provinces/{code}/communes", "list-communes", "List a province's communes", "units"), s.listCommunes)
	register(s, op(http.MethodGet, Prefix+"/communes/{code}", "get-commune", "Get a commune, or the successor of an old code", "units"), s.getCommune)
}

func op(method, path, id, summary, tag string) huma.Operation {
	return huma.Operation{Method: method, Path: path, OperationID: id, Summary: summary, Tags: []string{tag}}
}

// register adds an operation whose handler returns domain errors; they are
// mapped to problems here, so no handler maps errors itself.
func register[I, O any](s *Server, o huma.Operation, h func(context.Context, *I) (*O, error)) {
	huma.Register(s.api, o, func(ctx context.Context, in *I) (*O, error) {
		out, err := h(ctx, in)
		if err != nil {
			return nil, s.toProblem(ctx, err)
		}
		return out, nil
	})
}
