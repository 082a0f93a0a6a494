package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-chi/chi/v5"

	"baove/access"
	"baove/audit"
	"baove/i18n"
	"baove/units"
)

// adminUserView is one user's page: who they are, what holds them back at
// sign-in, the forms that change them, and the audit of their account.
type adminUserView struct {
	User      access.User
	Role      string
	Province  string
	Throttle  access.Throttle
	Until     string // when the throttle ends at the latest, in words
	Roles     []option
	Provinces []option
	Trail     []trailRow
	Done      string
	// Forms holds the state of each form by its name (edit, password,
	// status, lift): the one sent when it was refused, the user's values
	// for the others.
	Forms map[string]form
}

// trailRow is an entry of the audit trail about the user.
type trailRow struct {
	At, Actor, Action string
}

// userForms are what each form of a user's page does, by the name its
// path ends with: the action that calls the domain, and the flash it
// leaves.
var userForms = map[string]struct {
	act  func(s *Server, ctx context.Context, c access.Caller, id int64, in url.Values) error
	done string
}{
	"edit":     {editUser, "web.admin.user.done.edit"},
	"password": {resetPassword, "web.admin.user.done.password"},
	"disable":  {setDisabled(true), "web.admin.user.done.disable"},
	"enable":   {setDisabled(false), "web.admin.user.done.enable"},
	"lift":     {liftThrottle, "web.admin.user.done.lift"},
}

// adminUserPage shows one user's page.
func (s *Server) adminUserPage(w http.ResponseWriter, r *http.Request) {
	v := adminUserView{}
	if f, ok := userForms[r.URL.Query().Get("done")]; ok {
		v.Done = T(r.Context(), f.done)
	}
	s.renderAdminUser(w, r, http.StatusOK, v)
}

// userAction carries out the form of a user's page that the path names
// and returns to the page with what it did; a refusal shows on that form.
func (s *Server) userAction(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	name := chi.URLParam(r, "form")
	f, found := userForms[name]
	id, err := userParam(r)
	if err == nil && !found {
		s.notFound(w, r)
		return
	}
	in, err := readFormAfter(r, err)
	if err == nil {
		err = f.act(s, ctx, viewerOf(ctx).Caller, id, in)
	}
	if err != nil {
		v := adminUserView{Forms: map[string]form{formOf(name): {Values: formValues(in)}}}
		sent := v.Forms[formOf(name)]
		status, ok := s.refused(w, r, err, &sent)
		if !ok || status == http.StatusNotFound { // no such user: the error page

			s.fail(w, r, err)
			return
		}
		v.Forms[formOf(name)] = sent
		s.renderAdminUser(w, r, status, v)
		return
	}
	seeOther(w, r, userURL(id)+"?done="+name)
}

// formOf returns the form of the page a path's form name belongs to.
func formOf(name string) string {
	if name == "disable" || name == "enable" {
		return "status"
	}
	return name
}

// readFormAfter reads r's form unless err already refused the request.
func readFormAfter(r *http.Request, err error) (url.Values, error) {
	if err != nil {
		return nil, err
	}
	return readForm(r)
}

func editUser(s *Server, ctx context.Context, c access.Caller, id int64, in url.Values) error {
	name, role, province := in.Get("full_name"), access.Role(in.Get("role")), units.ProvinceCode(in.Get("province_code"))
	_, err := s.svc.Access.UpdateUser(ctx, c, id, access.UserPatch{FullName: &name, Role: &role, Province: &province})
	return err
}

func resetPassword(s *Server, ctx context.Context, c access.Caller, id int64, in url.Values) error {
	password := in.Get("password")
	_, err := s.svc.Access.UpdateUser(ctx, c, id, access.UserPatch{Password: &password})
	return err
}

func setDisabled(disabled bool) func(*Server, context.Context, access.Caller, int64, url.Values) error {
	return func(s *Server, ctx context.Context, c access.Caller, id int64, _ url.Values) error {
		_, err := s.svc.Access.UpdateUser(ctx, c, id, access.UserPatch{Disabled: &disabled})
		return err
	}
}

func liftThrottle(s *Server, ctx context.Context, c access.Caller, id int64, _ url.Values) error {
	_, err := s.svc.Access.LiftThrottle(ctx, c, id)
	return err
}

func (s *Server) renderAdminUser(w http.ResponseWriter, r *http.Request, status int, v adminUserView) {
	ctx := r.Context()
	c := viewerOf(ctx).Caller
	id, err := userParam(r)
	if err == nil {
		v.User, err = s.svc.Access.User(ctx, c, id)
	}
	if err == nil {
		v.Throttle, err = s.svc.Access.Throttle(ctx, c, id)
	}
	if err == nil {
		err = s.fillAdminUser(ctx, &v)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := Tf(ctx, "web.admin.user.title", i18n.Args{"username": v.User.Username})
	s.render(w, r, status, adminUserPage(s.page(r, title), v))
}

// fillAdminUser adds to v what its user's page shows besides the user.
func (s *Server) fillAdminUser(ctx context.Context, v *adminUserView) error {
	provinces, err := s.provinceList(ctx)
	if err != nil {
		return err
	}
	v.Role, v.Province = roleName(ctx, v.User.Role), provinces.name(v.User.Province)
	v.Roles, v.Provinces = roleOptions(ctx), provinceOptions(ctx, provinces)
	if !v.Throttle.Until.IsZero() {
		v.Until = s.when(ctx, v.Throttle.Until)
	}
	if v.Forms == nil {
		v.Forms = map[string]form{}
	}
	if _, sent := v.Forms["edit"]; !sent {
		v.Forms["edit"] = form{Values: map[string]string{"full_name": v.User.FullName, "role": string(v.User.Role),
			"province_code": string(v.User.Province)}}
	}
	v.Trail, err = s.userTrail(ctx, v.User.ID)
	return err
}

// userTrail returns the latest entries of the audit trail about the user
// id, newest first.
func (s *Server) userTrail(ctx context.Context, id int64) ([]trailRow, error) {
	entries, err := s.svc.Audit.List(ctx, viewerOf(ctx).Caller,
		audit.Filter{Entity: "user", EntityID: strconv.FormatInt(id, 10), Limit: trailLength})
	if err != nil {
		return nil, err
	}
	out := make([]trailRow, len(entries))
	for i, e := range entries {
		out[i] = trailRow{At: s.when(ctx, e.At), Actor: e.Actor.Name, Action: trailAction(ctx, e.Action)}
	}
	return out, nil
}

// trailLength is how many entries of the trail a user's page shows.
const trailLength = 50

// actionKeys name in words the actions of the trail about a user.
var actionKeys = map[string]string{
	"user.create":        "web.admin.action.user_create",
	"user.update":        "web.admin.action.user_update",
	"user.password":      "web.admin.action.user_password",
	"user.throttle_lift": "web.admin.action.user_throttle_lift",
	"login":              "web.admin.action.login",
	"logout":             "web.admin.action.logout",
	"login.failed":       "web.admin.action.login_failed",
	"login.slowed":       "web.admin.action.login_slowed",
}

// trailAction returns an action of the audit trail in words, or as it is
// recorded when it has none.
func trailAction(ctx context.Context, action string) string {
	if key, ok := actionKeys[action]; ok {
		return T(ctx, key)
	}
	return action
}
