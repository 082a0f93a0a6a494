package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"baove/access"
	"baove/upload"
)

// routes declares every operation of the API, in one table: for each, the
// method and path, who may call it, the handler (and whether it answers or
// takes a file), then its operation id and summary.
func (s *Server) routes() {
	const get, post, put, patch = http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch
	const del = http.MethodDelete
	var (
		admin     = roles(access.Admin)
		reviewer  = roles(access.Reviewer)
		everyRole = roles(access.Roles...)
		planner   = inProvince(access.Planner)
		approver  = inProvince(access.Approver)
		finance   = inProvince(access.Finance)
		// readers read a province's plans, money and figures.
		readers = inProvince(access.Reviewer, access.Planner, access.Approver, access.Finance)
		// of a province's report settings: its readers and the administrators
		readersAndAdmin = inProvince(access.Admin, access.Reviewer, access.Planner, access.Approver, access.Finance)
	)

	// Probes, outside the versioned prefix.
	g := s.group("", "system")
	g.add(get, "/healthz", public, call(s.healthz),
		"healthz", "Process is up")
	g.add(get, "/readyz", public, call(s.readyz),
		"readyz", "Database is reachable")

	// Sessions and accounts.
	g = s.group(Prefix, "accounts")
	g.add(post, "/auth/login", public, answers(call(s.login), 401, 429),
		"login", "Log in: exchange a username and password for a token")
	g.add(post, "/auth/logout", signedIn, call(s.logout),
		"logout", "Log out: revoke the token of this request")
	g.add(get, "/me", signedIn, call(s.getMe),
		"get-me", "The signed-in user")
	g.add(put, "/me/password", signedIn, call(s.changeMyPassword),
		"change-my-password", "Change one's own password")
	g.add(get, "/me/notifications", signedIn, call(s.listNotifications),
		"list-my-notifications", "One's notifications, unread first or newest first, with the unread count")
	g.add(get, "/me/notifications/unread", signedIn, call(s.countUnread),
		"count-my-unread-notifications", "How many of one's notifications are unread")
	g.add(post, "/me/notifications/{id}/read", signedIn, call(s.readNotification),
		"read-my-notification", "Open one of one's notifications: it is marked read")
	g.add(get, "/me/notification-address", signedIn, call(s.getNotificationAddress),
		"get-my-notification-address", "The e-mail address one's notifications are sent to")
	g.add(put, "/me/notification-address", signedIn, call(s.putNotificationAddress),
		"set-my-notification-address", "Set or clear the e-mail address one's notifications are sent to")
	g.add(post, "/users", admin, call(s.createUser),
		"create-user", "Create a user")
	g.add(get, "/users", admin, call(s.listUsers),
		"list-users", "List users")
	g.add(get, "/users/{id}", admin, call(s.getUser),
		"get-user", "Get a user")
	g.add(patch, "/users/{id}", admin, call(s.updateUser),
		"update-user", "Change a user's role, province, name, password or disabled flag")
	g.add(post, "/users/{id}/lift-throttle", admin, call(s.liftThrottle),
		"lift-user-throttle", "Lift a user's sign-in throttle: their failures stay recorded but no longer count")
	g.add(get, "/audit", everyRole, call(s.listAudit),
		"list-audit", "Read the audit trail")

	// Administrative units.
	g = s.group(Prefix, "units")
	g.add(get, "/provinces", signedIn, call(s.listProvinces),
		"list-provinces", "List provinces in force")
	g.add(get, "/provinces/{code}", signedIn, call(s.getProvince),
		"get-province", "Get a province")
	g.add(get, "/provinces/{code}/communes", signedIn, call(s.listCommunes),
		"list-communes", "List a province's communes")
	g.add(get, "/communes/{code}", signedIn, call(s.getCommune),
		"get-commune", "Get a commune, or the successor of an old code")
	g.add(post, "/units/import", admin, takesUnitList(s.importUnits),
		"import-units", "Make the units agree with a newer list (JSON, as `baove units import` reads): add, rename and "+
			"close units, never delete them (?dry_run=true: answer what would change and change nothing)")

	// Task areas and plans.
	g = s.group(Prefix, "plans")
	g.add(get, "/task-areas", signedIn, call(s.listTaskAreas),
		"list-task-areas", "The directive's task areas")
	g.add(patch, "/task-areas/{code}", admin, call(s.updateTaskArea),
		"update-task-area", "Rename a task area or change its eligibility for central funds")
	g.add(post, "/plans", planner, call(s.createPlan),
		"create-plan", "Start a province's plan for a year")
	g.add(get, "/plans", readers, call(s.listPlans),
		"list-plans", "List plan versions")
	g.add(get, "/plans/{id}", readers, call(s.getPlan),
		"get-plan", "Get a plan version with its activities, targets and history")
	g.add(patch, "/plans/{id}", planner, call(s.updatePlan),
		"update-plan", "Change a plan's title or narrative")
	g.add(get, "/plans/{id}/versions", readers, call(s.listPlanVersions),
		"list-plan-versions", "Every version of the plan")
	g.add(get, "/plans/{id}/diff", readers, call(s.diffPlan),
		"diff-plan", "What changed since an older version")
	g.add(post, "/plans/{id}/activities", planner, call(s.addActivity),
		"add-activity", "Add an activity")
	g.add(patch, "/plans/{id}/activities/{activity_id}", planner, call(s.updateActivity),
		"update-activity", "Change an activity")
	g.add(del, "/plans/{id}/activities/{activity_id}", planner, call(s.deleteActivity),
		"delete-activity", "Remove an activity")
	g.add(put, "/plans/{id}/targets/{indicator_code}", planner, call(s.setTarget),
		"set-target", "Set the plan's target for an indicator")
	g.add(del, "/plans/{id}/targets/{indicator_code}", planner, call(s.deleteTarget),
		"delete-target", "Remove a target")
	g.add(post, "/plans/{id}/submit", planner, call(s.submitPlan),
		"submit-plan", "Submit the plan to the province's leadership")
	g.add(post, "/plans/{id}/approve", approver, call(s.approvePlan),
		"approve-plan", "Issue a submitted plan for the province: its document number, date and signer")
	g.add(post, "/plans/{id}/return", approver, call(s.returnPlan),
		"return-plan", "Return a submitted plan with a reason")
	g.add(post, "/plans/{id}/revise", planner, call(s.revisePlan),
		"revise-plan", "Start a revision (version N+1) of the approved plan")
	g.add(post, "/plans/{id}/comments", reviewer, call(s.addComment),
		"add-plan-comment", "Comment on a plan version, or request a revision (the ministry)")
	g.add(get, "/plans/{id}/comments", readers, call(s.listComments),
		"list-plan-comments", "The ministry's comments on every version of the plan")
	g.add(post, "/plans/{id}/comments/{comment_id}/close", reviewer, call(s.closeComment),
		"close-plan-comment", "Close an open revision request")

	// Budget.
	g = s.group(Prefix, "budget")
	g.add(post, "/plans/{id}/budget-lines", planner, call(s.addBudgetLine),
		"add-budget-line", "Add a budget line")
	g.add(get, "/plans/{id}/budget-lines", readers, call(s.listBudgetLines),
		"list-budget-lines", "A plan version's budget lines")
	g.add(patch, "/plans/{id}/budget-lines/{line_id}", planner, call(s.updateBudgetLine),
		"update-budget-line", "Change a budget line")
	g.add(del, "/plans/{id}/budget-lines/{line_id}", planner, call(s.deleteBudgetLine),
		"delete-budget-line", "Remove a budget line")
	g.add(get, "/budget-lines/{id}", readers, call(s.getBudgetLine),
		"get-budget-line", "A budget line with what was disbursed from it")
	g.add(post, "/budget-lines/{id}/disbursements", finance, call(s.disburse),
		"disburse", "Record a payment from a budget line")
	g.add(get, "/budget-lines/{id}/disbursements", readers, call(s.lineLedger),
		"list-disbursements", "A budget line's ledger across the plan's versions, newest first, a page at a time")
	g.add(get, "/provinces/{code}/disbursements", readers, call(s.provinceLedger),
		"list-province-disbursements", "A province's ledger, newest first, a page at a time: search, filters, each entry with its reversal")
	g.add(post, "/disbursements/{id}/reverse", finance, call(s.reverseDisbursement),
		"reverse-disbursement", "Reverse a payment with a new entry")
	g.add(post, "/allocations", reviewer, call(s.allocate),
		"allocate", "Record a central allocation or a correction")
	g.add(post, "/allocation-decisions", reviewer, call(s.allocateDecision),
		"allocate-decision", "Record one decision allocating central funds to several provinces, all or nothing")
	g.add(get, "/allocations", readers, call(s.listAllocations),
		"list-allocations", "A province's central allocations")
	g.add(get, "/provinces/{code}/budget/{year}", readers, call(s.getBudgetSummary),
		"get-budget-summary", "Planned, allocated, disbursed and remaining by funding source and task area")
	g.add(post, "/provinces/{code}/budget/{year}/close", finance, call(s.closeBudgetYear),
		"close-budget-year", "Close a budget year: carry over or return unspent central funds")

	// Reports and files.
	g = s.group(Prefix, "reports")
	g.add(get, "/provinces/{code}/reports/{year}.pdf", readers, pdf(s.provinceReportPDF),
		"province-report-pdf", "The province's compliance report (PDF, official layout)")
	g.add(get, "/provinces/{code}/reports/{year}.xlsx", readers, xlsx(s.provinceReportXLSX),
		"province-report-xlsx", "The province's activities, budget lines, ledger, staffing and indicator values (XLSX)")
	g.add(get, "/reports/national/{year}.pdf", reviewer, pdf(s.nationalReportPDF),
		"national-report-pdf", "The national summary of every province (PDF)")
	g.add(get, "/reports/national/{year}.xlsx", reviewer, xlsx(s.nationalReportXLSX),
		"national-report-xlsx", "The national workbook: every province's plan, money by source, staffing and indicators (XLSX)")
	g.add(get, "/reports/verify", signedIn, call(s.verifyReport),
		"verify-report", "Which report a file is, by its SHA-256")
	g.add(get, "/provinces/{code}/report-settings", readersAndAdmin, call(s.getProvinceReportSettings),
		"get-province-report-settings", "How the province's report is issued, signed, numbered and sent")
	g.add(put, "/provinces/{code}/report-settings", inProvince(access.Admin, access.Approver), call(s.putProvinceReportSettings),
		"put-province-report-settings", "Set how the province's report is issued, signed, numbered and sent")
	g.add(get, "/report-settings/national", signedIn, call(s.getNationalReportSettings),
		"get-national-report-settings", "How the national summary is issued and sent, and how reports cite the 2017 letter")
	g.add(put, "/report-settings/national", roles(access.Admin, access.Reviewer), call(s.putNationalReportSettings),
		"put-national-report-settings", "Set how the national summary is issued and sent, and how reports cite the 2017 letter")
	g.add(post, "/provinces/{code}/disbursements/import", finance, takes(s.importDisbursements),
		"import-disbursements", "Record the payments of an XLSX or CSV file, all or nothing "+
			"(?dry_run=true: check it as the import would and record nothing)")
	g.add(get, "/provinces/{code}/disbursements/import-template.xlsx", signedIn, xlsx(s.disbursementTemplate),
		"disbursement-import-template", "The template of a disbursement import, prefilled with the lines of the plan "+
			"in force for whoever may read the province")
	g.add(post, "/provinces/{code}/staffing/{year}/import", planner, takes(s.importStaffing),
		"import-staffing", "Record the communes' staffing from an XLSX or CSV file, all or nothing "+
			"(?dry_run=true: check it as the import would and record nothing)")
	g.add(get, "/provinces/{code}/staffing/{year}/import-template.xlsx", signedIn, xlsx(s.staffingTemplate),
		"staffing-import-template", "The template of a staffing import, prefilled with the communes and their figures "+
			"for whoever may read the province")

	// Attachments: signed scans kept with what they prove.
	g = s.group(Prefix, "attachments")
	g.add(post, "/plans/{id}/attachments", inProvince(access.Planner, access.Approver), attaches(s.attachToPlan),
		"attach-to-plan", "Attach a scan to a plan version: the signed plan as issued, or another document")
	g.add(get, "/plans/{id}/attachments", readers, call(s.listPlanAttachments),
		"list-plan-attachments", "A plan version's attachments")
	g.add(post, "/allocations/{id}/attachments", reviewer, attaches(s.attachToAllocation),
		"attach-to-allocation", "Attach a scan to an allocation: its decision")
	g.add(get, "/allocations/{id}/attachments", readers, call(s.listAllocationAttachments),
		"list-allocation-attachments", "An allocation's attachments")
	g.add(post, "/disbursements/{id}/attachments", finance, attaches(s.attachToDisbursement),
		"attach-to-disbursement", "Attach a scan to a disbursement: its payment voucher")
	g.add(get, "/disbursements/{id}/attachments", readers, call(s.listDisbursementAttachments),
		"list-disbursement-attachments", "A disbursement's attachments")
	g.add(post, "/provinces/{code}/compliance/{year}/{check}/attachments", inProvince(access.Planner, access.Finance),
		attaches(s.attachToCheck), "attach-to-check", "Attach evidence to a province-year's compliance check")
	g.add(get, "/provinces/{code}/compliance/{year}/{check}/attachments", readers, call(s.listCheckAttachments),
		"list-check-attachments", "The evidence attached to a compliance check")
	g.add(get, "/attachments/{id}", readers, download(s.downloadAttachment),
		"download-attachment", "Download an attachment: its bytes as uploaded, with its name, type and SHA-256")

	// Indicators.
	g = s.group(Prefix, "indicators")
	g.add(get, "/indicators", signedIn, call(s.listIndicators),
		"list-indicators", "The indicator catalogue with national targets")
	g.add(post, "/indicators", admin, call(s.createIndicator),
		"create-indicator", "Add a reported indicator to the catalogue")
	g.add(get, "/provinces/{code}/indicator-values", readers, call(s.listValues),
		"list-indicator-values", "A province's reported indicator values")
	g.add(put, "/provinces/{code}/indicator-values/{indicator_code}/{period}", planner, call(s.putValue),
		"put-indicator-value", "Report an indicator value for a year or a quarter")
	g.add(del, "/provinces/{code}/indicator-values/{indicator_code}/{period}", planner, call(s.deleteValue),
		"delete-indicator-value", "Remove a reported indicator value")

	// Commune staffing.
	g = s.group(Prefix, "staffing")
	g.add(get, "/provinces/{code}/staffing/{year}", readers, call(s.getProvinceStaffing),
		"get-province-staffing", "Commune staffing and worker coverage of a province in a year")
	g.add(put, "/provinces/{code}/staffing/{year}", planner, call(s.putProvinceStaffing),
		"put-province-staffing", "Record the staffing of many communes at once, all or nothing")
	g.add(put, "/communes/{code}/staffing/{year}", planner, call(s.putCommuneStaffing),
		"put-commune-staffing", "Record a commune's staffing in a year")

	// Progress and compliance.
	g = s.group(Prefix, "progress")
	g.add(get, "/provinces/{code}/progress/{year}", readers, call(s.getProvinceProgress),
		"get-province-progress", "A province's progress towards its targets")
	g.add(get, "/progress/{year}", reviewer, call(s.getNationalProgress),
		"get-national-progress", "Every province's progress and the national figures")
	g.add(get, "/provinces/{code}/compliance/{year}", readers, call(s.getCompliance),
		"get-province-compliance", "Compliance checks of a province against the 2017 directive")

	// The reporting calendar.
	g = s.group(Prefix, "reporting")
	g.add(get, "/reporting/due-dates", signedIn, call(s.listDueRules),
		"list-due-rules", "The reporting calendar: when each periodic indicator's values are due")
	g.add(put, "/reporting/due-dates/{indicator_code}", admin, call(s.setDueRule),
		"set-due-rule", "Make an indicator periodic, or change when its values are due")
	g.add(del, "/reporting/due-dates/{indicator_code}", admin, call(s.deleteDueRule),
		"delete-due-rule", "Take an indicator off the reporting calendar")
	g.add(get, "/reporting/{period}", reviewer, call(s.getReporting),
		"get-reporting", "Every province's reporting for a quarter or a year: on time, late, missing or not due")
}

