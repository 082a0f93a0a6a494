package api

import (
	"context"

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
	Value      string `json:"value" example:"90" doc:"Decimal"`
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
	cat, err := s.deps.Indicators.Catalogue(ctx)
	if err != nil {
		return nil, err
	}
	out := &IndicatorListOutput{}
	for _, i := range cat {
		out.Body.Items = append(out.Body.Items, indicatorOf(i))
	}
	return out, nil
}
