package api

import (
	"context"

	"baove/plans"
)

// TaskArea is an item of the 2017 directive that plan activities fall under.
type TaskArea struct {
	Code                    string `json:"code" example:"1.3"`
	NameVI                  string `json:"name_vi"`
	NameEN                  string `json:"name_en"`
	EligibleForCentralFunds bool   `json:"eligible_for_central_funds" doc:"Whether central support funds may be spent on it (directive 3.2)"`
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
		out.Body.Items = append(out.Body.Items, TaskArea(t))
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
	}
}

// TaskAreaOutput is one task area.
type TaskAreaOutput struct {
	Body TaskArea
}

func (s *Server) updateTaskArea(ctx context.Context, in *UpdateTaskAreaInput) (*TaskAreaOutput, error) {
	t, err := s.svc.Plans.UpdateTaskArea(ctx, caller(ctx), in.Code, plans.TaskAreaPatch{NameVI: (*string)(in.Body.NameVI),
		NameEN: (*string)(in.Body.NameEN), EligibleForCentralFunds: in.Body.EligibleForCentralFunds})
	if err != nil {
		return nil, err
	}
	return &TaskAreaOutput{Body: TaskArea(t)}, nil
}
