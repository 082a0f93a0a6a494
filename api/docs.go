package api

import (
	"github.com/swaggest/swgui"
	"github.com/swaggest/swgui/v5emb"
)

// mountDocs serves Swagger UI at /docs from assets embedded in the binary, so
// that the page works on a closed network; Huma's default page would load its
// script from a public CDN.
func (s *Server) mountDocs() {
	h := v5emb.NewWithConfig(swgui.Config{
		Title:       "baove API",
		SwaggerJSON: "/openapi.json",
		BasePath:    "/docs/",
		SettingsUI:  map[string]string{"defaultModelsExpandDepth": "1"},
	})("baove API", "/openapi.json", "/docs/")
	s.router.Handle("/docs", h)
	s.router.Handle("/docs/*", h)
}
