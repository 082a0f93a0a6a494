package api

import (
	"context"

	"github.com/shopspring/decimal"

	"baove"
	"baove/indicators"
	"baove/plans"
)

// Target is a plan's target for an indicator.
type Target struct {
	IndicatorCode string `json:"indicator_code" example:"CP_COMMUNE_WORKER"`
	Value         string `json:"value" example:"100" doc:"Decimal"`
}

// TargetPath is the {indicator_code} of a plan's target.
type TargetPath struct {
	PlanPath
	IndicatorCode string `path:"indicator_code" maxLength:"64" example:"CP_COMMUNE_WORKER"`
}

// SetTargetInput sets a target.
type SetTargetInput struct {
	TargetPath
	IfMatch
	Body struct {
		Value string `json:"value" example:"100" doc:"Decimal, e.g. 100 or 6.5"`
	}
}

func (s *Server) setTarget(ctx context.Context, in *SetTargetInput) (*PlanOutput, error) {
	v, err := decimal.NewFromString(in.Body.Value)
	if err != nil {
		return nil, baove.InvalidKey("value", "field.decimal_form", nil, in.Body.Value)
	}
	t := plans.Target{Indicator: indicators.Code(in.IndicatorCode), Value: v}
	return planOutput(s.svc.Plans.SetTarget(ctx, caller(ctx), planRef(in.ID, in.IfMatch.IfMatch), t))
}

// DeleteTargetInput removes a target.
type DeleteTargetInput struct {
	TargetPath
	IfMatch
}

func (s *Server) deleteTarget(ctx context.Context, in *DeleteTargetInput) (*ChangedOutput, error) {
	p, err := s.svc.Plans.DeleteTarget(ctx, caller(ctx), planRef(in.ID, in.IfMatch.IfMatch), indicators.Code(in.IndicatorCode))
	if err != nil {
		return nil, err
	}
	return &ChangedOutput{ETag: etag(p)}, nil
}
