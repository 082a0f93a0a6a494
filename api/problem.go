package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/go-chi/chi/v5"

	"baove"
	"baove/database"
	"baove/i18n"
)

// statuses maps application error codes to HTTP statuses.
var statuses = map[baove.Code]int{
	baove.EINVALID:      http.StatusUnprocessableEntity,
	baove.ENOTFOUND:     http.StatusNotFound,
	baove.ECONFLICT:     http.StatusConflict,
	baove.EFORBIDDEN:    http.StatusForbidden,
	baove.EUNAUTHORIZED: http.StatusUnauthorized,
	baove.ESTALE:        http.StatusPreconditionFailed,
	baove.ENOPRECOND:    http.StatusPreconditionRequired,
	baove.ETOOMANY:      http.StatusTooManyRequests,
	baove.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	baove.EUNSUPPORTED:  http.StatusUnsupportedMediaType,
	baove.EUNAVAILABLE:  http.StatusServiceUnavailable,
}

// problem is an RFC 9457 problem document with response headers.
type problem struct {
	*huma.ErrorModel
	headers http.Header
}

// GetHeaders implements huma.HeadersError.
func (p *problem) GetHeaders() http.Header { return p.headers }

// Unwrap exposes the embedded model to errors.As.
func (p *problem) Unwrap() error { return p.ErrorModel }

// toProblem maps err to a problem. An application error keeps its message
// and field details; a database that cannot serve now (unreachable, or busy
// past the wait, see database.Unavailable) is 503 with Retry-After; anything
// else is logged with the request id and answered with a bare 500 whose text
// says nothing of the cause.
func (s *Server) toProblem(ctx context.Context, err error) error {
	var se huma.StatusError
	if errors.As(err, &se) {
		return err
	}
	if _, ok := database.Unavailable(err); ok {
		s.logger(ctx).Warn("database unavailable", "error", err.Error())
	}
	e, status, known := AppError(err)
	if !known {
		s.logger(ctx).Error("internal error", "error", err.Error())
		return &problem{ErrorModel: &huma.ErrorModel{Title: http.StatusText(500), Status: 500,
			Detail: i18n.Text(Lang(ctx), "error.internal", nil)}}
	}
	lang := Lang(ctx)
	p := &problem{ErrorModel: &huma.ErrorModel{Title: http.StatusText(status), Status: status, Detail: e.Text(lang)},
		headers: http.Header{"Content-Language": {string(lang)}}}
	for _, f := range e.Fields {
		p.Errors = append(p.Errors, &huma.ErrorDetail{Message: f.Text(lang), Location: f.Field, Value: f.Value})
	}
	if e.RetryAfter > 0 {
		p.headers.Set("Retry-After", strconv.Itoa(int(e.RetryAfter.Seconds()+0.999)))
	}
	if e.Code == baove.EUNAUTHORIZED {
		p.headers.Set("WWW-Authenticate", `Bearer realm="baove"`)
	}
	return p
}

// AppError returns the application error err carries, a database that
// cannot serve now (database.Unavailable) being EUNAVAILABLE with the time
// to wait, and its HTTP status. It returns false for any other error: an
// internal one, to be logged and answered with a bare 500.
func AppError(err error) (*baove.Error, int, bool) {
	if u, ok := database.Unavailable(err); ok {
		err = unavailable(u)
	}
	var e *baove.Error
	if !errors.As(err, &e) {
		return nil, http.StatusInternalServerError, false
	}
	status, known := statuses[e.Code]
	if !known {
		return nil, http.StatusInternalServerError, false
	}
	return e, status, true
}

// unavailable is the application error of a database that cannot serve
// now: 503, and when to try again.
func unavailable(u *database.UnavailableError) *baove.Error {
	key := "database.unreachable"
	if u.Busy {
		key = "database.busy"
	}
	secs := int64(u.RetryAfter.Seconds() + 0.999)
	return &baove.Error{Code: baove.EUNAVAILABLE, Key: key, Args: i18n.Args{"seconds": secs}, RetryAfter: u.RetryAfter}
}

// writeProblem writes a problem outside Huma (router 404/405, panics).
func writeProblem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(huma.ErrorModel{Title: http.StatusText(status), Status: status, Detail: detail})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	writeProblem(w, http.StatusNotFound, i18n.Text(Lang(r.Context()), "request.no_such_path", i18n.Args{"path": r.URL.Path}))
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	var allowed []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if s.router.Match(chi.NewRouteContext(), m, r.URL.Path) {
			allowed = append(allowed, m)
			if m == http.MethodGet {
				allowed = append(allowed, http.MethodHead) // see middleware.GetHead in New
			}
		}
	}
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	writeProblem(w, http.StatusMethodNotAllowed, i18n.Text(Lang(r.Context()), "request.method_not_allowed",
		i18n.Args{"method": r.Method, "path": r.URL.Path}))
}