// group is a section of the route table: operations under one path prefix,
// with one tag in the documentation.
type group struct {
	s           *Server
	prefix, tag string
}

func (s *Server) group(prefix, tag string) group { return group{s: s, prefix: prefix, tag: tag} }

// add registers the operation method path (under g's prefix) with its access
// rule, handler, operation id and summary.
func (g group) add(method, path string, r Rule, h handler, id, summary string) {
	o := huma.Operation{Method: method, Path: g.prefix + path, OperationID: id, Summary: summary, Tags: []string{g.tag}}
	h(g.s, o, r)
}

// handler registers an operation with its handler function.
type handler func(s *Server, o huma.Operation, r Rule)

// call is the handler of an operation that answers JSON (or nothing).
func call[I, O any](h func(context.Context, *I) (*O, error)) handler {
	return func(s *Server, o huma.Operation, r Rule) { register(s, o, r, h) }
}

// pdf is the handler of an operation that answers a PDF document.
func pdf[I, O any](h func(context.Context, *I) (*O, error)) handler {
	return func(s *Server, o huma.Operation, r Rule) { register(s, fileOp(o, pdfType), r, h) }
}

// xlsx is the handler of an operation that answers a workbook.
func xlsx[I, O any](h func(context.Context, *I) (*O, error)) handler {
	return func(s *Server, o huma.Operation, r Rule) { register(s, fileOp(o, xlsxType), r, h) }
}

