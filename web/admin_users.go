package web

import (
	"net/http"
	"net/url"
	"strconv"

	"baove/access"
	"baove/i18n"
	"baove/units"
)

// adminUsersView is the list of users with the form that creates one.
type adminUsersView struct {
	Rows      []adminUserRow
	Roles     []option
	Provinces []option
	Form      form
	Done      string // what the last form did, after the redirect
}

// adminUserRow is a user as the list shows them.
type adminUserRow struct {
	User      access.User
	Role      string
	Province  string
	Throttled bool
}

// URL returns the path of the user's page.
func (r adminUserRow) URL() string { return userURL(r.User.ID) }

func userURL(id int64) string { return "/admin/users/" + strconv.FormatInt(id, 10) }

// adminUsersPage lists the users and offers the form that creates one.
func (s *Server) adminUsersPage(w http.ResponseWriter, r *http.Request) {
	v := adminUsersView{}
	if name := r.URL.Query().Get("created"); name != "" {
		v.Done = Tf(r.Context(), "web.admin.users.created", i18n.Args{"username": name})
	}
	s.renderAdminUsers(w, r, http.StatusOK, v)
}

func (s *Server) renderAdminUsers(w http.ResponseWriter, r *http.Request, status int, v adminUsersView) {
	ctx := r.Context()
	c := viewerOf(ctx).Caller
	users, err := s.svc.Access.Users(ctx, c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	throttles, err := s.svc.Access.Throttles(ctx, c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	provinces, err := s.provinceList(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, u := range users {
		v.Rows = append(v.Rows, adminUserRow{User: u, Role: roleName(ctx, u.Role), Province: provinces.name(u.Province),
			Throttled: throttles[u.Username].Active()})
	}
	v.Roles, v.Provinces = roleOptions(ctx), provinceOptions(ctx, provinces)
	s.render(w, r, status, adminUsersPage(s.page(r, T(ctx, "web.admin.users.title")), v))
}

// createUser creates the user of the form, by the rules of POST /users,
// and shows the list again with the new user.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in, err := readForm(r)
	if err == nil {
		_, err = s.svc.Access.CreateUser(ctx, viewerOf(ctx).Caller, access.NewUser{Username: in.Get("username"),
			FullName: in.Get("full_name"), Role: access.Role(in.Get("role")),
			Province: units.ProvinceCode(in.Get("province_code")), Password: in.Get("password")})
	}
	if err != nil {
		v := adminUsersView{Form: form{Values: formValues(in)}}
		status, ok := s.refused(w, r, err, &v.Form)
		if !ok {
			s.fail(w, r, err)
			return
		}
		s.renderAdminUsers(w, r, status, v)
		return
	}
	seeOther(w, r, "/admin/users?"+url.Values{"created": {access.NormaliseUsername(in.Get("username"))}}.Encode())
}
