package api

import (
	"context"

	"github.com/shopspring/decimal"

	"baove/budget"
	"baove/units"
)

// Figures are the money of one row of a budget summary.
type Figures struct {
	Planned   string  `json:"planned" example:"3000000000" doc:"Whole đồng in the lines of the plan version that counts (the one in force, else the latest)"`
	Allocated string  `json:"allocated" example:"2500000000" doc:"Central: the ministry's allocations, corrections and carried-in funds; other sources: the lines of the plan in force (0 while the plan is only drafted, submitted or returned)"`
	Disbursed string  `json:"disbursed" example:"1800000000" doc:"Net of reversals"`
	Remaining string  `json:"remaining" example:"700000000" doc:"allocated − disbursed: the one 'remaining' of the API, the PDF and the workbook"`
	Rate      *string `json:"disbursement_rate" example:"72.00" doc:"disbursed ÷ allocated, in percent, two decimals; null when nothing is allocated"`
}

func figuresOf(f budget.Figures) Figures {
	return Figures{Planned: f.Planned.String(), Allocated: f.Allocated.String(), Disbursed: f.Disbursed.String(),
		Remaining: f.Remaining.String(), Rate: rateOf(f.Rate)}
}

// rateOf writes a rate to two places; nil when there is none.
func rateOf(r decimal.NullDecimal) *string {
	if !r.Valid {
		return nil
	}
	s := r.Decimal.StringFixed(2)
	return &s
}

// SourceFigures is a funding source's row.
type SourceFigures struct {
	FundingSource string `json:"funding_source" enum:"central,provincial,commune,other"`
	Figures
}

// TaskAreaFigures is a task area's row: what the lines plan on it and what
// was disbursed from it. Allocations are made per province and year, not
// per task area: the total of the table (total) carries them.
type TaskAreaFigures struct {
	TaskArea  string `json:"task_area" example:"1.3"`
	NameVI    string `json:"name_vi"`
	NameEN    string `json:"name_en"`
	Planned   string `json:"planned" example:"300000000"`
	Disbursed string `json:"disbursed" example:"120000000"`
}

func taskAreasOf(rows []budget.TaskAreaFigures) []TaskAreaFigures {
	out := make([]TaskAreaFigures, len(rows))
	for i, r := range rows {
		out[i] = TaskAreaFigures{r.TaskArea.Code, r.TaskArea.NameVI, r.TaskArea.NameEN, r.Planned.String(), r.Disbursed.String()}
	}
	return out
}

// CentralFunds is the state of a year's central support.
type CentralFunds struct {
	Allocated      string `json:"allocated" doc:"Decisions and corrections"`
	CarriedIn      string `json:"carried_in" doc:"Unspent funds carried over from the year before"`
	Disbursed      string `json:"disbursed"`
	Remaining      string `json:"remaining"`
	Closed         bool   `json:"closed"`
	Disposition    string `json:"unspent_disposition,omitempty" enum:"carry_over,return"`
	Unspent        string `json:"unspent_at_close,omitempty"`
	ReturnDeadline string `json:"return_deadline,omitempty" format:"date"`
}

// BudgetSummary is a province's money for a year.
type BudgetSummary struct {
	ProvinceCode      string            `json:"province_code" example:"11"`
	Year              int               `json:"year" example:"2026"`
	PlanID            int64             `json:"plan_id,omitempty" doc:"The plan version whose lines count: the one in force, else the latest"`
	PlanVersion       int               `json:"plan_version,omitempty"`
	PlanStatus        string            `json:"plan_status,omitempty"`
	PlanInForce       bool              `json:"plan_in_force" doc:"The lines that count are those of the approved plan in force; otherwise the province's own sources allocate nothing"`
	BySource          []SourceFigures   `json:"by_funding_source" doc:"Adds up to total"`
	ByTaskArea        []TaskAreaFigures `json:"by_task_area" doc:"Every source; planned and disbursed add up to total's"`
	CentralByTaskArea []TaskAreaFigures `json:"central_by_task_area" doc:"Central funds only; planned and disbursed add up to the central row of by_funding_source, which holds the allocation"`
	Total             Figures           `json:"total"`
	Central           CentralFunds      `json:"central_funds"`
}

func summaryOf(s budget.Summary) BudgetSummary {
	out := BudgetSummary{ProvinceCode: string(s.Province), Year: s.Year, Total: figuresOf(s.Total), PlanInForce: s.InForce(),
		ByTaskArea: taskAreasOf(s.ByTaskArea), CentralByTaskArea: taskAreasOf(s.CentralByTaskArea)}
	if s.Plan != nil {
		out.PlanID, out.PlanVersion, out.PlanStatus = int64(s.Plan.ID), s.Plan.Version, string(s.Plan.Status)
	}
	for _, r := range s.BySource {
		out.BySource = append(out.BySource, SourceFigures{string(r.Source), figuresOf(r.Figures)})
	}
	c := s.Central
	out.Central = CentralFunds{Allocated: c.Allocated.String(), CarriedIn: c.CarriedIn.String(), Disbursed: c.Disbursed.String(),
		Remaining: c.Remaining.String(), Closed: c.Closed, Disposition: c.Disposition, ReturnDeadline: c.ReturnDeadline.String()}
	if c.Closed {
		out.Central.Unspent = c.Unspent.String()
	}
	return out
}

// ProvinceYearPath is a province and a year.
type ProvinceYearPath struct {
	Code string `path:"code" pattern:"^[0-9]{2}$" example:"11"`
	Year int    `path:"year" example:"2026"`
}

// BudgetSummaryOutput is a budget summary.
type BudgetSummaryOutput struct {
	Body BudgetSummary
}

func (s *Server) getBudgetSummary(ctx context.Context, in *ProvinceYearPath) (*BudgetSummaryOutput, error) {
	sum, err := s.svc.Budget.Summary(ctx, caller(ctx), units.ProvinceCode(in.Code), in.Year)
	if err != nil {
		return nil, err
	}
	return &BudgetSummaryOutput{Body: summaryOf(sum)}, nil
}

// CloseInput closes a budget year.
type CloseInput struct {
	ProvinceYearPath
	Body struct {
		UnspentCentral string `json:"unspent_central" enum:"carry_over,return" doc:"carry_over: unspent central funds become next year's allocation; return: they go back to the central budget within 30 days"`
	}
}

func (s *Server) closeBudgetYear(ctx context.Context, in *CloseInput) (*BudgetSummaryOutput, error) {
	end := budget.YearEnd{Province: units.ProvinceCode(in.Code), Year: in.Year, Disposition: in.Body.UnspentCentral}
	sum, err := s.svc.Budget.Close(ctx, caller(ctx), end)
	if err != nil {
		return nil, err
	}
	return &BudgetSummaryOutput{Body: summaryOf(sum)}, nil
}