// takes is the handler of an operation that takes an uploaded file.
func takes[I, O any](h func(context.Context, *I) (*O, error)) handler {
	return func(s *Server, o huma.Operation, r Rule) { register(s, uploadOp(o), r, h) }
}

// fileOp documents an operation that answers a file.
func fileOp(o huma.Operation, contentType string) huma.Operation {
	o.Responses = fileResponse(contentType)
	return o
}

// uploadOp lets an operation take a file as its body, up to the import cap
// (with room for multipart framing): Huma refuses a larger body with 413
// before the handler runs.
func uploadOp(o huma.Operation) huma.Operation {
	o.MaxBodyBytes = upload.MaxSize + 64<<10
	o.RequestBody = &huma.RequestBody{Required: true,
		Description: "The file: XLSX or CSV (UTF-8) as the body, " +
			"or as the part named file of a multipart/form-data body",
		Content: map[string]*huma.MediaType{xlsxType: {}, "text/csv": {}, "multipart/form-data": {}}}
	return o
}

// answers documents the error statuses an operation answers besides those
// of its rule (see register).
func answers(h handler, statuses ...int) handler {
	return func(s *Server, o huma.Operation, r Rule) {
		o.Errors = append(o.Errors, statuses...)
		h(s, o, r)
	}
}

