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

type planRow struct {
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

func (r planRow) plan() Plan {
	return Plan{ID: ID(r.ID), Province: units.ProvinceCode(r.ProvinceCode), Year: r.Year, Version: r.Version,
		Status: r.Status, Title: r.Title, Narrative: r.Narrative, Revision: Revision(r.Revision),
		Issuance: r.issuance(), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// issuance returns the version's issuance; nil when it was never approved.
func (r planRow) issuance() *Issuance {
	if r.IssuedOn.IsZero() && r.IssuedBy == "" {
		return nil
	}
	return &Issuance{DocumentNo: r.DocumentNo, IssuedOn: r.IssuedOn, SignerName: r.SignerName,
		SignerTitle: r.SignerTitle, IssuedBy: r.IssuedBy}
}

type activityRow struct {
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

func (r activityRow) activity() Activity {
	return Activity{ID: ActivityID(r.ID), Lineage: r.Lineage, TaskArea: r.TaskArea, Title: r.Title,
		LeadAgency: r.LeadAgency, Partners: r.Partners, StartsOn: r.StartsOn, EndsOn: r.EndsOn, ExpectedOutput: r.ExpectedOutput}
}

type targetRow struct {
	bun.BaseModel `bun:"table:plan_targets,alias:t"`

	PlanID        int64  `bun:",pk"`
	IndicatorCode string `bun:",pk"`
	Value         string
}

func (r targetRow) target() Target {
	return Target{Indicator: indicators.Code(r.IndicatorCode), Value: decimal.RequireFromString(r.Value)}
}

type eventRow struct {
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

func (r eventRow) event() Event {
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
