package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"time"

	"baove/i18n"
)

type ctxKey int

const (
	requestIDKey ctxKey = iota
	loggerKey
	langKey
)

// RequestIDHeader carries the request id in both directions.
const RequestIDHeader = "X-Request-Id"

var requestIDRE = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestID takes the caller's request id when it is sane, else makes one,
// echoes it, and puts it and a logger carrying it in the context.
func (s *Server) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !requestIDRE.MatchString(id) {
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set(RequestIDHeader, id)
		ctx := context.WithValue(r.Context(), requestIDKey, id)
		ctx = context.WithValue(ctx, loggerKey, s.log.With("request_id", id))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// language puts in the context the language the caller reads: the ?lang=
// parameter, else Accept-Language, else English (the API's default; the
// pages default to Vietnamese).
func language(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang, ok := i18n.Parse(r.URL.Query().Get("lang"))
		if !ok {
			lang = i18n.Negotiate(r.Header.Get("Accept-Language"), i18n.EN)
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), langKey, lang)))
	})
}

// Lang returns the language of the request ctx belongs to (English
// outside a request).
func Lang(ctx context.Context) i18n.Lang {
	if l, ok := ctx.Value(langKey).(i18n.Lang); ok {
		return l
	}
	return i18n.EN
}

// RequestID returns the id of the request ctx belongs to, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

func (s *Server) logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey).(*slog.Logger); ok {
		return l
	}
	return s.log
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
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
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// accessLog logs a line per request, with the user once signed in, and
// counts it in the metrics by operation (see operationOf).
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		info := &requestInfo{}
		r = r.WithContext(context.WithValue(r.Context(), infoKey, info))
		next.ServeHTTP(rec, r)
		took, op := time.Since(start), operationOf(r, info)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		s.metrics.Request(op, r.Method, rec.status, took)
		attrs := []any{"method", r.Method, "path", r.URL.Path, "operation", op, "client", ClientAddress(r.Context()),
			"status", rec.status, "bytes", rec.bytes, "duration_ms", took.Milliseconds()}
		if info.user != "" {
			attrs = append(attrs, "user", info.user)
		}
		s.logger(r.Context()).Info("request", attrs...)
	})
}

// recoverer turns a panic into a logged stack and a bare 500 problem: the
// client never sees the stack.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logger(r.Context()).Error("panic", "value", v, "stack", string(debug.Stack()))
				writeProblem(w, http.StatusInternalServerError, i18n.Text(Lang(r.Context()), "error.internal", nil))
			}
		}()
		next.ServeHTTP(w, r)
	})
}
