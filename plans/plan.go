// Package plans holds provinces' annual child-protection plans: activities
// under the directive's task areas, targets, the workflow (draft → submitted
// to the province's leadership → approved, i.e. issued by the province, or
// returned and resubmitted), revisions, and the ministry's comments.
//
// The province issues its own plan (docs/domain.md §1): its approver
// approves a submitted version and records the issuance (document number,
// date, signer). The ministry's reviewer does not approve; it comments and
// requests revisions.
//
// A plan has versions. Revising an approved plan makes version N+1, a draft
// copy; the approved version stays in force, unchanged, until the revision is
// approved, and is then marked superseded. Other domains attach parts to a
// version (budget lines) through the Part interface, so that revisions copy
// them and diffs show them.
package plans

import (
	"time"

	"github.com/shopspring/decimal"

	"baove"
	"baove/indicators"
	"baove/units"
)

// ID identifies one version of a plan.
type ID int64

// ActivityID identifies an activity of one plan version.
type ActivityID int64

// Revision counts the changes of a plan version and its parts; it is the
// plan's ETag, so that two people editing at once never overwrite each other.
type Revision int64

// Plan is one version of a province's plan for a year. Its JSON, with the
// API's field names, is what the audit trail records.
type Plan struct {
	ID        ID                 `json:"id"`
	Province  units.ProvinceCode `json:"province_code"`
	Year      int                `json:"year"`
	Version   int                `json:"version"`
	Status    Status             `json:"status"`
	Title     string             `json:"title"`
	Narrative string             `json:"narrative"`
	Revision  Revision           `json:"revision"`
	// Issuance is the document that issued the version; nil until it is
	// approved.
	Issuance  *Issuance `json:"issuance,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	Activities []Activity `json:"activities,omitempty"`
	Targets    []Target   `json:"targets,omitempty"`
	History    []Event    `json:"history,omitempty"`
}

// Editable reports whether the plan's content may change.
func (p Plan) Editable() bool { return p.Status.Editable() }

// Activity is a piece of work under one of the directive's task areas.
type Activity struct {
	ID             ActivityID `json:"id"`
	Lineage        string     `json:"lineage"` // the same across versions of the plan
	TaskArea       string     `json:"task_area"`
	Title          string     `json:"title"`
	LeadAgency     string     `json:"lead_agency"`
	Partners       string     `json:"partners"`
	StartsOn       baove.Date `json:"starts_on"`
	EndsOn         baove.Date `json:"ends_on"`
	ExpectedOutput string     `json:"expected_output"`
}

// Target is the plan's target for an indicator.
type Target struct {
	Indicator indicators.Code `json:"indicator_code"`
	Value     decimal.Decimal `json:"value"`
}

// Event is a step of a plan's history.
type Event struct {
	At         time.Time `json:"at"`
	ActorID    int64     `json:"actor_id,omitempty"`
	Actor      string    `json:"actor"`
	Action     string    `json:"action"`
	FromStatus Status    `json:"from_status,omitempty"`
	ToStatus   Status    `json:"to_status"`
	Reason     string    `json:"reason,omitempty"`
	// Issuance is, on the approval, the document that issued the version.
	Issuance *Issuance `json:"issuance,omitempty"`
}

// TaskArea is a chapter of the plan: an item of the 2017 directive.
type TaskArea struct {
	Code   string `json:"code"`
	NameVI string `json:"name_vi"`
	NameEN string `json:"name_en"`
	// EligibleForCentralFunds is the open-ended eligibility for central
	// funds (directive 3.2): that of the current year and the years after.
	EligibleForCentralFunds bool `json:"eligible_for_central_funds"`
	// Eligibility is the eligibility by years, in order, without gaps from
	// the first year; a year judges central money by EligibleIn.
	Eligibility []Eligibility `json:"central_funds_eligibility"`
}

// Ref returns the version as its reader now knows it: its id and revision,
// for a change that must not overwrite another's.
func (p Plan) Ref() Ref { return Ref{ID: p.ID, IfMatch: &p.Revision} }
