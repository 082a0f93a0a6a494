package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"baove/access"
	"baove/upload"
)

// routes declares every operation of the API, in one table, each with the
// rule of who may call it.
func (s *Server) routes() {
	const (
		get, post, put, patch, del = http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete
	)
	// Probes, outside the versioned prefix.
	register(s, op(get, "/healthz", "healthz", "Process is up", "system"), public, s.healthz)
	register(s, op(get, "/readyz", "readyz", "Database is reachable", "system"), public, s.readyz)

	// Sessions and accounts.
	register(s, op(post, Prefix+"/auth/login", "login", "Log in: exchange a username and password for a token", "accounts"), public, s.login)
	register(s, op(post, Prefix+"/auth/logout", "logout", "Log out: revoke the token of this request", "accounts"), signedIn, s.logout)
	register(s, op(get, Prefix+"/me", "get-me", "The signed-in user", "accounts"), signedIn, s.getMe)
	register(s, op(put, Prefix+"/me/password", "change-my-password", "Change one's own password", "accounts"), signedIn, s.changeMyPassword)
	register(s, op(post, Prefix+"/users", "create-user", "Create a user", "accounts"), roles(access.Admin), s.createUser)
	register(s, op(get, Prefix+"/users", "list-users", "List users", "accounts"), roles(access.Admin), s.listUsers)
	register(s, op(get, Prefix+"/users/{id}", "get-user", "Get a user", "accounts"), roles(access.Admin), s.getUser)
	register(s, op(patch, Prefix+"/users/{id}", "update-user", "Change a user's role, province, name, password or disabled flag", "accounts"), roles(access.Admin), s.updateUser)
	register(s, op(get, Prefix+"/audit", "list-audit", "Read the audit trail", "accounts"), roles(access.Admin, access.Reviewer, access.Planner, access.Finance), s.listAudit)

	// Administrative units.
	register(s, op(get, Prefix+"/provinces", "list-provinces", "List provinces in force", "units"), signedIn, s.listProvinces)
	register(s, op(get, Prefix+"/provinces/{code}", "get-province", "Get a province", "units"), signedIn, s.getProvince)
	register(s, op(get, Prefix+"/provinces/{code}/communes", "list-communes", "List a province's communes", "units"), signedIn, s.listCommunes)
	register(s, op(get, Prefix+"/communes/{code}", "get-commune", "Get a commune, or the successor of an old code", "units"), signedIn, s.getCommune)

	// Task areas and plans.
	register(s, op(get, Prefix+"/task-areas", "list-task-areas", "The directive's task areas", "plans"), signedIn, s.listTaskAreas)
	register(s, op(patch, Prefix+"/task-areas/{code}", "update-task-area", "Rename a task area or change its eligibility for central funds", "plans"), roles(access.Admin), s.updateTaskArea)
	register(s, op(post, Prefix+"/plans", "create-plan", "Start a province's plan for a year", "plans"), inProvince(access.Planner), s.createPlan)
	register(s, op(get, Prefix+"/plans", "list-plans", "List plan versions", "plans"), inProvince(access.Reviewer, access.Planner, access.Finance), s.listPlans)
	register(s, op(get, Prefix+"/plans/{id}", "get-plan", "Get a plan version with its activities, targets and history", "plans"), inProvince(access.Reviewer, access.Planner, access.Finance), s.getPlan)
	register(s, op(patch, Prefix+"/plans/{id}", "update-plan", "Change a plan's title or narrative", "plans"), inProvince(access.Planner), s.updatePlan)
	register(s, op(get, Prefix+"/plans/{id}/versions", "list-plan-versions", "Every version of the plan", "plans"), inProvince(access.Reviewer, access.Planner, access.Finance), s.listPlanVersions)
	register(s, op(get, Prefix+"/plans/{id}/diff", "diff-plan", "What changed since an older version", "plans"), inProvince(access.Reviewer, access.Planner, access.Finance), s.diffPlan)
	register(s, op(post, Prefix+"/plans/{id}/activities", "add-activity", "Add an activity", "plans"), inProvince(access.Planner), s.addActivity)
	register(s, op(patch, Prefix+"/plans/{id}/activities/{activity_id}", "update-activity", "Change an activity", "plans"), inProvince(access.Planner), s.updateActivity)
	register(s, op(del, Prefix+"/plans/{id}/activities/{activity_id}", "delete-activity", "Remove an activity", "plans"), inProvince(access.Planner), s.deleteActivity)
	register(s, op(put, Prefix+"/plans/{id}/targets/{indicator_code}", "set-target", "Set the plan's target for an indicator", "plans"), inProvince(access.Planner), s.setTarget)
	register(s, op(del, Prefix+"/plans/{id}/targets/{indicator_code}", "delete-target", "Remove a target", "plans"), inProvince(access.Planner), s.deleteTarget)
	register(s, op(post, Prefix+"/plans/{id}/submit", "submit-plan", "Submit the plan for review", "plans"), inProvince(access.Planner), s.submitPlan)
	register(s, op(post, Prefix+"/plans/{id}/approve", "approve-plan", "Approve a submitted plan", "plans"), roles(access.Reviewer), s.approvePlan)
	register(s, op(post, Prefix+"/plans/{id}/return", "return-plan", "Return a submitted plan with a reason", "plans"), roles(access.Reviewer), s.returnPlan)
	register(s, op(post, Prefix+"/plans/{id}/revise", "revise-plan", "Start a revision (version N+1) of the approved plan", "plans"), inProvince(access.Planner), s.revisePlan)

	// Budget.
	register(s, op(post, Prefix+"/plans/{id}/budget-lines", "add-budget-line", "Add a budget line", "budget"), inProvince(access.Planner), s.addBudgetLine)
	register(s, op(get, Prefix+"/plans/{id}/budget-lines", "list-budget-lines", "A plan version's budget lines", "budget"), inProvince(access.Reviewer, access.Planner, access.Finance), s.listBudgetLines)
	register(s, op(patch, Prefix+"/plans/{id}/budget-lines/{line_id}", "update-budget-line", "Change a budget line", "budget"), inProvince(access.Planner), s.updateBudgetLine)
	register(s, op(del, Prefix+"/plans/{id}/budget-lines/{line_id}", "delete-budget-line", "Remove a budget line", "budget"), inProvince(access.Planner), s.deleteBudgetLine)
	register(s, op(get, Prefix+"/budget-lines/{id}", "get-budget-line", "A budget line with what was disbursed from it", "budget"), inProvince(access.Reviewer, access.Planner, access.Finance), s.getBudgetLine)
	register(s, op(post, Prefix+"/budget-lines/{id}/disbursements", "disburse", "Record a payment from a budget line", "budget"), inProvince(access.Finance), s.disburse)
	register(s, op(get, Prefix+"/budget-lines/{id}/disbursements", "list-disbursements", "A budget line's ledger", "budget"), inProvince(access.Reviewer, access.Planner, access.Finance), s.listDisbursements)
	register(s, op(post, Prefix+"/disbursements/{id}/reverse", "reverse-disbursement", "Reverse a payment with a new entry", "budget"), inProvince(access.Finance), s.reverseDisbursement)
	register(s, op(post, Prefix+"/allocations", "allocate", "Record a central allocation or a correction", "budget"), roles(access.Reviewer), s.allocate)
	register(s, op(get, Prefix+"/allocations", "list-allocations", "A province's central allocations", "budget"), inProvince(access.Reviewer, access.Planner, access.Finance), s.listAllocations)
	register(s, op(get, Prefix+"/provinces/{code}/budget/{year}", "get-budget-summary", "Planned, allocated, disbursed and remaining by funding source and task area", "budget"), inProvince(access.Reviewer, access.Planner, access.Finance), s.getBudgetSummary)
	register(s, op(post, Prefix+"/provinces/{code}/budget/{year}/close", "close-budget-year", "Close a budget year: carry over or return unspent central funds", "budget"), inProvince(access.Finance), s.closeBudgetYear)

	// Reports and files.
	register(s, fileOp(op(get, Prefix+"/provinces/{code}/reports/{year}.pdf", "province-report-pdf", "The province's compliance report (PDF, official layout)", "reports"), pdfType), inProvince(access.Reviewer, access.Planner, access.Finance), s.provinceReportPDF)
	register(s, fileOp(op(get, Prefix+"/provinces/{code}/reports/{year}.xlsx", "province-report-xlsx", "The province's activities, budget lines, ledger, staffing and indicator values (XLSX)", "reports"), xlsxType), inProvince(access.Reviewer, access.Planner, access.Finance), s.provinceReportXLSX)
	register(s, fileOp(op(get, Prefix+"/reports/national/{year}.pdf", "national-report-pdf", "The national summary of every province (PDF)", "reports"), pdfType), roles(access.Reviewer), s.nationalReportPDF)
	register(s, uploadOp(op(post, Prefix+"/provinces/{code}/disbursements/import", "import-disbursements", "Record the payments of an XLSX or CSV file, all or nothing", "reports")), inProvince(access.Finance), s.importDisbursements)
	register(s, fileOp(op(get, Prefix+"/provinces/{code}/disbursements/import-template.xlsx", "disbursement-import-template", "The template of a disbursement import", "reports"), xlsxType), signedIn, s.disbursementTemplate)
	register(s, uploadOp(op(post, Prefix+"/provinces/{code}/staffing/{year}/import", "import-staffing", "Record the communes' staffing from an XLSX or CSV file, all or nothing", "reports")), inProvince(access.Planner), s.importStaffing)
	register(s, fileOp(op(get, Prefix+"/provinces/{code}/staffing/{year}/import-template.xlsx", "staffing-import-template", "The template of a staffing import", "reports"), xlsxType), signedIn, s.staffingTemplate)

	// Indicators.
	register(s, op(get, Prefix+"/indicators", "list-indicators", "The indicator catalogue with national targets", "indicators"), signedIn, s.listIndicators)
	register(s, op(post, Prefix+"/indicators", "create-indicator", "Add a reported indicator to the catalogue", "indicators"), roles(access.Admin), s.createIndicator)
	register(s, op(get, Prefix+"/provinces/{code}/indicator-values", "list-indicator-values", "A province's reported indicator values", "indicators"), inProvince(access.Reviewer, access.Planner, access.Finance), s.listValues)
	register(s, op(put, Prefix+"/provinces/{code}/indicator-values/{indicator_code}/{period}", "put-indicator-value", "Report an indicator value for a year or a quarter", "indicators"), inProvince(access.Planner), s.putValue)
	register(s, op(del, Prefix+"/provinces/{code}/indicator-values/{indicator_code}/{period}", "delete-indicator-value", "Remove a reported indicator value", "indicators"), inProvince(access.Planner), s.deleteValue)

	// Commune staffing.
	register(s, op(get, Prefix+"/provinces/{code}/staffing/{year}", "get-province-staffing", "Commune staffing and worker coverage of a province in a year", "staffing"), inProvince(access.Reviewer, access.Planner, access.Finance), s.getProvinceStaffing)
	register(s, op(put, Prefix+"/provinces/{code}/staffing/{year}", "put-province-staffing", "Record the staffing of many communes at once, all or nothing", "staffing"), inProvince(access.Planner), s.putProvinceStaffing)
	register(s, op(put, Prefix+"/communes/{code}/staffing/{year}", "put-commune-staffing", "Record a commune's staffing in a year", "staffing"), inProvince(access.Planner), s.putCommuneStaffing)

	// Progress and compliance.
	register(s, op(get, Prefix+"/provinces/{code}/progress/{year}", "get-province-progress", "A province's progress towards its targets", "progress"), inProvince(access.Reviewer, access.Planner, access.Finance), s.getProvinceProgress)
	register(s, op(get, Prefix+"/progress/{year}", "get-national-progress", "Every province's progress and the national figures", "progress"), roles(access.Reviewer), s.getNationalProgress)
	register(s, op(get, Prefix+"/provinces/{code}/compliance/{year}", "get-province-compliance", "Compliance checks of a province against the 2017 directive", "progress"), inProvince(access.Reviewer, access.Planner, access.Finance), s.getCompliance)
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
	o.RequestBody = &huma.RequestBody{Required: true, Description: "The file: XLSX or CSV (UTF-8) as the body, or as the part named file of a multipart/form-data body",
		Content: map[string]*huma.MediaType{xlsxType: {}, "text/csv": {}, "multipart/form-data": {}}}
	return o
}

func op(method, path, id, summary, tag string) huma.Operation {
	return huma.Operation{Method: method, Path: path, OperationID: id, Summary: summary, Tags: []string{tag}}
}

// register adds an operation with its access rule. The handler returns
// domain errors; they are mapped to problems here, so no handler maps errors
// itself.
func register[I, O any](s *Server, o huma.Operation, r Rule, h func(context.Context, *I) (*O, error)) {
	if !r.Public {
		o.Security = []map[string][]string{{"bearer": {}}}
		o.Errors = append(o.Errors, http.StatusUnauthorized, http.StatusForbidden)
	}
	o.Description = r.describe()
	o.Extensions = map[string]any{"x-baove-access": r}
	huma.Register(s.api, o, func(ctx context.Context, in *I) (*O, error) {
		out, err := h(ctx, in)
		if err != nil {
			return nil, s.toProblem(ctx, err)
		}
		return out, nil
	})
}
