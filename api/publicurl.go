package api

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// PublicURL makes the server name itself by u (https://baove.example.gov.vn,
// possibly with a path prefix) in the OpenAPI document's servers and the
// $schema links of its answers, instead of the Host a request names.
func PublicURL(u string) Option { return func(s *Server) { s.publicURL = strings.TrimSuffix(u, "/") } }

// ParsePublicURL checks a public URL as --public-url takes it: absolute,
// http or https, without a query or fragment. It returns the URL without
// a trailing slash.
func ParsePublicURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("public URL %q is not an http or https URL without a query, such as https://baove.example.gov.vn", raw)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

// servers are the OpenAPI document's servers: the public URL, else this
// server, relative to where the document was read.
func (s *Server) servers() []*huma.Server {
	if s.publicURL != "" {
		return []*huma.Server{{URL: s.publicURL, Description: "This service"}}
	}
	return []*huma.Server{{URL: "/", Description: "This service (start it with --public-url to name its address here)"}}
}

// origin is the scheme and host under which the caller of ctx reaches the
// service: the public URL's, else the request's scheme and Host
// (X-Forwarded-Proto and X-Forwarded-Host believed only from a trusted
// proxy). A public URL's path is in the links already: Huma puts the
// servers' path before the schemas'.
func (s *Server) origin(ctx huma.Context) string {
	if s.publicURL != "" {
		u, _ := url.Parse(s.publicURL)
		return u.Scheme + "://" + u.Host
	}
	scheme, host := "http", ctx.Host()
	if ctx.TLS() != nil {
		scheme = "https"
	}
	if a := parseAddr(ctx.RemoteAddr()); a.IsValid() && isTrusted(a, s.proxies) {
		if p := ctx.Header("X-Forwarded-Proto"); p == "http" || p == "https" {
			scheme = p
		}
		if h := ctx.Header("X-Forwarded-Host"); h != "" {
			host = h
		}
	}
	return scheme + "://" + host
}

// schemaLinks adds Huma's $schema field and Link header to answers, with
// absolute links under origin: Huma's own transformer would believe any caller's
// X-Forwarded-Host or Forwarded header.
func (s *Server) schemaLinks(c huma.Config) huma.Config {
	t := huma.NewSchemaLinkTransformer("#/components/schemas/", c.SchemasPath)
	c.OnAddOperation = append(c.OnAddOperation, t.OnAddOperation)
	c.Transformers = append(c.Transformers, func(ctx huma.Context, status string, v any) (any, error) {
		return t.Transform(linkContext{ctx, s.origin(ctx)}, status, v)
	})
	return c
}

// linkContext is a request as the schema link transformer reads it: its
// X-Forwarded-Host is the origin, which the transformer then uses whole.
type linkContext struct {
	humaContext
	base string
}

// humaContext lets linkContext embed huma.Context, whose method Context
// would clash with a field of that name.
type humaContext = huma.Context

func (c linkContext) Header(name string) string {
	switch strings.ToLower(name) {
	case "x-forwarded-host":
		return c.base
	case "forwarded":
		return ""
	}
	return c.humaContext.Header(name)
}

// AppendHeader makes the Link header's schema link absolute, under the
// origin.
func (c linkContext) AppendHeader(name, value string) {
	if strings.EqualFold(name, "Link") && strings.HasPrefix(value, "</") {
		value = "<" + c.base + value[1:]
	}
	c.humaContext.AppendHeader(name, value)
}
