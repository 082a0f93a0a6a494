package api

import (
	"bytes"
	"io"
	"mime"
	"net/url"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humachi"

	"baove"
	"baove/vn"
)

// checkText answers 422, naming each (path.code, query.q,
// header.Idempotency-Key, body.items[3].note), when a string of the request
// is unfit to be stored or looked up: invalid UTF-8, a NUL or another
// control character, or a tab or line break outside free text (see freeText
// and httpSpace). It runs after authentication and before Huma reads the
// input, so no such string reaches a handler, a store or a database driver;
// uploaded files (XLSX, CSV, multipart) are checked by their reader instead.
func (s *Server) checkText(ctx huma.Context, next func(huma.Context)) {
	p := paramFaults(ctx)
	if len(p) == 0 && takesJSON(ctx) {
		p = bodyFaults(ctx)
	}
	if err := p.Err(); err != nil {
		s.writeError(ctx, err)
		return
	}
	next(ctx)
}

// paramFaults checks the operation's path parameters, every query
// parameter (names and values, declared or not) and the headers the API
// reads.
func paramFaults(ctx huma.Context) baove.Problems {
	var p baove.Problems
	check := func(field, v string, multiline bool) {
		if f := vn.TextFault(v, multiline); f != "" && len(p) < maxTextProblems {
			p.AddKey(field, "text."+f, nil, nil)
		}
	}
	headers := []string{"Accept-Language"}
	for _, param := range ctx.Operation().Parameters {
		switch param.In {
		case "path":
			check("path."+param.Name, ctx.Param(param.Name), false)
		case "header":
			headers = append(headers, param.Name)
		}
	}
	u := ctx.URL()
	query, _ := url.ParseQuery(u.RawQuery) // pairs that do not parse are dropped here as by Huma
	for name, values := range query {
		field := "query." + strings.ToValidUTF8(name, "\uFFFD")
		check(field, name, false)
		for _, v := range values {
			check(field, v, false)
		}
	}
	for _, h := range headers {
		check("header."+h, ctx.Header(h), httpSpace[h])
	}
	return p
}

// httpSpace names the headers read whose values may hold a tab, HTTP's
// other space (in lists and around parameters); an idempotency key is one
// token and is stored, so it may not. CR, LF and NUL never reach a handler:
// the HTTP server refuses them.
var httpSpace = map[string]bool{"Accept-Language": true, "If-Match": true, "Content-Type": true}

// takesJSON reports whether the operation takes a JSON body and the request
// sends one (or says nothing of its type, which Huma reads as JSON).
func takesJSON(ctx huma.Context) bool {
	op := ctx.Operation()
	if op.RequestBody == nil || op.RequestBody.Content["application/json"] == nil {
		return false
	}
	ct := ctx.Header("Content-Type")
	if ct == "" {
		return true
	}
	media, _, err := mime.ParseMediaType(ct)
	return err == nil && (media == "application/json" || strings.HasSuffix(media, "+json"))
}

// bodyFaults scans the body (read into memory by readBody) with scanText
// and puts it back for Huma to decode. A body over the cap is left
// unscanned: Huma refuses it with 413.
func bodyFaults(ctx huma.Context) baove.Problems {
	r, _ := humachi.Unwrap(ctx)
	limit := ctx.Operation().MaxBodyBytes
	if limit <= 0 {
		limit = 1 << 20 // Huma's default
	}
	body := r.Body
	buf, err := io.ReadAll(body)
	r.Body = readCloser{io.MultiReader(bytes.NewReader(buf), errReader{err}), body}
	if err != nil || int64(len(buf)) > limit {
		return nil
	}
	return scanText(buf)
}

type readCloser struct {
	io.Reader
	io.Closer
}

// errReader replays a read error to Huma, which answers it as it would
// have; a nil error reads as the end of what was buffered.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	return 0, io.EOF
}
