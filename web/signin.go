package web

import (
	"net/http"

	"baove"
	"baove/access"
	"baove/vn"
)

// signinPage shows the sign-in form; a signed-in reader goes home.
func (s *Server) signinPage(w http.ResponseWriter, r *http.Request) {
	if viewerOf(r.Context()) != nil {
		seeOther(w, r, "/")
		return
	}
	s.renderSignin(w, r, http.StatusOK, form{}, localPath(r.URL.Query().Get("next")))
}

// signin opens a session as the API's login does (the same throttling, the
// same failures counted), then sends the reader where they were going.
func (s *Server) signin(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in, err := readForm(r)
	username, next := in.Get("username"), localPath(in.Get("next"))
	var sess access.Session
	if err == nil {
		sess, err = s.svc.Access.Login(ctx, access.Attempt{Username: username, Password: in.Get("password"),
			Address: clientAddress(ctx), RequestID: requestIDOf(ctx)})
	}
	if err != nil {
		s.countRefusal(err)
		f := form{Values: map[string]string{}}
		if vn.TextFault(username, false) == "" { // shown again only when fit to show
			f.Values["username"] = username
		}
		status, ok := s.refused(w, r, err, &f)
		if !ok {
			s.fail(w, r, err)
			return
		}
		s.renderSignin(w, r, status, f, next)
		return
	}
	if old := viewerOf(ctx); old != nil {
		s.svc.Access.Logout(ctx, old.Caller, old.token) // a session replaced is a session ended; it would expire anyway
	}
	s.startSession(w, r, sess.Token)
	seeOther(w, r, next)
}

// countRefusal counts a refused sign-in in the metrics, as the API does.
func (s *Server) countRefusal(err error) {
	switch baove.ErrorCode(err) {
	case baove.EUNAUTHORIZED:
		s.metrics.SignInRefused("failed", "pages")
	case baove.ETOOMANY:
		s.metrics.SignInRefused("throttled", "pages")
	}
}

func (s *Server) renderSignin(w http.ResponseWriter, r *http.Request, status int, f form, next string) {
	demo, err := s.demoAccounts(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, signinPage(s.page(r, T(r.Context(), "web.signin.title")), f, next, demo))
}

// signout ends the reader's session and forgets its cookie.
func (s *Server) signout(w http.ResponseWriter, r *http.Request) {
	if v := viewerOf(r.Context()); v != nil {
		if err := s.svc.Access.Logout(r.Context(), v.Caller, v.token); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.clearSession(w, r)
	seeOther(w, r, "/signin")
}

// demoView is the demonstration's accounts as the sign-in page lists them.
type demoView struct {
	Password string
	Accounts []demoAccount
}

// demoAccount is one demonstration account, in the reader's words.
type demoAccount struct {
	Username string
	Role     string
	Place    string
}

// demoAccounts returns the demonstration's accounts, or nil unless the
// server was given them (serve --demo).
func (s *Server) demoAccounts(r *http.Request) (*demoView, error) {
	if s.demo == nil {
		return nil, nil
	}
	ctx := r.Context()
	d := &demoView{Password: s.demo.Password, Accounts: make([]demoAccount, len(s.demo.Users))}
	for i, u := range s.demo.Users {
		province := ""
		if u.Province != "" {
			p, err := s.svc.Units.Province(ctx, u.Province)
			if err != nil {
				return nil, err
			}
			province = p.Name
		}
		d.Accounts[i] = demoAccount{Username: u.Username, Role: roleName(ctx, u.Role), Place: placeName(ctx, u.Role, province)}
	}
	return d, nil
}
