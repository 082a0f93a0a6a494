package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"time"

	"github.com/go-chi/chi/v5"

	"baove/api"
	"baove/i18n"
)

type ctxKey int

const (
	requestIDKey ctxKey = iota
	loggerKey
	clientKey
	langKey
	viewerKey
	infoKey
)

var requestIDRE = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestID takes the caller's X-Request-Id when it is sane, else makes
// one, echoes it, and puts it and a logger carrying it in the context, as
// the API does.
func (s *Server) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(api.RequestIDHeader)
		if !requestIDRE.MatchString(id) {
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set(api.RequestIDHeader, id)
		ctx := context.WithValue(r.Context(), requestIDKey, id)
		ctx = context.WithValue(ctx, loggerKey, s.log.With("request_id", id))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// clientAddress puts the client's address in the context, counted as the
// API counts it (api.ClientIP).
func (s *Server) clientAddress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), clientKey, api.ClientIP(r, s.proxies))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// pageInfo is what the layers inside a request learn for its access log
// line: who made it, once their session is read.
type pageInfo struct{ user string }

// accessLog logs a line per request, with the user when signed in, and
// counts it in the metrics by its route's pattern (never the raw path).
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		info := &pageInfo{}
		r = r.WithContext(context.WithValue(r.Context(), infoKey, info))
		next.ServeHTTP(rec, r)
		took, route := time.Since(start), "unmatched"
		if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" {
			route = rc.RoutePattern()
		}
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		s.metrics.Request(route, r.Method, rec.status, took)
		attrs := []any{"method", r.Method, "path", r.URL.Path, "route", route, "client", clientAddress(r.Context()),
			"status", rec.status, "duration_ms", took.Milliseconds()}
		if info.user != "" {
			attrs = append(attrs, "user", info.user)
		}
		logger(r.Context()).Info("page", attrs...)
	})
}

// recoverer turns a panic into a logged stack and the 500 page: the reader
// never sees the stack.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				logger(r.Context()).Error("panic", "value", v, "stack", string(debug.Stack()))
				s.errorPage(w, r, http.StatusInternalServerError, "")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// ContentSecurityPolicy is the policy of every page: everything from this
// server, nothing inline, no frames, forms only to this server.
const ContentSecurityPolicy = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"

// securityHeaders sets the headers every page carries. Pages are not kept
// in caches: on a shared computer, Back after signing out must not show
// them (static assets set their own).
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// langCookie remembers the language a reader chose.
const langCookie = "lang"

// language puts in the context the language of the pages: ?lang= (which
// the switch in the header sets, and which is remembered in a cookie), else
// the cookie, else Vietnamese.
func (s *Server) language(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := i18n.VI
		if c, err := r.Cookie(langCookie); err == nil {
			if l, ok := i18n.Parse(c.Value); ok {
				lang = l
			}
		}
		if l, ok := i18n.Parse(r.URL.Query().Get("lang")); ok {
			lang = l
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secureFor(r)})
		}
		w.Header().Set("Content-Language", string(lang))
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), langKey, lang)))
	})
}

// secureFor reports whether cookies set in answer to r are sent over HTTPS
// only.
func (s *Server) secureFor(r *http.Request) bool { return s.secure || r.TLS != nil }

// langOf returns the language of the pages of the request ctx belongs to.
func langOf(ctx context.Context) i18n.Lang {
	if l, ok := ctx.Value(langKey).(i18n.Lang); ok {
		return l
	}
	return i18n.VI
}

func requestIDOf(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

func clientAddress(ctx context.Context) string {
	a, _ := ctx.Value(clientKey).(string)
	return a
}

func logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}
