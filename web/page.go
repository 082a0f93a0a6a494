package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"sync"

	"github.com/a-h/templ"

	"baove/i18n"
)

// page is what the layout (layout.templ) needs besides the page's own
// content.
type page struct {
	Title string
	// Path is the path of the page, to mark its link in the navigation.
	Path string
	// Nav holds the reader's links (empty when signed out).
	Nav []link
	// Langs are the links of the language switch.
	Langs []langLink
	// Unread counts the reader's unread notifications, shown beside the
	// link to their inbox in the header.
	Unread int
}

// langLink switches the pages to one language.
type langLink struct {
	Lang    i18n.Lang
	Name    string
	URL     string
	Current bool
}

// page returns the layout's part of a page of r titled title.
func (s *Server) page(r *http.Request, title string) page {
	ctx := r.Context()
	p := page{Title: title, Path: r.URL.Path, Nav: s.links(ctx, true), Unread: s.unread(r)}
	names := map[i18n.Lang]string{i18n.VI: T(ctx, "web.lang.vi"), i18n.EN: T(ctx, "web.lang.en")}
	for _, l := range i18n.Langs {
		q := r.URL.Query()
		q.Set("lang", string(l))
		u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
		p.Langs = append(p.Langs, langLink{Lang: l, Name: names[l], URL: u.String(), Current: l == langOf(ctx)})
	}
	return p
}

// render writes the page c with status. The page is rendered whole before
// anything is sent, so that a failure half-way is the 500 page, not half a
// page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	if err := c.Render(r.Context(), buf); err != nil {
		logger(r.Context()).Error("render", "error", err.Error())
		if status == http.StatusInternalServerError {
			http.Error(w, http.StatusText(status), status) // the error page itself failed
			return
		}
		s.errorPage(w, r, http.StatusInternalServerError, "")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// pageBuffers hold pages while they are rendered: kept for the next page
// rather than grown again for each (a staffing page is 45 KB).
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledPage is the largest buffer kept for the next page: a rare huge
// page does not stay in memory.
const maxPooledPage = 1 << 20

func putPageBuffer(buf *bytes.Buffer) {
	if buf.Cap() > maxPooledPage {
		return
	}
	buf.Reset()
	pageBuffers.Put(buf)
}

// seeOther answers a form that was carried out with a redirect to the page
// that shows its result (Post/Redirect/Get).
func seeOther(w http.ResponseWriter, r *http.Request, path string) {
	http.Redirect(w, r, path, http.StatusSeeOther)
}

// unread returns how many notifications the reader has not opened; 0 when
// nobody is signed in, or when they cannot be counted (logged: the page
// still shows).
func (s *Server) unread(r *http.Request) int {
	v := viewerOf(r.Context())
	if v == nil {
		return 0
	}
	n, err := s.svc.Notify.Unread(r.Context(), v.Caller)
	if err != nil {
		logger(r.Context()).Warn("unread notifications", "error", err.Error())
	}
	return n
}
