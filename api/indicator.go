package api

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"

	"baove"
	"baove/indicators"
)

// Indicator is an entry of the indicator catalogue.
type Indicator struct {
	Code      string           `json:"code" example:"CP_COMMUNE_WORKER"`
	NameVI    string           `json:"name_vi" example:"Tỷ lệ xã, phường, đặc khu bố trí người làm công tác bảo vệ trẻ em"`
	NameEN    string           `json:"name_en" example:"Communes with an assigned child-protection worker"`
	Unit      string           `json:"unit" enum:"percent,count,per_100k"`
	Direction string           `json:"direction" enum:"higher,lower,monitor" doc:"Which way is better; monitor: watched, not judged"`
	Computed  bool             `json:"computed" doc:"Computed from commune staffing, never typed in"`
	Targets   []NationalTarget `json:"national_targets,omitempty"`
}

// NationalTarget is a national target of an indicator.
type NationalTarget struct {
	Year       int    `json:"year" doc:"0: every year"`
	Comparator string `json:"comparator" enum:">=,<=,<,="`
	Value      string `json:"value" example:"90" pattern:"^[0-9]{1,12}(\\.[0-9]{1,6})?$" doc:"Decimal"`
	Source     string `json:"source" example:"QĐ 23/QĐ-TTg"`
}

func indicatorOf(i indicators.Indicator) Indicator {
	out := Indicator{Code: string(i.Code), NameVI: i.NameVI, NameEN: i.NameEN, Unit: string(i.Unit),
		Direction: string(i.Direction), Computed: i.Computed}
	for _, t := range i.Targets {
		out.Targets = append(out.Targets, NationalTarget{Year: t.Year, Comparator: t.Comparator, Value: t.Value.String(), Source: t.Source})
	}
	return out
}

// IndicatorListOutput is the catalogue.
type IndicatorListOutput struct {
	Body struct {
		Items []Indicator `json:"items"`
	}
}

func (s *Server) listIndicators(ctx context.Context, _ *struct{}) (*IndicatorListOutput, error) {
	cat, err := s.svc.Indicators.Catalogue(ctx)
	if err != nil {
		return nil, err
	}
	out := &IndicatorListOutput{}
	for _, i := range cat {
		out.Body.Items = append(out.Body.Items, indicatorOf(i))
	}
	return out, nil
}

// CreateIndicatorInput adds a reported indicator to the catalogue.
type CreateIndicatorInput struct {
	Body struct {
		Code      string           `json:"code" example:"CP_SCHOOL_COUNSEL" doc:"3–40 capital letters, digits or underscores, starting with a letter"`
		NameVI    IndicatorName    `json:"name_vi" example:"Tỷ lệ trường học có điểm tham vấn học đường"`
		NameEN    IndicatorName    `json:"name_en" example:"Schools with a counselling point"`
		Unit      string           `json:"unit" enum:"percent,count,per_100k"`
		Direction string           `json:"direction" enum:"higher,lower,monitor"`
		Targets   []NationalTarget `json:"national_targets,omitempty" maxItems:"20"`
	}
}

// IndicatorCreatedOutput is a new indicator.
type IndicatorCreatedOutput struct {
	Status int
	Body   Indicator
}

func (s *Server) createIndicator(ctx context.Context, in *CreateIndicatorInput) (*IndicatorCreatedOutput, error) {
	b := in.Body
	n := indicators.NewIndicator{Code: indicators.Code(b.Code), NameVI: string(b.NameVI), NameEN: string(b.NameEN),
		Unit: indicators.Unit(b.Unit), Direction: indicators.Direction(b.Direction)}
	for i, t := range b.Targets {
		v, err := decimal.NewFromString(t.Value)
		if err != nil {
			return nil, baove.InvalidKey(fmt.Sprintf("national_targets[%d].value", i), "field.decimal_form", nil, t.Value)
		}
		n.Targets = append(n.Targets, indicators.NationalTarget{Year: t.Year, Comparator: t.Comparator, Value: v, Source: t.Source})
	}
	ind, err := s.svc.Indicators.AddIndicator(ctx, caller(ctx), n)
	if err != nil {
		return nil, err
	}
	return &IndicatorCreatedOutput{Status: 201, Body: indicatorOf(ind)}, nil
}
