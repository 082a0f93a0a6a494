package api

import (
	"context"

	"baove"
	"baove/budget"
	"baove/plans"
)

// BudgetLine is a budget line in API responses. Amounts are whole đồng as
// decimal strings.
type BudgetLine struct {
	ID            int64  `json:"id" example:"51"`
	PlanID        int64  `json:"plan_id" example:"12"`
	Lineage       string `json:"lineage" doc:"The same across versions of the plan; the ledger follows it"`
	ActivityID    int64  `json:"activity_id" example:"31"`
	TaskArea      string `json:"task_area" example:"1.3"`
	FundingSource string `json:"funding_source" enum:"central,provincial,commune,other"`
	Amount        string `json:"amount" example:"1500000000" doc:"Whole đồng"`
	BudgetItem    string `json:"budget_item,omitempty" example:"6001" doc:"Tiểu mục of the budget classification"`
	Description   string `json:"description,omitempty"`
	Disbursed     string `json:"disbursed" example:"250000000" doc:"Net disbursements from the line across the plan's versions"`
	Remaining     string `json:"remaining" example:"1250000000"`
}

func budgetLineOf(l budget.Line) BudgetLine {
	return BudgetLine{ID: int64(l.ID), PlanID: int64(l.PlanID), Lineage: l.Lineage, ActivityID: int64(l.ActivityID),
		TaskArea: l.TaskArea, FundingSource: string(l.FundingSource), Amount: l.Amount.String(), BudgetItem: l.BudgetItem,
		Description: l.Description, Disbursed: l.Disbursed.String(), Remaining: l.Remaining().String()}
}

// BudgetLineBody is a budget line as a planner writes it.
type BudgetLineBody struct {
	ActivityID    int64       `json:"activity_id" minimum:"1" example:"31"`
	FundingSource string      `json:"funding_source" enum:"central,provincial,commune,other"`
	Amount        string      `json:"amount" example:"1500000000" doc:"Whole đồng written as digits only, e.g. \"1500000000\" (no dots, commas, spaces, signs, decimals or exponents; no leading zero)"`
	BudgetItem    string      `json:"budget_item,omitempty" example:"6001"`
	Description   Description `json:"description,omitempty"`
}

// AddBudgetLineInput adds a budget line.
type AddBudgetLineInput struct {
	PlanPath
	Body BudgetLineBody
}

// BudgetLineCreatedOutput is a new line with the plan's new ETag.
type BudgetLineCreatedOutput struct {
	Status int
	ETag   string `header:"ETag"`
	Body   BudgetLine
}

func (s *Server) addBudgetLine(ctx context.Context, in *AddBudgetLineInput) (*BudgetLineCreatedOutput, error) {
	b := in.Body
	amount, err := budget.ParseVND("amount", b.Amount, false)
	if err != nil {
		return nil, err
	}
	p, l, err := s.svc.Budget.AddLine(ctx, caller(ctx), plans.ID(in.ID), budget.LineInput{ActivityID: plans.ActivityID(b.ActivityID),
		FundingSource: budget.FundingSource(b.FundingSource), Amount: amount, BudgetItem: b.BudgetItem, Description: string(b.Description)})
	if err != nil {
		return nil, err
	}
	return &BudgetLineCreatedOutput{Status: 201, ETag: etag(p), Body: budgetLineOf(l)}, nil
}

// BudgetLineListOutput lists budget lines.
type BudgetLineListOutput struct {
	Body struct {
		Items []BudgetLine `json:"items"`
	}
}

func (s *Server) listBudgetLines(ctx context.Context, in *PlanPath) (*BudgetLineListOutput, error) {
	ls, err := s.svc.Budget.Lines(ctx, caller(ctx), plans.ID(in.ID))
	if err != nil {
		return nil, err
	}
	out := &BudgetLineListOutput{}
	out.Body.Items = []BudgetLine{}
	for _, l := range ls {
		out.Body.Items = append(out.Body.Items, budgetLineOf(l))
	}
	return out, nil
}

// PlanLinePath is the {line_id} of a plan's budget line.
type PlanLinePath struct {
	PlanPath
	LineID int64 `path:"line_id" minimum:"1" example:"51"`
}

// UpdateBudgetLineInput changes some fields of a budget line.
type UpdateBudgetLineInput struct {
	PlanLinePath
	IfMatch
	Body struct {
		ActivityID    *int64       `json:"activity_id,omitempty" minimum:"1"`
		FundingSource *string      `json:"funding_source,omitempty" enum:"central,provincial,commune,other"`
		Amount        *string      `json:"amount,omitempty" example:"1500000000" doc:"Whole đồng written as digits only"`
		BudgetItem    *string      `json:"budget_item,omitempty" example:"6001"`
		Description   *Description `json:"description,omitempty"`
	}
}

func (s *Server) updateBudgetLine(ctx context.Context, in *UpdateBudgetLineInput) (*PlanOutput, error) {
	b := in.Body
	var amount budget.VND
	if b.Amount != nil {
		var err error
		if amount, err = budget.ParseVND("amount", *b.Amount, false); err != nil {
			return nil, err
		}
	}
	ref := budget.LineRef{Plan: planRef(in.ID, in.IfMatch.IfMatch), Line: budget.LineID(in.LineID)}
	return planOutput(s.svc.Budget.UpdateLine(ctx, caller(ctx), ref, func(l *budget.LineInput) {
		if b.ActivityID != nil {
			l.ActivityID = plans.ActivityID(*b.ActivityID)
		}
		if b.FundingSource != nil {
			l.FundingSource = budget.FundingSource(*b.FundingSource)
		}
		if b.Amount != nil {
			l.Amount = amount
		}
		set(&l.BudgetItem, b.BudgetItem)
		set(&l.Description, b.Description)
	}))
}

// DeleteBudgetLineInput removes a budget line.
type DeleteBudgetLineInput struct {
	PlanLinePath
	IfMatch
}

func (s *Server) deleteBudgetLine(ctx context.Context, in *DeleteBudgetLineInput) (*ChangedOutput, error) {
	ref := budget.LineRef{Plan: planRef(in.ID, in.IfMatch.IfMatch), Line: budget.LineID(in.LineID)}
	p, err := s.svc.Budget.DeleteLine(ctx, caller(ctx), ref)
	if err != nil {
		return nil, err
	}
	return &ChangedOutput{ETag: etag(p)}, nil
}

// LinePath is the {id} of a budget line.
type LinePath struct {
	ID int64 `path:"id" minimum:"1" example:"51"`
}

// BudgetLineOutput is one budget line.
type BudgetLineOutput struct {
	Body BudgetLine
}

func (s *Server) getBudgetLine(ctx context.Context, in *LinePath) (*BudgetLineOutput, error) {
	l, _, err := s.svc.Budget.Line(ctx, caller(ctx), budget.LineID(in.ID))
	if err != nil {
		return nil, err
	}
	return &BudgetLineOutput{Body: budgetLineOf(l)}, nil
}

// parseDate parses a required date field.
func parseDate(field, s string) (baove.Date, error) {
	d, err := baove.ParseDate(s)
	if err != nil {
		return d, baove.InvalidKey(field, "field.date_form", nil, s)
	}
	return d, nil
}
