package api

import (
	"context"
	"fmt"
	"time"

	"baove/budget"
	"baove/units"
)

// Allocation is an entry of the central allocation ledger.
type Allocation struct {
	ID           int64     `json:"id" example:"7"`
	ProvinceCode string    `json:"province_code" example:"11"`
	Year         int       `json:"year" example:"2026"`
	Kind         string    `json:"kind" enum:"allocation,correction,carry_in"`
	Amount       string    `json:"amount" example:"2000000000" doc:"Whole đồng; negative for a correction"`
	DecisionNo   string    `json:"decision_no,omitempty" example:"1234/QĐ-BYT"`
	DecidedOn    string    `json:"decided_on" format:"date"`
	Reason       string    `json:"reason,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	Actor        string    `json:"actor" example:"reviewer"`
}

func allocationOf(a budget.Allocation) Allocation {
	return Allocation{ID: a.ID, ProvinceCode: string(a.Province), Year: a.Year, Kind: string(a.Kind), Amount: a.Amount.String(),
		DecisionNo: a.DecisionNo, DecidedOn: a.DecidedOn.String(), Reason: a.Reason, CreatedAt: a.CreatedAt, Actor: a.Actor}
}

// AllocateInput records a central allocation or a correction.
type AllocateInput struct {
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"128" doc:"Makes retries safe: the same key with the same body returns the first answer and records nothing; keys are kept for 7 days"`
	Body           struct {
		ProvinceCode string `json:"province_code" pattern:"^[0-9]{2}$" example:"11"`
		Year         Year   `json:"year" example:"2026"`
		Amount       string `json:"amount" example:"2000000000" doc:"Whole đồng written as digits only, e.g. \"2000000000\" (no dots, commas, spaces, plus sign, decimals or exponents; no leading zero); a leading - (with a reason) corrects earlier entries"`
		DecisionNo   string `json:"decision_no,omitempty" maxLength:"100" example:"1234/QĐ-BYT" doc:"Required for an allocation (positive amount): the number of the ministry's decision"`
		DecidedOn    string `json:"decided_on" example:"2026-01-20"`
		Reason       string `json:"reason,omitempty" maxLength:"2000"`
	}
}

// AllocationOutput is one allocation entry.
type AllocationOutput struct {
	Status   int
	Replayed string `header:"Idempotent-Replayed" doc:"true when this answers a retry"`
	Body     Allocation
}

func (s *Server) allocate(ctx context.Context, in *AllocateInput) (*AllocationOutput, error) {
	b := in.Body
	amount, err := budget.ParseVND("amount", b.Amount, true)
	if err != nil {
		return nil, err
	}
	decided, err := parseDate("decided_on", b.DecidedOn)
	if err != nil {
		return nil, err
	}
	a, replayed, err := s.svc.Budget.Allocate(ctx, caller(ctx), budget.NewAllocation{Province: units.ProvinceCode(b.ProvinceCode),
		Year: int(b.Year), Amount: amount, DecisionNo: b.DecisionNo, DecidedOn: decided, Reason: b.Reason}, in.IdempotencyKey)
	if err != nil {
		return nil, err
	}
	out := &AllocationOutput{Status: 201, Body: allocationOf(a)}
	if replayed {
		out.Replayed = "true"
	}
	return out, nil
}

// AllocationListInput selects a province's allocations.
type AllocationListInput struct {
	ProvinceCode string     `query:"province_code" required:"true" pattern:"^[0-9]{2}$" example:"11"`
	Year         YearFilter `query:"year" example:"2026" doc:"0 or absent: every year"`
}

// AllocationListOutput lists allocation entries, oldest first.
type AllocationListOutput struct {
	Body struct {
		Items []Allocation `json:"items"`
	}
}

func (s *Server) listAllocations(ctx context.Context, in *AllocationListInput) (*AllocationListOutput, error) {
	as, err := s.svc.Budget.Allocations(ctx, caller(ctx), units.ProvinceCode(in.ProvinceCode), int(in.Year))
	if err != nil {
		return nil, err
	}
	out := &AllocationListOutput{}
	out.Body.Items = []Allocation{}
	for _, a := range as {
		out.Body.Items = append(out.Body.Items, allocationOf(a))
	}
	return out, nil
}

// AllocationDecisionInput records one ministry decision allocating central
// funds to several provinces at once.
type AllocationDecisionInput struct {
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"128" doc:"Makes retries safe: the same key with the same decision returns the first answer and records nothing; keys are kept for 7 days"`
	Body           struct {
		Year       Year    `json:"year" example:"2026"`
		DecisionNo string  `json:"decision_no" maxLength:"100" example:"1234/QĐ-BYT" doc:"The number of the ministry's decision"`
		DecidedOn  string  `json:"decided_on" example:"2026-01-20"`
		Shares     []Share `json:"shares" nullable:"false" maxItems:"100" doc:"Each province once, with its amount (at least one)"`
	}
}

// Share is a province's part of an allocation decision.
type Share struct {
	ProvinceCode string `json:"province_code" pattern:"^[0-9]{2}$" example:"11"`
	Amount       string `json:"amount" example:"2000000000" doc:"Whole đồng written as digits only, more than 0"`
}

// AllocationDecisionOutput is the allocations of one decision, in the
// order of its shares.
type AllocationDecisionOutput struct {
	Status   int
	Replayed string `header:"Idempotent-Replayed" doc:"true when this answers a retry"`
	Body     struct {
		Items []Allocation `json:"items"`
	}
}

func (s *Server) allocateDecision(ctx context.Context, in *AllocationDecisionInput) (*AllocationDecisionOutput, error) {
	b := in.Body
	decided, err := parseDate("decided_on", b.DecidedOn)
	if err != nil {
		return nil, err
	}
	d := budget.Decision{Year: int(b.Year), DecisionNo: b.DecisionNo, DecidedOn: decided}
	for i, sh := range b.Shares {
		amount, err := budget.ParseVND(fmt.Sprintf("shares[%d].amount", i), sh.Amount, false)
		if err != nil {
			return nil, err
		}
		d.Shares = append(d.Shares, budget.Share{Province: units.ProvinceCode(sh.ProvinceCode), Amount: amount})
	}
	as, replayed, err := s.svc.Budget.AllocateDecision(ctx, caller(ctx), d, in.IdempotencyKey)
	if err != nil {
		return nil, err
	}
	out := &AllocationDecisionOutput{Status: 201}
	for _, a := range as {
		out.Body.Items = append(out.Body.Items, allocationOf(a))
	}
	if replayed {
		out.Replayed = "true"
	}
	return out, nil
}
