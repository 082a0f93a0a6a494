package web

import (
	"context"
	"net/http"

	"baove"
	"baove/access"
)

// adminOnly lets only administrators reach h, as every operation of the
// administrator's pages requires (access.Caller.Require): others get the
// forbidden page.
func (s *Server) adminOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := viewerOf(r.Context()).Caller.Require(access.Admin); err != nil {
			s.fail(w, r, err)
			return
		}
		h(w, r)
	}
}

// userParam returns the path's {id}, a user's; ENOTFOUND when it is none.
func userParam(r *http.Request) (int64, error) {
	id, ok := idParam(r, "id")
	if !ok {
		return 0, baove.E(baove.ENOTFOUND, "access.user.not_found", nil)
	}
	return id, nil
}

// roleOptions are the roles of a form's select, in words.
func roleOptions(ctx context.Context) []option {
	out := make([]option, len(access.Roles))
	for i, role := range access.Roles {
		out[i] = option{Value: string(role), Text: roleName(ctx, role)}
	}
	return out
}

// provinceOptions are the provinces of a user form's select, after the
// choice of none (the ministry's roles).
func provinceOptions(ctx context.Context, provinces provinceList) []option {
	return provinces.options(option{Value: "", Text: T(ctx, "web.admin.province_none")})
}
