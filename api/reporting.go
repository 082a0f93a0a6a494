package api

import (
	"context"
	"fmt"
	"time"

	"baove/assessment"
	"baove/indicators"
)

// DueRule says when an indicator's values are due.
type DueRule struct {
	IndicatorCode string `json:"indicator_code" example:"CP_ABUSE_CASES"`
	Frequency     string `json:"frequency" enum:"quarterly,yearly"`
	DaysAfter     int    `json:"days_after" minimum:"1" maximum:"366" example:"15" doc:"Days after the quarter or year ends: 15 for a quarter, 31 for a year (31 January)"`
}

func dueRuleOf(r indicators.DueRule) DueRule {
	return DueRule{IndicatorCode: string(r.Indicator), Frequency: string(r.Frequency), DaysAfter: r.DaysAfter}
}

// DueRuleListOutput is the reporting calendar.
type DueRuleListOutput struct {
	Body struct {
		Items []DueRule `json:"items" doc:"Every periodic indicator, in catalogue order"`
	}
}

func (s *Server) listDueRules(ctx context.Context, _ *struct{}) (*DueRuleListOutput, error) {
	rules, err := s.svc.Indicators.DueRules(ctx)
	if err != nil {
		return nil, err
	}
	out := &DueRuleListOutput{}
	out.Body.Items = make([]DueRule, len(rules))
	for i, r := range rules {
		out.Body.Items[i] = dueRuleOf(r)
	}
	return out, nil
}

// DueRuleInput sets an indicator's due rule.
type DueRuleInput struct {
	IndicatorCode string `path:"indicator_code" maxLength:"64" example:"CP_ABUSE_CASES"`
	Body          struct {
		Frequency string `json:"frequency" enum:"quarterly,yearly"`
		DaysAfter int    `json:"days_after" example:"15" doc:"Days after the quarter or year ends, from 1 to 366"`
	}
}

// DueRuleOutput is one due rule.
type DueRuleOutput struct {
	Body DueRule
}

func (s *Server) setDueRule(ctx context.Context, in *DueRuleInput) (*DueRuleOutput, error) {
	r, err := s.svc.Indicators.SetDueRule(ctx, caller(ctx), indicators.DueRule{Indicator: indicators.Code(in.IndicatorCode),
		Frequency: indicators.Frequency(in.Body.Frequency), DaysAfter: in.Body.DaysAfter})
	if err != nil {
		return nil, err
	}
	return &DueRuleOutput{Body: dueRuleOf(r)}, nil
}

// DueRulePath names an indicator of the calendar.
type DueRulePath struct {
	IndicatorCode string `path:"indicator_code" maxLength:"64" example:"CP_ABUSE_CASES"`
}

func (s *Server) deleteDueRule(ctx context.Context, in *DueRulePath) (*struct{}, error) {
	if err := s.svc.Indicators.DeleteDueRule(ctx, caller(ctx), indicators.Code(in.IndicatorCode)); err != nil {
		return nil, err
	}
	return &struct{}{}, nil
}

// ReportingInput names a period of the calendar.
type ReportingInput struct {
	Period string `path:"period" maxLength:"7" example:"2026-Q3" doc:"A quarter (2026-Q3: the quarterly indicators) or a year (2026: the yearly ones)"`
}

// ReportItem is a value due from a province.
type ReportItem struct {
	IndicatorCode string     `json:"indicator_code" example:"CP_ABUSE_CASES"`
	Period        string     `json:"period" example:"2026-Q3"`
	DueOn         string     `json:"due_on" format:"date"`
	Status        string     `json:"status" enum:"reported,late,missing,not_due" doc:"reported on time; late: reported after the due date; missing: not reported and the due date has passed; not_due: the due date is still ahead"`
	ReportedAt    *time.Time `json:"reported_at,omitempty" doc:"When a final figure was first reported"`
	DaysLate      int        `json:"days_late,omitempty" doc:"Late: days after the due date it was reported; missing: days since the due date"`
}

// ProvinceReporting is what a province owes for the period.
type ProvinceReporting struct {
	ProvinceCode string       `json:"province_code" example:"79"`
	ProvinceName string       `json:"province_name" example:"Hồ Chí Minh"`
	Status       string       `json:"status" enum:"reported,late,missing,not_due" doc:"The worst of its items: missing, else late, else not_due, else reported"`
	Items        []ReportItem `json:"items"`
}

// ReportingSummary counts the provinces by status.
type ReportingSummary struct {
	Provinces    int    `json:"provinces" example:"34"`
	OnTime       int    `json:"reported" doc:"Provinces that reported everything due on time"`
	Late         int    `json:"late"`
	Missing      int    `json:"missing"`
	NotDue       int    `json:"not_due"`
	Completeness string `json:"completeness" example:"31/34" doc:"Provinces that reported on time, of all"`
}

// ReportingOutput is every province's reporting for a period.
type ReportingOutput struct {
	Body struct {
		Period    string              `json:"period" example:"2026-Q3"`
		AsOf      string              `json:"as_of" format:"date" doc:"The day judged (Viet Nam time)"`
		DueRules  []DueRule           `json:"due_rules" doc:"The indicators due for the period"`
		Summary   ReportingSummary    `json:"summary"`
		Provinces []ProvinceReporting `json:"provinces" doc:"The provinces in force, in code order"`
	}
}

func (s *Server) getReporting(ctx context.Context, in *ReportingInput) (*ReportingOutput, error) {
	p, err := indicators.ParsePeriod("path.period", in.Period)
	if err != nil {
		return nil, err
	}
	r, err := s.svc.Assessment.Reporting(ctx, caller(ctx), p)
	if err != nil {
		return nil, err
	}
	out := &ReportingOutput{}
	b := &out.Body
	b.Period, b.AsOf, b.DueRules = p.String(), r.Today.String(), []DueRule{}
	for _, rule := range r.Rules {
		b.DueRules = append(b.DueRules, dueRuleOf(rule))
	}
	c := r.Summary
	b.Summary = ReportingSummary{Provinces: c.Provinces, OnTime: c.OnTime, Late: c.Late, Missing: c.Missing, NotDue: c.NotDue,
		Completeness: fmt.Sprintf("%d/%d", c.OnTime, c.Provinces)}
	for _, pr := range r.Provinces {
		b.Provinces = append(b.Provinces, provinceReportingOf(pr))
	}
	return out, nil
}

func provinceReportingOf(pr assessment.ProvinceReporting) ProvinceReporting {
	out := ProvinceReporting{ProvinceCode: string(pr.Province.Code), ProvinceName: pr.Province.Name, Status: string(pr.State),
		Items: []ReportItem{}}
	for _, rep := range pr.Reports {
		out.Items = append(out.Items, ReportItem{IndicatorCode: string(rep.Indicator), Period: rep.Period.String(),
			DueOn: rep.DueOn.String(), Status: string(rep.State), ReportedAt: rep.ReportedAt, DaysLate: rep.DaysLate})
	}
	return out
}
