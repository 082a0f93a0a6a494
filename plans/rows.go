package plans

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"baove"
	"baove/indicators"
	"baove/units"
)

// The tables of plans as stored: other domains read them, and gen writes
// them in bulk, through these definitions.

// PlanRecord is a plan version as stored (the table plans), without its
// parts.
type PlanRecord struct {
	bun.BaseModel `bun:"table:plans,alias:p"`

	ID           int64 `bun:",pk,autoincrement"`
	ProvinceCode string
	Year         int
	Version      int
	Status       Status
	Title        string
	Narrative    string
	Revision     int64
	DocumentNo   string
	IssuedOn     baove.Date `bun:",nullzero"`
	SignerName   string
	SignerTitle  string
	IssuedBy     string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (r PlanRecord) plan() Plan {
	return Plan{ID: ID(r.ID), Province: units.ProvinceCode(r.ProvinceCode), Year: r.Year, Version: r.Version,
		Status: r.Status, Title: r.Title, Narrative: r.Narrative, Revision: Revision(r.Revision),
		Issuance: r.issuance(), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// issuance returns the version's issuance; nil when it was never approved.
func (r PlanRecord) issuance() *Issuance {
	if r.IssuedOn.IsZero() && r.IssuedBy == "" {
		return nil
	}
	return &Issuance{DocumentNo: r.DocumentNo, IssuedOn: r.IssuedOn, SignerName: r.SignerName,
		SignerTitle: r.SignerTitle, IssuedBy: r.IssuedBy}
}

// ActivityRecord is an activity as stored (the table activities).
type ActivityRecord struct {
	bun.BaseModel `bun:"table:activities,alias:a"`

	ID             int64 `bun:",pk,autoincrement"`
	PlanID         int64
	Lineage        string
	TaskArea       string
	Title          string
	LeadAgency     string
	Partners       string
	StartsOn       baove.Date `bun:",nullzero"`
	EndsOn         baove.Date `bun:",nullzero"`
	ExpectedOutput string
	Position       int
}

func (r ActivityRecord) activity() Activity {
	return Activity{ID: ActivityID(r.ID), Lineage: r.Lineage, TaskArea: r.TaskArea, Title: r.Title,
		LeadAgency: r.LeadAgency, Partners: r.Partners, StartsOn: r.StartsOn, EndsOn: r.EndsOn, ExpectedOutput: r.ExpectedOutput}
}

// TargetRecord is a plan version's target as stored (the table
// plan_targets): the value in decimal text.
type TargetRecord struct {
	bun.BaseModel `bun:"table:plan_targets,alias:t"`

	PlanID        int64  `bun:",pk"`
	IndicatorCode string `bun:",pk"`
	Value         string
}

func (r TargetRecord) target() Target {
	return Target{Indicator: indicators.Code(r.IndicatorCode), Value: decimal.RequireFromString(r.Value)}
}

// EventRecord is a step of a plan version's history as stored (the table
// plan_events).
type EventRecord struct {
	bun.BaseModel `bun:"table:plan_events,alias:e"`

	ID         int64 `bun:",pk,autoincrement"`
	PlanID     int64
	At         time.Time
	ActorID    int64 `bun:",nullzero"`
	Actor      string
	Action     string
	FromStatus Status
	ToStatus   Status
	Reason     string
}

func (r EventRecord) event() Event {
	return Event{At: r.At, ActorID: r.ActorID, Actor: r.Actor, Action: r.Action, FromStatus: r.FromStatus,
		ToStatus: r.ToStatus, Reason: r.Reason}
}

type taskAreaRow struct {
	bun.BaseModel `bun:"table:task_areas,alias:ta"`

	Code                    string `bun:",pk"`
	NameVI                  string `bun:"name_vi"`
	NameEN                  string `bun:"name_en"`
	EligibleForCentralFunds bool
	CentralEligibility      string
	Position                int
}

// taskArea returns the row as a task area; it fails on spans it cannot
// read.
func (r taskAreaRow) taskArea() (TaskArea, error) {
	spans, err := parseEligibility(r.CentralEligibility)
	if err != nil {
		return TaskArea{}, fmt.Errorf("plans: eligibility of task area %s: %w", r.Code, err)
	}
	return TaskArea{Code: r.Code, NameVI: r.NameVI, NameEN: r.NameEN, EligibleForCentralFunds: r.EligibleForCentralFunds,
		Eligibility: spans}, nil
}
