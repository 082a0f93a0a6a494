package api

import (
	"baove"
	"context"
	"time"

	"baove/budget"
)

// Disbursement is an entry of the ledger.
type Disbursement struct {
	ID            int64     `json:"id" example:"901"`
	ProvinceCode  string    `json:"province_code" example:"11"`
	Year          int       `json:"year" example:"2026"`
	BudgetLineID  int64     `json:"budget_line_id" example:"51"`
	FundingSource string    `json:"funding_source" enum:"central,provincial,commune,other"`
	TaskArea      string    `json:"task_area" example:"1.3"`
	Kind          string    `json:"kind" enum:"payment,reversal"`
	Amount        string    `json:"amount" example:"250000000" doc:"Whole đồng; negative for a reversal"`
	ReversesID    int64     `json:"reverses_id,omitempty"`
	ReversedByID  int64     `json:"reversed_by_id,omitempty"`
	PaidOn        string    `json:"paid_on" format:"date"`
	VoucherNo     string    `json:"voucher_no,omitempty" example:"PC-2026-0042"`
	Description   string    `json:"description,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
	Actor         string    `json:"actor" example:"finance.dienbien"`
}

func disbursementOf(d budget.Disbursement) Disbursement {
	return Disbursement{ID: d.ID, ProvinceCode: string(d.Province), Year: d.Year, BudgetLineID: int64(d.LineID),
		FundingSource: string(d.FundingSource), TaskArea: d.TaskArea, Kind: string(d.Kind), Amount: d.Amount.String(),
		ReversesID: d.ReversesID, ReversedByID: d.ReversedByID, PaidOn: d.PaidOn.String(), VoucherNo: d.VoucherNo,
		Description: d.Description, CreatedAt: d.CreatedAt, Actor: d.Actor}
}

// DisburseInput records a payment from a budget line.
type DisburseInput struct {
	LinePath
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"128" doc:"Makes retries safe: the same key with the same body returns the first answer and records nothing; keys are kept for 7 days"`
	Body           struct {
		Amount      string      `json:"amount" example:"250000000" doc:"Whole đồng written as digits only, e.g. \"250000000\" (no dots, commas, spaces, signs, decimals or exponents; no leading zero)"`
		PaidOn      string      `json:"paid_on" example:"2026-04-02" doc:"In the plan's year or its adjustment period (to 31 January next year)"`
		VoucherNo   string      `json:"voucher_no" example:"PC-2026-0042" doc:"Unique per province and year"`
		Description Description `json:"description,omitempty"`
	}
}

// DisbursementCreatedOutput is a recorded payment.
type DisbursementCreatedOutput struct {
	Status   int
	Replayed string `header:"Idempotent-Replayed" doc:"true when this answers a retry"`
	Body     Disbursement
}

func (s *Server) disburse(ctx context.Context, in *DisburseInput) (*DisbursementCreatedOutput, error) {
	amount, err := budget.ParseVND("amount", in.Body.Amount, false)
	if err != nil {
		return nil, err
	}
	paidOn, err := parseDate("paid_on", in.Body.PaidOn)
	if err != nil {
		return nil, err
	}
	d, replayed, err := s.svc.Budget.Disburse(ctx, caller(ctx), budget.NewDisbursement{Line: budget.LineID(in.ID), Amount: amount,
		PaidOn: paidOn, VoucherNo: in.Body.VoucherNo, Description: string(in.Body.Description)}, in.IdempotencyKey)
	if err != nil {
		return nil, err
	}
	out := &DisbursementCreatedOutput{Status: 201, Body: disbursementOf(d)}
	if replayed {
		out.Replayed = "true"
	}
	return out, nil
}

// ReverseInput reverses a payment.
type ReverseInput struct {
	ID   int64 `path:"id" minimum:"1" example:"901"`
	Body struct {
		Reason     string `json:"reason" maxLength:"2000" example:"Chứng từ ghi sai số tiền"`
		ReversedOn string `json:"reversed_on,omitempty" example:"2026-04-10" doc:"The reversal's date: not before the payment, not after today, within the payment's year or its adjustment period; today when absent"`
	}
}

// DisbursementOutput is one ledger entry.
type DisbursementOutput struct {
	Status int
	Body   Disbursement
}

func (s *Server) reverseDisbursement(ctx context.Context, in *ReverseInput) (*DisbursementOutput, error) {
	var on baove.Date
	if in.Body.ReversedOn != "" {
		var err error
		if on, err = parseDate("reversed_on", in.Body.ReversedOn); err != nil {
			return nil, err
		}
	}
	d, err := s.svc.Budget.Reverse(ctx, caller(ctx), budget.NewReversal{Payment: in.ID, On: on, Reason: in.Body.Reason})
	if err != nil {
		return nil, err
	}
	return &DisbursementOutput{Status: 201, Body: disbursementOf(d)}, nil
}
