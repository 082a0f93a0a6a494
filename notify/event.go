// Package notify tells people what happened that concerns them: each user
// has an inbox of notifications, and, when the service sends e-mail, an
// e-mail for each notification of a user who gave an address.
//
// A domain change that someone must hear of calls Record with its own
// transaction: the recipients are resolved by role and province from the
// users table, and their inbox rows and outbox rows are written in that
// transaction, so they are committed or rolled back with the change. A
// Worker sends the outbox afterwards (worker.go). The package knows nothing
// of plans or budgets: the domain packages call it, never the reverse.
package notify

import (
	"time"

	"baove/access"
	"baove/i18n"
	"baove/units"
)

// Kind says what happened; it names the message in the catalogue
// (i18n/catalogue/*/notify.txt, key "notify.<kind>") and who is told.
type Kind string

// The kinds of notifications.
const (
	PlanSubmitted      Kind = "plan_submitted"         // to the province's approvers
	PlanReturned       Kind = "plan_returned"          // to the province's planners
	PlanIssued         Kind = "plan_issued"            // to the province's planners and finance officers
	PlanComment        Kind = "plan_comment"           // the ministry's remark, to the province's planners
	RevisionRequested  Kind = "revision_requested"     // to the province's planners
	ReportDue          Kind = "report_due"             // a reporting deadline in 7 days, to the province's planners
	ReportOverdue      Kind = "report_overdue"         // a reporting deadline passed, to the province's planners
	AllocationRecorded Kind = "allocation_recorded"    // to the province's finance officers
	DisbursementsIn    Kind = "disbursements_imported" // an import done, to the importer
	StaffingIn         Kind = "staffing_imported"      // an import done, to the importer
)

// Kinds lists every kind.
var Kinds = []Kind{PlanSubmitted, PlanReturned, PlanIssued, PlanComment, RevisionRequested, ReportDue, ReportOverdue,
	AllocationRecorded, DisbursementsIn, StaffingIn}

// audience is who hears of each kind in the province of its event; a kind
// absent from it is told to the event's User alone.
var audience = map[Kind][]access.Role{
	PlanSubmitted:      {access.Approver},
	PlanReturned:       {access.Planner},
	PlanIssued:         {access.Planner, access.Finance},
	PlanComment:        {access.Planner},
	RevisionRequested:  {access.Planner},
	ReportDue:          {access.Planner},
	ReportOverdue:      {access.Planner},
	AllocationRecorded: {access.Finance},
}

// Roles returns the roles of the province told of k; none for the kinds
// told to one user (an import's importer).
func (k Kind) Roles() []access.Role { return audience[k] }

// Key returns k's message key in the catalogue.
func (k Kind) Key() string { return "notify." + string(k) }

// Event is something that happened, as the domain reports it to Record.
type Event struct {
	Kind Kind
	// Province is the province whose users hear of it (and whose name the
	// message shows as {province}).
	Province units.ProvinceCode
	// User is the one user told of a kind without an audience (the
	// importer); zero otherwise.
	User int64
	// Actor is the user who did it: never told of their own act.
	Actor int64
	// Args are the message's arguments: strings, ints (years, versions),
	// int64 or amounts (written grouped) and baove.Date.
	Args i18n.Args
	// Link is the page the notification is about, e.g. "/plans/12";
	// empty when there is none.
	Link string
	// Key, when set, makes the event one notification per user however
	// often it is recorded (a reminder a daily sweep finds again).
	Key string
	// At is when it happened (the clock of the change).
	At time.Time
}

// MaxArg is the longest text argument kept, in characters: a long reason
// or comment is cut, the whole being on the page the link opens.
const MaxArg = 300

// Text returns s cut to MaxArg characters, with an ellipsis when cut.
func Text(s string) string {
	r := []rune(s)
	if len(r) <= MaxArg {
		return s
	}
	return string(r[:MaxArg-1]) + "…"
}
