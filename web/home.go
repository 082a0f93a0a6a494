package web

import (
	"baove/access"
	"net/http"

	"baove/i18n"
)

// homeView is what the home page shows a reader.
type homeView struct {
	Viewer *viewer
	Role   string
	Place  string
	// Failed tells the owner of the account about the sign-ins that failed
	// on it before this session's; "" when none did.
	Failed string
	Links  []link
	// Waiting is what waits for the reader (review_home.go).
	Waiting []waitItem
	// Finance is what waits for a finance officer; nil for other roles.
	Finance *financeHome
}

// home shows the signed-in reader who they are, the places of their role,
// and the attempts that failed on their account since they last signed in.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := viewerOf(ctx)
	failed, err := s.svc.Access.FailedAttempts(ctx, v.Caller, v.token)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := homeView{Viewer: v, Role: roleName(ctx, v.Role), Place: placeName(ctx, v.Role, v.ProvinceName)}
	if failed.Count > 0 {
		h.Failed = Tf(ctx, "web.home.failed", i18n.Args{"count": i18n.Count(failed.Count),
			"at": s.when(ctx, failed.LastAt), "address": failed.LastAddress})
	}
	if h.Waiting, err = s.waiting(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if v.Role == access.Finance {
		if h.Finance, err = s.financeHome(ctx, v); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	for _, l := range s.links(ctx, false) {
		if l.URL != "/" {
			h.Links = append(h.Links, l)
		}
	}
	s.render(w, r, http.StatusOK, homePage(s.page(r, T(ctx, "web.home.title")), h))
}
