package web

import (
	"context"

	"baove/i18n"
)

// adminWaiting returns what waits for an administrator: each account held
// back at sign-in now (to lift it, if its owner asks), and how many are
// disabled.
func (s *Server) adminWaiting(ctx context.Context) ([]waitItem, error) {
	c := viewerOf(ctx).Caller
	users, err := s.svc.Access.Users(ctx, c)
	if err != nil {
		return nil, err
	}
	throttles, err := s.svc.Access.Throttles(ctx, c)
	if err != nil {
		return nil, err
	}
	var out []waitItem
	disabled := 0
	for _, u := range users {
		if t := throttles[u.Username]; t.Active() {
			out = append(out, waitItem{URL: userURL(u.ID), Text: Tf(ctx, "web.admin.home.throttled",
				i18n.Args{"username": u.Username, "n": i18n.Count(t.Failures)})})
		}
		if u.Disabled {
			disabled++
		}
	}
	if len(out) == 0 {
		out = append(out, waitItem{URL: "/admin/users", Text: T(ctx, "web.admin.home.none_throttled")})
	}
	if disabled > 0 {
		out = append(out, waitItem{URL: "/admin/users", Text: Tf(ctx, "web.admin.home.disabled",
			i18n.Args{"n": i18n.Count(disabled)})})
	}
	return out, nil
}
