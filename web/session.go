package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"baove"
	"baove/access"
	"baove/api"
	"baove/units"
)

// viewer is the signed-in reader of a page.
type viewer struct {
	access.User
	Caller access.Caller
	// ProvinceName is the name of the user's province (User.Province);
	// "" for the ministry's roles.
	ProvinceName string
	// province is the user's province as read with the session (zero for
	// the ministry's roles): the scope of their pages.
	province units.ProvinceName
	token    string
}

// viewerOf returns the signed-in reader of the request ctx belongs to, or
// nil.
func viewerOf(ctx context.Context) *viewer {
	v, _ := ctx.Value(viewerKey).(*viewer)
	return v
}

// session puts the reader of the session cookie in the context. A cookie
// whose session ended (expired, revoked, its user disabled) is removed and
// the reader is anonymous; a database that cannot answer is the 503 page.
func (s *Server) session(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(api.SessionCookie)
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		v, err := s.loadViewer(r.Context(), c.Value)
		switch baove.ErrorCode(err) {
		case "":
			r = r.WithContext(context.WithValue(r.Context(), viewerKey, v))
			if i, ok := r.Context().Value(infoKey).(*pageInfo); ok {
				i.user = v.Username
			}
		case baove.EUNAUTHORIZED:
			s.clearSession(w, r)
		default:
			s.fail(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// loadViewer returns the reader whose session token is; EUNAUTHORIZED when
// the session ended.
func (s *Server) loadViewer(ctx context.Context, token string) (*viewer, error) {
	c, u, err := s.svc.Access.AuthenticateUser(ctx, token, requestIDOf(ctx))
	if err != nil {
		return nil, err
	}
	v := &viewer{User: u, Caller: c, token: token}
	if u.Province != "" {
		p, err := s.svc.Units.Province(ctx, u.Province)
		if err != nil {
			return nil, err
		}
		v.province, v.ProvinceName = units.ProvinceName{Code: p.Code, Name: p.Name}, p.Name
	}
	return v, nil
}

// signedIn lets only signed-in readers reach h; others are sent to the
// sign-in page, which brings them back here afterwards.
func signedIn(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if viewerOf(r.Context()) != nil {
			h(w, r)
			return
		}
		to := "/signin"
		if r.Method == http.MethodGet && r.URL.Path != "/" {
			to += "?" + url.Values{"next": {r.URL.RequestURI()}}.Encode()
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
	}
}

// anyone lets every reader reach h.
func anyone(h http.HandlerFunc) http.HandlerFunc { return h }

// startSession gives the browser the cookie of a new session.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, s.sessionCookie(r, token, 0))
}

// clearSession tells the browser to forget the session cookie.
func (s *Server) clearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, s.sessionCookie(r, "", -1))
}

// sessionCookie is the cookie of a session: for this site's pages only
// (SameSite=Lax sends it on links from elsewhere, never on their forms),
// out of reach of scripts, and without an expiry, so that closing the
// browser forgets it; the session itself ends on the server after
// --token-ttl.
func (s *Server) sessionCookie(r *http.Request, token string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: api.SessionCookie, Value: token, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secureFor(r)}
}

// localPath returns next when it is a path on this site, else "/": the
// sign-in page never sends a reader elsewhere.
func localPath(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.Contains(next, `\`) || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}
