package api

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humachi"

	"baove/i18n"
)

// Reading request bodies. Huma would set a read deadline on the connection
// before reading a body and leave it set: a handler that then waits longer
// (a payment waiting its turn behind a large import on SQLite) finds its
// request cancelled when the deadline passes, and so does the next request
// on the same connection. So the API reads every body itself, here, under
// a deadline that it clears once the body is read, and Huma reads the
// buffered copy with no deadline of its own (see register).

// Time allowed to receive a body: an upload of 10 MiB on a slow provincial
// line takes longer than a JSON document.
const (
	bodyTimeout   = 15 * time.Second
	uploadTimeout = 2 * time.Minute
)

// readBody reads the request's body, up to one byte past the operation's
// cap (Huma answers 413 beyond it; a Content-Length over the cap is 413
// before anything is read), into memory under a read deadline, and gives
// Huma the copy.
func readBody(ctx huma.Context, next func(huma.Context)) {
	op := ctx.Operation()
	r, w := humachi.Unwrap(ctx)
	if op.RequestBody == nil || r.Body == nil || r.Body == http.NoBody {
		next(ctx)
		return
	}
	limit, timeout := op.MaxBodyBytes, bodyTimeout
	if limit <= 0 {
		limit = 1 << 20 // Huma's default
	}
	if limit > 1<<20 {
		timeout = uploadTimeout
	}
	if r.ContentLength > limit { // refused before a byte is read, as Huma would after reading them
		args := i18n.Args{"size": i18n.Count(r.ContentLength), "max": i18n.Count(limit)}
		writeProblem(w, http.StatusRequestEntityTooLarge, i18n.Text(Lang(r.Context()), "request.too_large", args))
		return
	}
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Now().Add(timeout))
	buf, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	rc.SetReadDeadline(time.Time{})
	if errors.Is(err, os.ErrDeadlineExceeded) {
		writeProblem(w, http.StatusRequestTimeout, i18n.Text(Lang(r.Context()), "request.timeout", nil))
		return
	}
	r.Body = readCloser{io.MultiReader(bytes.NewReader(buf), errReader{err}), r.Body}
	next(ctx)
}
