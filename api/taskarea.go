package api

import (
	"context"

	"baove/plans"
)

// TaskArea is an item of the 2017 directive that plan activities fall under.
type TaskArea struct {
	Code                    string        `json:"code" example:"1.3"`
	NameVI                  string        `json:"name_vi"`
	NameEN                  string        `json:"name_en"`
	EligibleForCentralFunds bool          `json:"eligible_for_central_funds" doc:"Whether central support funds may be spent on it this year and after (directive 3.2)"`
	Eligibility             []Eligibility `json:"central_funds_eligibility" doc:"Eligibility for central funds by years, in order: a year's checks and lines use the span that holds it"`
}

// Eligibility is a task area's eligibility for central funds over a span
// of years.
type Eligibility struct {
	FromYear int  `json:"from_year" example:"2016"`
	ToYear   *int `json:"to_year" example:"2025" doc:"Last year of the span; null when open-ended"`
	Eligible bool `json:"eligible"`
}

func taskAreaOf(t plans.TaskArea) TaskArea {
	out := TaskArea{Code: t.Code, NameVI: t.NameVI, NameEN: t.NameEN, EligibleForCentralFunds: t.EligibleForCentralFunds,
		Eligibility: make([]Eligibility, len(t.Eligibility))}
	for i, e := range t.Eligibility {
		out.Eligibility[i] = Eligibility{FromYear: e.FromYear, Eligible: e.Eligible}
		if e.ToYear != 0 {
			to := e.ToYear
			out.Eligibility[i].ToYear = &to
		}
	}
	return out
}

// TaskAreaListOutput lists the task areas.
type TaskAreaListOutput struct {
	Body struct {
		Items []TaskArea `json:"items"`
	}
}

func (s *Server) listTaskAreas(ctx context.Context, _ *struct{}) (*TaskAreaListOutput, error) {
	tas, err := s.svc.Plans.TaskAreas(ctx)
	if err != nil {
		return nil, err
	}
	out := &TaskAreaListOutput{}
	for _, t := range tas {
		out.Body.Items = append(out.Body.Items, taskAreaOf(t))
	}
	return out, nil
}

// UpdateTaskAreaInput changes a task area.
type UpdateTaskAreaInput struct {
	Code string `path:"code" maxLength:"8" example:"1.3"`
	Body struct {
		NameVI                  *Title `json:"name_vi,omitempty"`
		NameEN                  *Title `json:"name_en,omitempty"`
		EligibleForCentralFunds *bool  `json:"eligible_for_central_funds,omitempty"`
		EligibleFromYear        *int   `json:"eligible_from_year,omitempty" example:"2027" doc:"First year the new eligibility applies to: this year when absent, never an earlier one (past years keep theirs)"`
	}
}

// TaskAreaOutput is one task area.
type TaskAreaOutput struct {
	Body TaskArea
}

func (s *Server) updateTaskArea(ctx context.Context, in *UpdateTaskAreaInput) (*TaskAreaOutput, error) {
	t, err := s.svc.Plans.UpdateTaskArea(ctx, caller(ctx), in.Code, plans.TaskAreaPatch{NameVI: (*string)(in.Body.NameVI),
		NameEN: (*string)(in.Body.NameEN), EligibleForCentralFunds: in.Body.EligibleForCentralFunds, EligibleFrom: in.Body.EligibleFromYear})
	if err != nil {
		return nil, err
	}
	return &TaskAreaOutput{Body: taskAreaOf(t)}, nil
}
