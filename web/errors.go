package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"baove"
	"baove/api"
)

// fail answers err with an error page: an application error with its
// status and its message in the reader's language (and Retry-After when it
// has one); anything else is logged with the request id and answered with
// the bare 500 page, whose text says nothing of the cause.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	e, status, ok := s.appError(r, err)
	if !ok {
		s.errorPage(w, r, http.StatusInternalServerError, "")
		return
	}
	setRetryAfter(w, e)
	s.errorPage(w, r, status, e.Text(langOf(r.Context())))
}

// appError returns the application error err carries and its status, as
// the API maps them (api.AppError); an internal error is logged and
// reported as false.
func (s *Server) appError(r *http.Request, err error) (*baove.Error, int, bool) {
	e, status, ok := api.AppError(err)
	if !ok {
		logger(r.Context()).Error("internal error", "error", err.Error())
	}
	return e, status, ok
}

func setRetryAfter(w http.ResponseWriter, e *baove.Error) {
	if e.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(e.RetryAfter.Seconds()+0.999)))
	}
}

// errorPage renders the page of an HTTP error status; detail, when given,
// says more than the status's own words.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, detail string) {
	ctx := r.Context()
	p := errorView{Status: status, Title: T(ctx, "web.error.other.title"), Detail: detail, RequestID: requestIDOf(ctx)}
	if m, ok := errorWords[status]; ok {
		p.Title = T(ctx, m.title)
		if detail == "" {
			p.Detail = T(ctx, m.text)
		}
	}
	s.render(w, r, status, errorPage(s.page(r, p.Title), p))
}

// errorView is what an error page shows.
type errorView struct {
	Status    int
	Title     string
	Detail    string
	RequestID string
}

// errorWords are the title and text of the pages of the statuses a reader
// may meet; the others show a generic title with their error's message.
var errorWords = map[int]struct{ title, text string }{
	http.StatusForbidden:           {"web.error.forbidden.title", "web.error.forbidden.text"},
	http.StatusNotFound:            {"web.error.not_found.title", "web.error.not_found.text"},
	http.StatusMethodNotAllowed:    {"web.error.method.title", "web.error.method.text"},
	http.StatusTooManyRequests:     {"web.error.too_many.title", "web.error.too_many.text"},
	http.StatusInternalServerError: {"web.error.internal.title", "web.error.internal.text"},
	http.StatusServiceUnavailable:  {"web.error.unavailable.title", "web.error.unavailable.text"},
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, "")
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	var allowed []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if s.pages.Match(chi.NewRouteContext(), m, r.URL.Path) {
			allowed = append(allowed, m)
		}
	}
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	s.errorPage(w, r, http.StatusMethodNotAllowed, "")
}

// crossOrigin answers a change sent from another site's page: refused
// (http.CrossOriginProtection), so that no site can act in a reader's name.
func (s *Server) crossOrigin(w http.ResponseWriter, r *http.Request) {
	logger(r.Context()).Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path,
		"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
	s.errorPage(w, r, http.StatusForbidden, T(r.Context(), "web.error.cross_origin"))
}
