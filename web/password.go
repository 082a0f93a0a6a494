package web

import (
	"net/http"

	"baove/access"
)

// passwordPage shows the form that changes one's own password, and says so
// once it was changed.
func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) {
	s.renderPassword(w, r, http.StatusOK, form{}, r.URL.Query().Get("changed") != "")
}

// changePassword changes the reader's password by the rules of PUT
// /me/password: a wrong current password counts as a failed sign-in, the
// new one must pass the password rules, and the reader's other sessions end.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := viewerOf(ctx)
	in, err := readForm(r)
	if err == nil {
		err = s.svc.Access.ChangePassword(ctx, v.Caller, access.PasswordChange{Current: in.Get("current_password"),
			Next: in.Get("new_password"), KeepToken: v.token, Address: clientAddress(ctx)})
	}
	if err != nil {
		var f form
		status, ok := s.refused(w, r, err, &f)
		if !ok {
			s.fail(w, r, err)
			return
		}
		s.renderPassword(w, r, status, f, false)
		return
	}
	seeOther(w, r, "/password?changed=1")
}

func (s *Server) renderPassword(w http.ResponseWriter, r *http.Request, status int, f form, changed bool) {
	s.render(w, r, status, passwordPage(s.page(r, T(r.Context(), "web.password.title")), f, changed))
}