// register adds an operation with its access rule. The handler returns
// domain errors; they are mapped to problems here, so no handler maps errors
// itself. Every operation may answer 422, for the text of the headers it
// reads (see checkText); one that needs a token 401 and 403; a public one
// says so with an empty security requirement.
func register[I, O any](s *Server, o huma.Operation, r Rule, h func(context.Context, *I) (*O, error)) {
	o.Security = []map[string][]string{}
	o.Errors = append(o.Errors, http.StatusUnprocessableEntity)
	if !r.Public {
		o.Security = []map[string][]string{{"bearer": {}}}
		o.Errors = append(o.Errors, http.StatusUnauthorized, http.StatusForbidden)
	}
	o.Description = r.describe()
	o.Extensions = map[string]any{"x-baove-access": r}
	o.BodyReadTimeout = -1 // readBody has read the body, under its own deadline
	huma.Register(s.api, o, func(ctx context.Context, in *I) (*O, error) {
		start := time.Now()
		out, err := h(ctx, in)
		s.observe(o.OperationID, out, err, time.Since(start))
		if err != nil {
			return nil, s.toProblem(ctx, err)
		}
		return out, nil
	})
	boundPathYear(s.registered(o))
}

// registered returns the operation as the API holds it after registration.
func (s *Server) registered(o huma.Operation) *huma.Operation {
	item := s.api.OpenAPI().Paths[o.Path]
	for _, op := range []*huma.Operation{item.Get, item.Post, item.Put, item.Patch, item.Delete} {
		if op != nil && op.OperationID == o.OperationID {
			return op
		}
	}
	return nil
}
