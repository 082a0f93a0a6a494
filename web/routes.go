package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"baove/api"
)

// apiPaths are the paths the API answers, exactly; apiPrefixes begin the
// others. Everything else is a page.
var (
	apiPaths    = []string{"/api", "/docs", "/healthz", "/readyz", "/metrics"}
	apiPrefixes = []string{"/api/", "/docs/", "/openapi.", "/openapi-", "/schemas/"}
)

// isAPIPath reports whether the API answers path: its operations (whose
// unknown paths and methods it answers with problem documents), its
// documentation and schemas, the probes and the metrics.
func isAPIPath(path string) bool {
	return slices.Contains(apiPaths, path) ||
		slices.ContainsFunc(apiPrefixes, func(p string) bool { return strings.HasPrefix(path, p) })
}

// routes declares every page, in one table: for each, the method and path,
// who may open it (anyone, or signedIn: others are sent to the sign-in
// page), and its handler. A new page is one line here, one in nav.go when
// the navigation shows it, and its words in the catalogue.
func (s *Server) routes() chi.Router {
	const get, post = http.MethodGet, http.MethodPost
	r := chi.NewRouter()
	r.Use(s.requestID, s.clientAddress, s.accessLog, s.recoverer, securityHeaders, s.language, middleware.GetHead)
	r.NotFound(s.session(http.HandlerFunc(s.notFound)).ServeHTTP)
	r.MethodNotAllowed(s.session(http.HandlerFunc(s.methodNotAllowed)).ServeHTTP)
	r.Get("/static/{name}", s.static)

	r.Group(func(r chi.Router) {
		r.Use(s.admitted, api.RememberReads, s.session, s.origins.Handler)
		page := func(method, path string, who func(http.HandlerFunc) http.HandlerFunc, h http.HandlerFunc) {
			r.Method(method, path, who(h))
		}
		page(get, "/signin", anyone, s.signinPage)
		page(post, "/signin", anyone, s.signin)
		page(post, "/signout", anyone, s.signout)
		page(get, "/", signedIn, s.home)
		page(get, "/password", signedIn, s.passwordPage)
		page(post, "/password", signedIn, s.changePassword)
		page(get, "/inbox", signedIn, s.inboxPage)
		page(post, "/inbox/address", signedIn, s.setAddress)
		page(post, "/inbox/{id}/open", signedIn, s.openNotification)

		// The finance officer's pages (web/finance*.go, budget, pay, ledger, import, close).
		page(get, "/budget", signedIn, s.budgetPage)
		page(get, "/pay", signedIn, s.payPage)
		page(post, "/pay", signedIn, s.pay)
		page(get, "/ledger", signedIn, s.ledgerPage)
		page(get, "/ledger/{id}", signedIn, s.entryPage)
		page(post, "/ledger/{id}/attachments", signedIn, s.attachScan)
		page(get, "/ledger/{id}/reverse", signedIn, s.reversePage)
		page(post, "/ledger/{id}/reverse", signedIn, s.reverse)
		page(get, "/imports", signedIn, s.importsPage)
		page(post, "/imports/preview", signedIn, s.previewImport)
		page(post, "/imports", signedIn, s.recordImport)
		page(get, "/close", signedIn, s.closePage)
		page(post, "/close", signedIn, s.closeYear)

		// The plans and their editor (plan*.go).
		page(get, "/plans", signedIn, s.plansPage)
		page(post, "/plans", signedIn, s.createPlan)
		page(get, "/plans/{id}", signedIn, s.planPage)
		page(get, "/plans/{id}/diff", signedIn, s.planDiff)
		page(post, "/plans/{id}/activities", signedIn, s.change(addActivity))
		page(post, "/plans/{id}/activities/{aid}", signedIn, s.change(changeActivity))
		page(post, "/plans/{id}/activities/{aid}/delete", signedIn, s.change(removeActivity))
		page(post, "/plans/{id}/activities/{aid}/lines", signedIn, s.change(addLine))
		page(post, "/plans/{id}/lines/{lid}", signedIn, s.change(changeLine))
		page(post, "/plans/{id}/lines/{lid}/delete", signedIn, s.change(removeLine))
		page(post, "/plans/{id}/targets", signedIn, s.change(setTarget))
		page(post, "/plans/{id}/submit", signedIn, s.change(submitPlan))
		page(post, "/plans/{id}/revise", signedIn, s.change(revisePlan))
		page(post, "/plans/{id}/attachments", signedIn, s.attachToPlan)

		// A province's year: staffing, indicator values, progress, compliance.
		page(get, "/staffing", signedIn, s.staffingPage)
		page(post, "/staffing", signedIn, s.saveStaffing)
		page(post, "/staffing/import", signedIn, s.importStaffing)
		page(get, "/values", signedIn, s.valuesPage)
		page(post, "/values", signedIn, s.saveValues)
		page(get, "/progress", signedIn, s.progressPage)
		page(get, "/compliance", signedIn, s.compliancePage)

		// The province's approver (review*.go) and the ministry's reviewer
		// (national*.go, comment*.go, allocation*.go).
		page(get, "/review", signedIn, s.reviewQueue)
		page(get, "/review/{id}", signedIn, s.reviewPage)
		page(post, "/review/{id}/approve", signedIn, s.approvePlan)
		page(post, "/review/{id}/return", signedIn, s.returnPlan)
		page(get, "/national", signedIn, s.nationalPage)
		page(get, "/reporting", signedIn, s.reportingPage)
		page(get, "/provinces/{code}/plans/{id}", signedIn, s.planReadPage)
		page(post, "/provinces/{code}/plans/{id}/comments", signedIn, s.addComment)
		page(post, "/provinces/{code}/plans/{id}/comments/{comment}/close", signedIn, s.closeComment)
		page(get, "/allocations", signedIn, s.allocationsPage)
		page(post, "/allocations", signedIn, s.allocate)

		// The administrator's pages: users, task areas, indicators (admin*.go).
		page(get, "/admin/users", signedIn, s.adminOnly(s.adminUsersPage))
		page(post, "/admin/users", signedIn, s.adminOnly(s.createUser))
		page(get, "/admin/users/{id}", signedIn, s.adminOnly(s.adminUserPage))
		page(post, "/admin/users/{id}/{form}", signedIn, s.adminOnly(s.userAction))
		page(get, "/admin/task-areas", signedIn, s.adminOnly(s.adminTaskAreasPage))
		page(get, "/admin/task-areas/{code}", signedIn, s.adminOnly(s.adminTaskAreaPage))
		page(post, "/admin/task-areas/{code}", signedIn, s.adminOnly(s.updateTaskArea))
		page(get, "/admin/indicators", signedIn, s.adminOnly(s.adminIndicatorsPage))
		page(post, "/admin/indicators", signedIn, s.adminOnly(s.createIndicator))
		page(get, "/admin/indicators/{code}", signedIn, s.adminOnly(s.adminDueDatePage))
		page(post, "/admin/indicators/{code}", signedIn, s.adminOnly(s.setDueDate))
		page(post, "/admin/indicators/{code}/delete", signedIn, s.adminOnly(s.deleteDueDate))

		// The administrator's pages: units and the audit trail (admin_units*.go, audit*.go).
		page(get, "/admin/units", signedIn, s.unitsPage)
		page(post, "/admin/units/preview", signedIn, s.previewUnits)
		page(post, "/admin/units", signedIn, s.importUnits)
		page(get, "/audit", signedIn, s.auditPage)
	})
	return r
}
