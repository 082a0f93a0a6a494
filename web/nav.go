package web

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"baove/access"
	"baove/i18n"
)

// destination is one place a role goes: a section of the pages, or a file
// the API serves (which the session cookie opens in the browser).
type destination struct {
	// Key names it in the catalogue; its words may show {year}, the
	// current year.
	Key string
	// Path is where it is; {province}, {year} and {lang} are the reader's
	// province, the current year and the pages' language.
	Path string
	// Roles see it.
	Roles []access.Role
	// Menu puts it in the header's navigation as well as on the home page.
	Menu bool
}

var (
	everyone   = access.Roles
	provincial = []access.Role{access.Planner, access.Approver, access.Finance}
	finance    = []access.Role{access.Finance}
	admins     = []access.Role{access.Admin}
	// provinceReaders read a province's pages: its officers, and the
	// ministry's reviewers any province's.
	provinceReaders = []access.Role{access.Planner, access.Approver, access.Finance, access.Reviewer}
)

// destinations are the places of each role, in the order the header and
// the home page list them. A new page is one line here (and its key in
// both catalogues).
var destinations = []destination{
	{Key: "web.nav.home", Path: "/", Roles: everyone, Menu: true},
	{Key: "web.nav.budget", Path: "/budget", Roles: finance, Menu: true},
	{Key: "web.nav.pay", Path: "/pay", Roles: finance, Menu: true},
	{Key: "web.nav.ledger", Path: "/ledger", Roles: finance, Menu: true},
	{Key: "web.nav.imports", Path: "/imports", Roles: finance, Menu: true},
	{Key: "web.nav.close", Path: "/close", Roles: finance},
	{Key: "web.nav.plans", Path: "/plans", Roles: provinceReaders, Menu: true},
	{Key: "web.nav.staffing", Path: "/staffing", Roles: provinceReaders, Menu: true},
	{Key: "web.nav.values", Path: "/values", Roles: provinceReaders, Menu: true},
	{Key: "web.nav.progress", Path: "/progress", Roles: provinceReaders, Menu: true},
	{Key: "web.nav.compliance", Path: "/compliance", Roles: provinceReaders, Menu: true},
	{Key: "web.nav.review", Path: "/review", Roles: []access.Role{access.Approver}, Menu: true},
	{Key: "web.nav.national", Path: "/national", Roles: []access.Role{access.Reviewer}, Menu: true},
	{Key: "web.nav.reporting", Path: "/reporting", Roles: []access.Role{access.Reviewer}, Menu: true},
	{Key: "web.nav.allocations", Path: "/allocations", Roles: []access.Role{access.Reviewer}, Menu: true},
	{Key: "web.nav.report_pdf", Path: "/api/v1/provinces/{province}/reports/{year}.pdf?lang={lang}", Roles: provincial},
	{Key: "web.nav.report_xlsx", Path: "/api/v1/provinces/{province}/reports/{year}.xlsx", Roles: provincial},
	{Key: "web.nav.national_pdf", Path: "/api/v1/reports/national/{year}.pdf?lang={lang}", Roles: []access.Role{access.Reviewer}},
	// The administrator's pages: users, task areas, indicators (admin*.go).
	{Key: "web.nav.admin_users", Path: "/admin/users", Roles: admins, Menu: true},
	{Key: "web.nav.admin_task_areas", Path: "/admin/task-areas", Roles: admins, Menu: true},
	{Key: "web.nav.admin_indicators", Path: "/admin/indicators", Roles: admins, Menu: true},
	// The administrator's pages: units and the audit trail (which the other
	// roles read too, within their scope, from their home page).
	{Key: "web.nav.units", Path: "/admin/units", Roles: admins, Menu: true},
	{Key: "web.nav.audit", Path: "/audit", Roles: admins, Menu: true},
	{Key: "web.nav.audit", Path: "/audit", Roles: provinceReaders},
	{Key: "web.nav.api_docs", Path: "/docs", Roles: admins},
	{Key: "web.nav.inbox", Path: "/inbox", Roles: everyone}, // the header links it, with the unread count
	{Key: "web.nav.password", Path: "/password", Roles: everyone, Menu: true},
}

// link is a destination as one reader sees it.
type link struct {
	Text string
	URL  string
	// File is set for a file the API serves (a report), unset for a page.
	File bool
}

// links returns the reader's destinations (only those of the menu when
// menu is set); none when nobody is signed in.
func (s *Server) links(ctx context.Context, menu bool) []link {
	v := viewerOf(ctx)
	if v == nil {
		return nil
	}
	year := s.svc.Clock.Today().Year()
	fill := strings.NewReplacer("{province}", string(v.Province), "{year}", strconv.Itoa(year),
		"{lang}", string(langOf(ctx)))
	var out []link
	for _, d := range destinations {
		if (menu && !d.Menu) || !slices.Contains(d.Roles, v.Role) {
			continue
		}
		out = append(out, link{Text: Tf(ctx, d.Key, i18n.Args{"year": year}), URL: fill.Replace(d.Path),
			File: strings.HasPrefix(d.Path, "/api/")})
	}
	return out
}
