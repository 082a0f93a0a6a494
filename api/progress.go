package api

import (
	"context"

	"baove/assessment"
	"baove/units"
)

// ProgressItem is one indicator of a province against its target.
type ProgressItem struct {
	IndicatorCode  string `json:"indicator_code" example:"CP_COMMUNE_WORKER"`
	NameVI         string `json:"name_vi"`
	NameEN         string `json:"name_en"`
	Unit           string `json:"unit" enum:"percent,count,per_100k"`
	Direction      string `json:"direction" enum:"higher,lower,monitor"`
	Target         string `json:"target" example:"100" doc:"Decimal"`
	TargetStrict   bool   `json:"target_strict,omitempty" doc:"The figure must beat the target, not just reach it (a national target written < 6.5)"`
	TargetSource   string `json:"target_source" enum:"plan,national" doc:"plan: the province's plan for the year; national: the catalogue's target for the year, where the plan sets none"`
	TargetDecision string `json:"target_decision,omitempty" example:"QĐ 23/QĐ-TTg" doc:"The decision behind a national target"`
	Actual         string `json:"actual,omitempty" example:"93.33" doc:"The latest figure of the year (decimal, ratios to 2 places); absent without data"`
	Numerator      *int64 `json:"numerator,omitempty" example:"42"`
	Denominator    *int64 `json:"denominator,omitempty" example:"45"`
	Period         string `json:"period,omitempty" example:"2026" doc:"What the figure covers: the year, else its latest reported quarter"`
	Status         string `json:"status" enum:"on_track,at_risk,off_track,no_data,monitored" doc:"on_track: target met (at or above it, or at or under it for lower-is-better); at_risk: missed by at most 10 % of the target; off_track: further off; monitored: a monitor indicator, never judged"`
}

func progressItemOf(p assessment.Progress) ProgressItem {
	ind := p.Indicator
	out := ProgressItem{IndicatorCode: string(ind.Code), NameVI: ind.NameVI, NameEN: ind.NameEN, Unit: string(ind.Unit),
		Direction: string(ind.Direction), Target: p.Target.Value.String(), TargetStrict: p.Target.Strict,
		TargetSource: string(p.Target.Source), TargetDecision: p.Target.Decision, Status: string(p.Status)}
	if a := p.Actual; a != nil {
		out.Actual, out.Period = figure(a.Measure), a.Period.String()
		out.Numerator, out.Denominator = counts(a.Measure)
	}
	return out
}

// ProvinceProgress is a province's progress in a year.
type ProvinceProgress struct {
	ProvinceCode string         `json:"province_code" example:"11"`
	ProvinceName string         `json:"province_name" example:"Điện Biên"`
	Year         int            `json:"year" example:"2026"`
	PlanStatus   string         `json:"plan_status,omitempty" example:"approved" doc:"Status of the year's plan; none when there is no plan; absent when plans are not available"`
	Items        []ProgressItem `json:"items" doc:"Each indicator with a target for the year, in catalogue order"`
}

func provinceProgressOf(p assessment.ProvinceProgress) ProvinceProgress {
	out := ProvinceProgress{ProvinceCode: string(p.Province.Code), ProvinceName: p.Province.Name, Year: p.Year,
		PlanStatus: p.PlanStatus, Items: make([]ProgressItem, len(p.Items))}
	for i, it := range p.Items {
		out.Items[i] = progressItemOf(it)
	}
	return out
}

// ProvinceProgressInput selects a province and year.
type ProvinceProgressInput struct {
	ProvinceCodePath
	YearPath
}

// ProvinceProgressOutput is a province's progress.
type ProvinceProgressOutput struct {
	Body ProvinceProgress
}

func (s *Server) getProvinceProgress(ctx context.Context, in *ProvinceProgressInput) (*ProvinceProgressOutput, error) {
	p, err := s.svc.Assessment.Progress(ctx, caller(ctx), units.ProvinceCode(in.Code), in.Year)
	if err != nil {
		return nil, err
	}
	return &ProvinceProgressOutput{Body: provinceProgressOf(p)}, nil
}

// NationalFigure is an indicator rolled up over the provinces.
type NationalFigure struct {
	IndicatorCode      string `json:"indicator_code" example:"CP_COMMUNE_WORKER"`
	NameVI             string `json:"name_vi"`
	NameEN             string `json:"name_en"`
	Unit               string `json:"unit" enum:"percent,count,per_100k"`
	Direction          string `json:"direction" enum:"higher,lower,monitor"`
	Value              string `json:"value,omitempty" example:"91.20" doc:"Sum of the provinces' numerators over the sum of their denominators (never an average of percentages), or the sum of counts; absent without data"`
	Numerator          *int64 `json:"numerator,omitempty" example:"3029"`
	Denominator        *int64 `json:"denominator,omitempty" example:"3321"`
	ProvincesReporting int    `json:"provinces_reporting" example:"34"`
	Target             string `json:"target,omitempty" example:"100" doc:"National target for the year"`
	TargetStrict       bool   `json:"target_strict,omitempty"`
	TargetDecision     string `json:"target_decision,omitempty" example:"QĐ 23/QĐ-TTg"`
	Status             string `json:"status,omitempty" enum:"on_track,at_risk,off_track,no_data,monitored" doc:"Against the national target; absent when there is none"`
}

func nationalFigureOf(f assessment.NationalFigure) NationalFigure {
	ind := f.Indicator
	out := NationalFigure{IndicatorCode: string(ind.Code), NameVI: ind.NameVI, NameEN: ind.NameEN, Unit: string(ind.Unit),
		Direction: string(ind.Direction), ProvincesReporting: f.Provinces, Status: string(f.Status)}
	if f.Provinces > 0 {
		out.Value = figure(f.Measure)
		out.Numerator, out.Denominator = counts(f.Measure)
	}
	if t := f.Target; t != nil {
		out.Target, out.TargetStrict, out.TargetDecision = t.Value.String(), t.Strict, t.Decision
	}
	return out
}

// NationalProgressInput selects a year.
type NationalProgressInput struct {
	YearPath
}

// NationalProgressOutput is every province's progress and the national
// figures.
type NationalProgressOutput struct {
	Body struct {
		Year      int                `json:"year" example:"2026"`
		National  []NationalFigure   `json:"national" doc:"Every indicator of the catalogue, rolled up"`
		Provinces []ProvinceProgress `json:"provinces" doc:"Every province in force, in Vietnamese order"`
	}
}

func (s *Server) getNationalProgress(ctx context.Context, in *NationalProgressInput) (*NationalProgressOutput, error) {
	np, err := s.svc.Assessment.NationalProgress(ctx, caller(ctx), in.Year)
	if err != nil {
		return nil, err
	}
	out := &NationalProgressOutput{}
	out.Body.Year = np.Year
	out.Body.National = make([]NationalFigure, len(np.Figures))
	for i, f := range np.Figures {
		out.Body.National[i] = nationalFigureOf(f)
	}
	out.Body.Provinces = make([]ProvinceProgress, len(np.Provinces))
	for i, p := range np.Provinces {
		out.Body.Provinces[i] = provinceProgressOf(p)
	}
	return out, nil
}
