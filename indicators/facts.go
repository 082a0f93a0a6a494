package indicators

import (
	"context"

	"github.com/shopspring/decimal"

	"baove/units"
)

// Progress and compliance need facts that the plans and budget packages
// own. This package asks through the two small interfaces below and cmd
// wires implementations in, so that indicators never imports plans or
// budget (they may import indicators).

// PlanSource tells what a province's plan for a year holds.
type PlanSource interface {
	// PlanFacts returns the facts of province's plan for year: the zero
	// PlanFacts (Exists false) when there is none. It fails only when it
	// cannot tell; ENOTFOUND is taken to mean "no plan".
	PlanFacts(ctx context.Context, province units.ProvinceCode, year int) (PlanFacts, error)
	// YearPlanFacts returns the facts of every province's plan for year at
	// once, for the national roll-up; a province without a plan is absent.
	YearPlanFacts(ctx context.Context, year int) (map[units.ProvinceCode]PlanFacts, error)
}

// PlanFacts is what progress and compliance read of a plan.
type PlanFacts struct {
	// Exists reports whether the province has a plan for the year at all.
	Exists bool
	// Status is the plan's status as the plans package names it (e.g.
	// "draft", "submitted", "approved", "returned"); shown, never
	// interpreted.
	Status string
	// Approved reports whether the ministry approved the plan.
	Approved bool
	// Activities counts the planned activities by task-area code of the
	// directive ("1.3", "2.1", "5.3", …); absent areas have none.
	Activities map[string]int
	// Targets are the plan's targets for the year by indicator; the
	// indicator's direction says which way is better.
	Targets map[Code]decimal.Decimal
}

// BudgetSource tells what a province's budget for a year holds.
type BudgetSource interface {
	// BudgetFacts returns the facts of province's budget for year: zero
	// amounts when there is none. It fails only when it cannot tell;
	// ENOTFOUND is taken to mean "no budget".
	BudgetFacts(ctx context.Context, province units.ProvinceCode, year int) (BudgetFacts, error)
	// YearBudgetFacts returns the facts of every province's budget for year
	// at once, for national reports; a province without money is absent.
	YearBudgetFacts(ctx context.Context, year int) (map[units.ProvinceCode]BudgetFacts, error)
}

// FundingSource is where a budget line's money comes from (docs/domain.md §5).
type FundingSource string

// The four funding sources.
const (
	CentralFunds    FundingSource = "central"    // central targeted support
	ProvincialFunds FundingSource = "provincial" // provincial budget
	CommuneFunds    FundingSource = "commune"    // commune budget
	OtherFunds      FundingSource = "other"      // social mobilisation, international partners
)

// BudgetFacts is what compliance reads of a budget. Amounts are whole đồng.
type BudgetFacts struct {
	// Planned is the amount on the plan's budget lines by funding source.
	Planned map[FundingSource]int64
	// CentralIneligible lists the task areas not eligible for central
	// funds (directive 3.2) that carry central money nonetheless, planned or
	// disbursed; empty when there are none.
	CentralIneligible []TaskAreaMoney
	// CentralAllocated is the central support allocated to the province for
	// the year; CentralDisbursed what was disbursed from central funds.
	CentralAllocated, CentralDisbursed int64
	// Allocated and Disbursed are the year's totals over every source,
	// carried-in funds included: Disbursed ÷ Allocated is the disbursement
	// rate (tỷ lệ giải ngân).
	Allocated, Disbursed int64
}

// TaskAreaMoney is central money on one task area.
type TaskAreaMoney struct {
	TaskArea  string // e.g. "0", general administration
	Planned   int64
	Disbursed int64
}

// DisbursementRate returns Disbursed ÷ Allocated as a percentage, exact to
// 16 places; it reports false when nothing is allocated.
func (b BudgetFacts) DisbursementRate() (decimal.Decimal, bool) {
	if b.Allocated <= 0 {
		return decimal.Zero, false
	}
	return decimal.NewFromInt(b.Disbursed).Mul(decimal.NewFromInt(100)).Div(decimal.NewFromInt(b.Allocated)), true
}
