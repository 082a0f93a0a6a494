package api

import (
	"context"
	"time"

	"baove"
	"baove/plans"
	"baove/units"
)

// Plan is a plan version in API responses.
type Plan struct {
	ID           int64       `json:"id" example:"12"`
	ProvinceCode string      `json:"province_code" example:"11"`
	Year         int         `json:"year" example:"2026"`
	Version      int         `json:"version" example:"1" doc:"1 for the first plan; each revision adds one"`
	Status       string      `json:"status" enum:"draft,submitted,returned,approved,superseded" doc:"approved: issued by the province"`
	Title        string      `json:"title" example:"Kế hoạch thực hiện công tác bảo vệ trẻ em năm 2026"`
	Narrative    string      `json:"narrative"`
	ETag         string      `json:"etag" doc:"Send as If-Match when changing the plan or its parts"`
	Issuance     *Issuance   `json:"issuance,omitempty" doc:"The document that issued the version; absent until it is approved"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
	Activities   []Activity  `json:"activities,omitempty"`
	Targets      []Target    `json:"targets,omitempty"`
	History      []PlanEvent `json:"history,omitempty"`
}

// PlanEvent is a step of a plan's history.
type PlanEvent struct {
	At         time.Time `json:"at"`
	Actor      string    `json:"actor" example:"reviewer"`
	Action     string    `json:"action" enum:"create,revise,submit,approve,return,supersede"`
	FromStatus string    `json:"from_status,omitempty"`
	ToStatus   string    `json:"to_status"`
	Reason     string    `json:"reason,omitempty"`
	Issuance   *Issuance `json:"issuance,omitempty" doc:"On the approval: the document that issued the version"`
}

// Issuance is the document by which the province issued a plan version.
type Issuance struct {
	DocumentNo  string `json:"document_no" example:"99/KH-UBND" doc:"Number and symbol; empty for plans approved before"`
	IssuedOn    string `json:"issued_on" format:"date" example:"2026-03-15"`
	SignerName  string `json:"signer_name" example:"Nguyễn Văn An"`
	SignerTitle string `json:"signer_title" example:"Phó Chủ tịch"`
	IssuedBy    string `json:"issued_by" example:"approver.dienbien" doc:"The approver who recorded it (before: the reviewer)"`
}

func issuanceOf(is *plans.Issuance) *Issuance {
	if is == nil {
		return nil
	}
	return &Issuance{DocumentNo: is.DocumentNo, IssuedOn: is.IssuedOn.String(), SignerName: is.SignerName,
		SignerTitle: is.SignerTitle, IssuedBy: is.IssuedBy}
}

func planOf(p plans.Plan) Plan {
	out := Plan{ID: int64(p.ID), ProvinceCode: string(p.Province), Year: p.Year, Version: p.Version,
		Status: string(p.Status), Title: p.Title, Narrative: p.Narrative, ETag: etag(p), Issuance: issuanceOf(p.Issuance),
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	for _, a := range p.Activities {
		out.Activities = append(out.Activities, activityOf(a))
	}
	for _, t := range p.Targets {
		out.Targets = append(out.Targets, Target{IndicatorCode: string(t.Indicator), Value: t.Value.String()})
	}
	for _, e := range p.History {
		out.History = append(out.History, PlanEvent{At: e.At, Actor: e.Actor, Action: e.Action,
			FromStatus: string(e.FromStatus), ToStatus: string(e.ToStatus), Reason: e.Reason, Issuance: issuanceOf(e.Issuance)})
	}
	return out
}

// PlanOutput is a plan version with its ETag.
type PlanOutput struct {
	ETag string `header:"ETag"`
	Body Plan
}

func planOutput(p plans.Plan, err error) (*PlanOutput, error) {
	if err != nil {
		return nil, err
	}
	return &PlanOutput{ETag: etag(p), Body: planOf(p)}, nil
}

// PlanCreatedOutput is a new plan version.
type PlanCreatedOutput struct {
	Status   int
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     Plan
}

func planCreated(p plans.Plan, err error) (*PlanCreatedOutput, error) {
	if err != nil {
		return nil, err
	}
	return &PlanCreatedOutput{Status: 201, ETag: etag(p), Location: Prefix + "/plans/" + itoa(int64(p.ID)), Body: planOf(p)}, nil
}

// CreatePlanInput starts a province's plan for a year.
type CreatePlanInput struct {
	Body struct {
		ProvinceCode string    `json:"province_code" pattern:"^[0-9]{2}$" example:"11"`
		Year         Year      `json:"year" example:"2026"`
		Title        Title     `json:"title" minLength:"1" example:"Kế hoạch thực hiện công tác bảo vệ trẻ em năm 2026"`
		Narrative    Narrative `json:"narrative,omitempty"`
	}
}

func (s *Server) createPlan(ctx context.Context, in *CreatePlanInput) (*PlanCreatedOutput, error) {
	b := in.Body
	return planCreated(s.svc.Plans.Create(ctx, caller(ctx), plans.NewPlan{Province: units.ProvinceCode(b.ProvinceCode),
		Year: int(b.Year), Title: string(b.Title), Narrative: string(b.Narrative)}))
}

// PlanListInput filters plans.
type PlanListInput struct {
	ProvinceCode string     `query:"province_code" pattern:"^[0-9]{2}$" example:"11"`
	Year         YearFilter `query:"year" example:"2026"`
	Status       string     `query:"status" enum:"draft,submitted,returned,approved,superseded"`
}

// PlanListOutput lists plan versions, without their parts.
type PlanListOutput struct {
	Body struct {
		Items []Plan `json:"items"`
	}
}

func (s *Server) listPlans(ctx context.Context, in *PlanListInput) (*PlanListOutput, error) {
	ps, err := s.svc.Plans.Plans(ctx, caller(ctx), plans.Filter{Province: units.ProvinceCode(in.ProvinceCode),
		Year: int(in.Year), Status: plans.Status(in.Status)})
	if err != nil {
		return nil, err
	}
	out := &PlanListOutput{}
	out.Body.Items = make([]Plan, len(ps))
	for i, p := range ps {
		out.Body.Items[i] = planOf(p)
	}
	return out, nil
}

// PlanPath is the {id} of a plan version.
type PlanPath struct {
	ID int64 `path:"id" minimum:"1" example:"12"`
}

func (s *Server) getPlan(ctx context.Context, in *PlanPath) (*PlanOutput, error) {
	return planOutput(s.svc.Plans.Plan(ctx, caller(ctx), plans.ID(in.ID)))
}

// IfMatch is the If-Match header of a change.
type IfMatch struct {
	IfMatch string `header:"If-Match" doc:"The plan's ETag as last read; required to change what exists"`
}

// UpdatePlanInput changes a plan's title or narrative.
type UpdatePlanInput struct {
	PlanPath
	IfMatch
	Body struct {
		Title     *Title     `json:"title,omitempty"`
		Narrative *Narrative `json:"narrative,omitempty"`
	}
}

func (s *Server) updatePlan(ctx context.Context, in *UpdatePlanInput) (*PlanOutput, error) {
	patch := plans.PlanPatch{Title: (*string)(in.Body.Title), Narrative: (*string)(in.Body.Narrative)}
	return planOutput(s.svc.Plans.Update(ctx, caller(ctx), planRef(in.ID, in.IfMatch.IfMatch), patch))
}

// WorkflowInput takes a plan through the review workflow.
type WorkflowInput struct {
	PlanPath
	IfMatch
}

func (s *Server) submitPlan(ctx context.Context, in *WorkflowInput) (*PlanOutput, error) {
	return planOutput(s.svc.Plans.Submit(ctx, caller(ctx), planRef(in.ID, in.IfMatch.IfMatch)))
}

// ApprovePlanInput issues a submitted plan: the document that issues it.
// Every field is required; they are checked together, each problem named
// in the caller's language.
type ApprovePlanInput struct {
	WorkflowInput
	Body struct {
		DocumentNo  string `json:"document_no,omitempty" example:"99/KH-UBND" doc:"Number and symbol, at most 50 characters"`
		IssuedOn    string `json:"issued_on,omitempty" example:"2026-03-15" doc:"Not after today, not before the submission"`
		SignerName  string `json:"signer_name,omitempty" example:"Nguyễn Văn An" doc:"At most 200 characters"`
		SignerTitle string `json:"signer_title,omitempty" example:"Phó Chủ tịch" doc:"At most 200 characters"`
	}
}

func (s *Server) approvePlan(ctx context.Context, in *ApprovePlanInput) (*PlanOutput, error) {
	b := in.Body
	is := plans.Issuance{DocumentNo: b.DocumentNo, SignerName: b.SignerName, SignerTitle: b.SignerTitle}
	if b.IssuedOn != "" {
		d, err := baove.ParseDate(b.IssuedOn)
		if err != nil {
			return nil, baove.InvalidKey("issued_on", "plan.issue.date_form", nil, b.IssuedOn)
		}
		is.IssuedOn = d
	}
	return planOutput(s.svc.Plans.Approve(ctx, caller(ctx), planRef(in.ID, in.IfMatch.IfMatch), is))
}

// ReturnPlanInput returns a submitted plan with a reason.
type ReturnPlanInput struct {
	WorkflowInput
	Body struct {
		Reason string `json:"reason" maxLength:"4000" example:"Thiếu hoạt động truyền thông về Tổng đài 111 (mục 1.3)"`
	}
}

func (s *Server) returnPlan(ctx context.Context, in *ReturnPlanInput) (*PlanOutput, error) {
	return planOutput(s.svc.Plans.Return(ctx, caller(ctx), planRef(in.ID, in.IfMatch.IfMatch), in.Body.Reason))
}

func (s *Server) revisePlan(ctx context.Context, in *PlanPath) (*PlanCreatedOutput, error) {
	return planCreated(s.svc.Plans.Revise(ctx, caller(ctx), plans.ID(in.ID)))
}

func (s *Server) listPlanVersions(ctx context.Context, in *PlanPath) (*PlanListOutput, error) {
	ps, err := s.svc.Plans.Versions(ctx, caller(ctx), plans.ID(in.ID))
	if err != nil {
		return nil, err
	}
	out := &PlanListOutput{}
	for _, p := range ps {
		out.Body.Items = append(out.Body.Items, planOf(p))
	}
	return out, nil
}

// DiffInput names the version to compare with.
type DiffInput struct {
	PlanPath
	From int `query:"from" required:"true" minimum:"1" example:"1" doc:"The older version's number"`
}

// Difference is one thing that differs between two versions.
type Difference struct {
	Section string                     `json:"section" example:"activities" doc:"plan, issuance, activities, targets or budget_lines"`
	Key     string                     `json:"key" doc:"The item's identity across versions"`
	Kind    string                     `json:"kind" enum:"added,removed,changed"`
	Fields  map[string]plans.FieldDiff `json:"fields,omitempty" doc:"For changed items: each field's value before and after"`
	From    map[string]any             `json:"from,omitempty"`
	To      map[string]any             `json:"to,omitempty"`
}

// DiffOutput lists differences from an older version.
type DiffOutput struct {
	Body struct {
		Items []Difference `json:"items"`
	}
}

func (s *Server) diffPlan(ctx context.Context, in *DiffInput) (*DiffOutput, error) {
	ds, err := s.svc.Plans.Diff(ctx, caller(ctx), plans.ID(in.ID), in.From)
	if err != nil {
		return nil, err
	}
	out := &DiffOutput{}
	out.Body.Items = []Difference{}
	for _, d := range ds {
		out.Body.Items = append(out.Body.Items, Difference(d))
	}
	return out, nil
}
