package api

import (
	"context"
	"strconv"

	"baove/assessment"
	"baove/units"
)

// ProgressItem is one indicator of a province against its target.
type ProgressItem struct {
	IndicatorCode  string  `json:"indicator_code" example:"CP_COMMUNE_WORKER"`
	NameVI         string  `json:"name_vi"`
	NameEN         string  `json:"name_en"`
	Unit           string  `json:"unit" enum:"percent,count,per_100k"`
	Direction      string  `json:"direction" enum:"higher,lower,monitor"`
	Target         string  `json:"target" example:"100" doc:"Decimal"`
	TargetStrict   bool    `json:"target_strict,omitempty" doc:"The figure must beat the target, not just reach it (a national target written < 6.5)"`
	TargetSource   string  `json:"target_source" enum:"plan,national" doc:"plan: the province's plan for the year; national: the catalogue's target for the year, where the plan sets none"`
	TargetDecision string  `json:"target_decision,omitempty" example:"QĐ 23/QĐ-TTg" doc:"The decision behind a national target"`
	Actual         *string `json:"actual" example:"93.33" doc:"The year's figure (decimal, ratios to 2 places): the yearly value when there is one, else the sum of the quarters reported (counts add up, a ratio adds numerators and denominators), else for computed indicators the staffing; null without data"`
	Numerator      *int64  `json:"numerator,omitempty" example:"42"`
	Denominator    *int64  `json:"denominator,omitempty" example:"45"`
	Period         string  `json:"period,omitempty" example:"2026" doc:"The year the figure covers"`
	Quarters       []int   `json:"quarters,omitempty" example:"[1,2,3]" doc:"The quarters summed, when the figure comes from quarters"`
	Partial        bool    `json:"partial,omitempty" doc:"The figure sums some quarters but not all four"`
	Estimate       bool    `json:"estimate,omitempty" doc:"The figure is or includes an estimate"`
	Status         string  `json:"status" enum:"in_progress,on_track,at_risk,achieved,not_achieved,no_data,monitored" doc:"Year under way: in_progress (an estimate, not judged), on_track (target met so far; a count of some quarters against the target pro rata), at_risk (not met so far). Year over: achieved or not_achieved (a count missing quarters is achieved only if what was reported already meets a higher-is-better target). no_data: nothing reported (chưa có số liệu). monitored: a monitor indicator, never judged"`
}

func progressItemOf(p assessment.Progress) ProgressItem {
	ind := p.Indicator
	out := ProgressItem{IndicatorCode: string(ind.Code), NameVI: ind.NameVI, NameEN: ind.NameEN, Unit: string(ind.Unit),
		Direction: string(ind.Direction), Target: p.Target.Value.String(), TargetStrict: p.Target.Strict,
		TargetSource: string(p.Target.Source), TargetDecision: p.Target.Decision, Status: string(p.Status)}
	if a := p.Actual; a != nil {
		if f := figure(a.Measure); f != "" {
			out.Actual = &f
		}
		out.Period, out.Quarters, out.Partial, out.Estimate = strconv.Itoa(a.Year), a.Quarters, a.Partial(), a.Estimate
		out.Numerator, out.Denominator = counts(a.Measure)
	}
	return out
}

// ProvinceProgress is a province's progress in a year.
type ProvinceProgress struct {
	ProvinceCode string         `json:"province_code" example:"11"`
	ProvinceName string         `json:"province_name" example:"Điện Biên"`
	Year         int            `json:"year" example:"2026"`
	YearClosed   bool           `json:"year_closed" doc:"The year is over: statuses are achieved or not_achieved"`
	PlanStatus   string         `json:"plan_status" example:"approved" doc:"Status of the year's plan (the version in force, else the latest); none when there is no plan. Targets come from the plan in force only"`
	Items        []ProgressItem `json:"items" doc:"Each indicator with a target for the year, in catalogue order"`
}

func provinceProgressOf(p assessment.ProvinceProgress) ProvinceProgress {
	out := ProvinceProgress{ProvinceCode: string(p.Province.Code), ProvinceName: p.Province.Name, Year: p.Year, YearClosed: p.Closed,
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
	IndicatorCode      string  `json:"indicator_code" example:"CP_COMMUNE_WORKER"`
	NameVI             string  `json:"name_vi"`
	NameEN             string  `json:"name_en"`
	Unit               string  `json:"unit" enum:"percent,count,per_100k"`
	Direction          string  `json:"direction" enum:"higher,lower,monitor"`
	Value              *string `json:"value" example:"91.20" doc:"Over the provinces that reported: the sum of their numerators over the sum of their denominators (never an average of percentages), or the sum of counts; null without data"`
	Numerator          *int64  `json:"numerator,omitempty" example:"3029"`
	Denominator        *int64  `json:"denominator,omitempty" example:"3321"`
	ProvincesReporting int     `json:"provinces_reporting" example:"31" doc:"How many provinces the figure is over"`
	ProvincesTotal     int     `json:"provinces_total" example:"34" doc:"Every province: 31 of 34 reported"`
	Partial            bool    `json:"partial,omitempty" doc:"Some province's figure sums only some quarters"`
	Estimate           bool    `json:"estimate,omitempty" doc:"Some province's figure is an estimate"`
	Target             string  `json:"target,omitempty" example:"100" doc:"National target for the year; for a count, each province's"`
	TargetStrict       bool    `json:"target_strict,omitempty"`
	TargetDecision     string  `json:"target_decision,omitempty" example:"QĐ 23/QĐ-TTg"`
	TargetPerProvince  bool    `json:"target_per_province,omitempty" doc:"The target is one every province must meet (a count such as CP_SWC): the country is judged by provinces_meeting of provinces_total"`
	ProvincesMeeting   *int    `json:"provinces_meeting,omitempty" example:"30" doc:"With target_per_province: the provinces whose figure meets their own target"`
	Status             string  `json:"status,omitempty" enum:"in_progress,on_track,at_risk,achieved,not_achieved,no_data,monitored" doc:"Against the national target (or, per province, achieved only when every province meets its target); absent when there is none"`
}

func nationalFigureOf(f assessment.NationalFigure) NationalFigure {
	ind := f.Indicator
	out := NationalFigure{IndicatorCode: string(ind.Code), NameVI: ind.NameVI, NameEN: ind.NameEN, Unit: string(ind.Unit),
		Direction: string(ind.Direction), ProvincesReporting: f.Provinces, ProvincesTotal: f.Total, Partial: f.Partial,
		Estimate: f.Estimate, Status: string(f.Status)}
	if v := figure(f.Measure); f.Provinces > 0 && v != "" {
		out.Value = &v
		out.Numerator, out.Denominator = counts(f.Measure)
	}
	if t := f.Target; t != nil {
		out.Target, out.TargetStrict, out.TargetDecision = t.Value.String(), t.Strict, t.Decision
	}
	if f.PerProvince {
		n := f.Meeting
		out.TargetPerProvince, out.ProvincesMeeting = true, &n
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
