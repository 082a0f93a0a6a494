package api

import (
	"context"

	"baove/assessment"
	"baove/i18n"
	"baove/units"
)

// ComplianceCheck is one requirement of the directive checked for a
// province and year.
type ComplianceCheck struct {
	Code          string   `json:"code" example:"COMMUNE_WORKERS"`
	DirectiveItem string   `json:"directive_item" example:"2.2" doc:"The item of the 2017 directive it comes from"`
	TitleVI       string   `json:"title_vi" example:"Mọi xã, phường, đặc khu có người làm công tác bảo vệ trẻ em"`
	TitleEN       string   `json:"title_en" example:"Every commune has a child-protection worker"`
	Status        string   `json:"status" enum:"pass,fail,warn,not_applicable"`
	Evidence      Evidence `json:"evidence"`
}

// Evidence says why a check came out as it did.
type Evidence struct {
	TextVI  string            `json:"text_vi" example:"3 trong 45 xã, phường, đặc khu chưa có người làm công tác bảo vệ trẻ em."`
	TextEN  string            `json:"text_en" example:"3 of 45 communes have no child-protection worker."`
	Figures map[string]string `json:"figures,omitempty" doc:"The numbers behind it, exact: whole đồng, decimals as text"`
	Items   []EvidenceItem    `json:"items,omitempty" doc:"What it names: uncovered communes, missing quarters, task areas"`
}

// EvidenceItem is a thing a check names: a commune, a task area, or a
// value due by the reporting calendar, with its state and days late.
type EvidenceItem struct {
	Code     string `json:"code" example:"00004" doc:"A commune's or task area's code; for a value due, indicator/period, e.g. CP_ABUSE_CASES/2026-Q3"`
	Name     string `json:"name,omitempty" example:"Phường Ba Đình" doc:"Its name in Vietnamese"`
	NameEN   string `json:"name_en,omitempty" doc:"A task area's name in English"`
	State    string `json:"state,omitempty" enum:"late,missing" doc:"A value due: reported late, or missing past its due date"`
	DaysLate int    `json:"days_late,omitempty" doc:"A value due: days after its due date it was reported, or has been missing"`
}

func checkOf(r assessment.Result) ComplianceCheck {
	ev := Evidence{TextVI: r.Evidence.Text(i18n.VI), TextEN: r.Evidence.Text(i18n.EN)}
	if len(r.Evidence.Figures) > 0 {
		ev.Figures = map[string]string{}
	}
	for _, f := range r.Evidence.Figures {
		ev.Figures[f.Name] = f.Value
	}
	for _, it := range r.Evidence.Items {
		ev.Items = append(ev.Items, EvidenceItem{Code: it.Code, Name: it.Name, NameEN: it.NameEN, State: string(it.State),
			DaysLate: it.DaysLate})
	}
	return ComplianceCheck{Code: r.Code, DirectiveItem: r.Item, TitleVI: r.TitleVI, TitleEN: r.TitleEN,
		Status: string(r.Status), Evidence: ev}
}

// ComplianceInput selects a province and year.
type ComplianceInput struct {
	ProvinceCodePath
	YearPath
}

// ComplianceOutput is every check for a province and year.
type ComplianceOutput struct {
	Body struct {
		ProvinceCode string            `json:"province_code" example:"11"`
		ProvinceName string            `json:"province_name" example:"Điện Biên"`
		Year         int               `json:"year" example:"2026"`
		AsOf         string            `json:"as_of" format:"date" doc:"The day the checks were made for (Viet Nam time): elapsed quarters and the expected disbursement pace depend on it"`
		Checks       []ComplianceCheck `json:"checks" doc:"In the order of the directive's items"`
	}
}

func (s *Server) getCompliance(ctx context.Context, in *ComplianceInput) (*ComplianceOutput, error) {
	c, err := s.svc.Assessment.Compliance(ctx, caller(ctx), units.ProvinceCode(in.Code), in.Year)
	if err != nil {
		return nil, err
	}
	out := &ComplianceOutput{}
	out.Body.ProvinceCode, out.Body.ProvinceName = string(c.Province.Code), c.Province.Name
	out.Body.Year, out.Body.AsOf = c.Year, c.Today.String()
	out.Body.Checks = make([]ComplianceCheck, len(c.Results))
	for i, r := range c.Results {
		out.Body.Checks[i] = checkOf(r)
	}
	return out, nil
}
