package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"baove"
	"baove/access"
)

// Rule says who may call an operation. It is published in the OpenAPI
// document as x-baove-access, and the access-walking test holds the domain to
// it. The rule itself is enforced by the domain operation, not here: this
// layer only authenticates.
type Rule struct {
	// Public operations need no token.
	Public bool `json:"public,omitempty"`
	// Roles may call the operation; empty with Public unset means every role.
	Roles []access.Role `json:"roles,omitempty"`
	// Province marks operations on one province's data: the provincial
	// roles (planners, approvers, finance officers) reach only their own
	// province; reviewers reach every one.
	Province bool `json:"province,omitempty"`
}

var (
	public   = Rule{Public: true}
	signedIn = Rule{}
)

func roles(r ...access.Role) Rule      { return Rule{Roles: r} }
func inProvince(r ...access.Role) Rule { return Rule{Roles: r, Province: true} }

// describe returns the rule in words for the operation's description.
func (r Rule) describe() string {
	switch {
	case r.Public:
		return "No authentication."
	case len(r.Roles) == 0:
		return "Any signed-in user."
	}
	names := make([]string, len(r.Roles))
	for i, role := range r.Roles {
		names[i] = string(role)
	}
	s := "Roles: " + strings.Join(names, ", ") + "."
	if r.Province {
		s += " Planners, approvers and finance officers only for their own province."
	}
	return s
}

const callerKey ctxKey = 100

// SessionCookie names the cookie in which the pages carry the token of a
// session opened by their sign-in form. The API reads it for GET and HEAD
// only, so that a report link opens in the browser; a change needs the
// token as Authorization: Bearer, which no other site can make a browser
// send.
const SessionCookie = "baove_session"

// authenticate resolves the bearer token of every operation that declares a
// security requirement (or, to read, the session cookie) and puts the caller
// in the context; a missing or bad token is answered with 401 before any
// input is looked at.
func (s *Server) authenticate(ctx huma.Context, next func(huma.Context)) {
	if len(ctx.Operation().Security) == 0 {
		next(ctx)
		return
	}
	token, ok := bearer(ctx.Header("Authorization"))
	if !ok && (ctx.Method() == http.MethodGet || ctx.Method() == http.MethodHead) {
		token, ok = sessionCookie(ctx.Header("Cookie"))
	}
	if !ok {
		s.writeError(ctx, baove.E(baove.EUNAUTHORIZED, "access.bearer_required", nil))
		return
	}
	c, err := s.svc.Access.Authenticate(ctx.Context(), token, RequestID(ctx.Context()))
	if err != nil {
		s.writeError(ctx, err)
		return
	}
	if i := infoOf(ctx.Context()); i != nil {
		i.user = c.Username
	}
	ctx = huma.WithValue(ctx, callerKey, c)
	ctx = huma.WithValue(ctx, tokenKey, token)
	next(ctx)
}

const tokenKey ctxKey = 101

// sessionCookie returns the token in the SessionCookie of a Cookie header.
func sessionCookie(header string) (string, bool) {
	// A Request reads cookies leniently: one malformed cookie of another
	// site's making does not hide this one.
	c, err := (&http.Request{Header: http.Header{"Cookie": {header}}}).Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return "", false
	}
	return c.Value, true
}

func bearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// caller returns the authenticated caller of the request. Operations that
// declare a security requirement always have one.
func caller(ctx context.Context) access.Caller {
	c, _ := ctx.Value(callerKey).(access.Caller)
	return c
}

func token(ctx context.Context) string {
	t, _ := ctx.Value(tokenKey).(string)
	return t
}

// writeError writes err as a problem from a Huma middleware.
func (s *Server) writeError(ctx huma.Context, err error) {
	var p *problem
	if !errors.As(s.toProblem(ctx.Context(), err), &p) {
		p = &problem{ErrorModel: &huma.ErrorModel{Title: "Internal Server Error", Status: 500}}
	}
	for k, vs := range p.headers {
		for _, v := range vs {
			ctx.SetHeader(k, v)
		}
	}
	ctx.SetHeader("Content-Type", "application/problem+json")
	ctx.SetStatus(p.Status)
	json.NewEncoder(ctx.BodyWriter()).Encode(p.ErrorModel)
}

// securitySchemes declares the bearer token in the OpenAPI document.
func securitySchemes() map[string]*huma.SecurityScheme {
	return map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer",
			Description: "Token from POST /api/v1/auth/login, sent as Authorization: Bearer <token>. It expires (12 hours by default) and is revoked by logout. " +
				"The pages' session cookie (" + SessionCookie + ") also authenticates GET and HEAD requests, so that a report link opens in the browser; a change always needs the bearer token."},
	}
}
