package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"

	"baove"
	"baove/access"
	"baove/app"
	"baove/budget"
	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// scale is each demo province's size of budget: a province's yearly
// child-protection budget is in the billions of đồng (docs/domain.md §8).
var scale = map[units.ProvinceCode]budget.VND{"01": 1_000_000, "11": 700_000, "79": 1_200_000}

// lineShares are the demo lines of an activity of each task area: funding
// source and amount in units of the province's scale.
func lineShares(taskArea string) []struct {
	source budget.FundingSource
	units  int64
} {
	type share = struct {
		source budget.FundingSource
		units  int64
	}
	switch taskArea {
	case "0":
		return []share{{budget.Provincial, 150}}
	case "1.2":
		return []share{{budget.Central, 420}, {budget.Provincial, 180}, {budget.Other, 120}}
	case "2.2", "5.3":
		return []share{{budget.Central, 350}, {budget.Provincial, 200}, {budget.Commune, 160}}
	}
	return []share{{budget.Central, 300}, {budget.Provincial, 140}}
}

// addLines gives each activity of a demo plan its budget lines.
func addLines(ctx context.Context, d *app.Services, c access.Caller, p plans.Plan) (plans.Plan, error) {
	for i, a := range p.Activities {
		for _, sh := range lineShares(a.TaskArea) {
			amount := budget.VND(sh.units+int64(i*7)) * scale[p.Province]
			var err error
			if p, _, err = d.Budget.AddLine(ctx, c, p.ID, budget.LineInput{ActivityID: a.ID, FundingSource: sh.source,
				Amount: amount, BudgetItem: "7049"}); err != nil {
				return p, err
			}
		}
	}
	return p, nil
}

func sortedCodes(m map[indicators.Code]string) []indicators.Code {
	codes := make([]indicators.Code, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool { return codes[i] < codes[j] })
	return codes
}

// loadBudget allocates central funds for every demo plan, records a year of
// payments (some reversed) against the plans in force, and closes 2025.
func loadBudget(ctx context.Context, d *app.Services, w io.Writer) error {
	reviewer, err := caller(ctx, d, "reviewer")
	if err != nil {
		return err
	}
	for _, dp := range demoPlans {
		if err := allocate(ctx, d, reviewer, dp, w); err != nil {
			return fmt.Errorf("demo: budget %s/%d: %w", dp.province, dp.year, err)
		}
	}
	for _, dp := range demoPlans {
		if err := pay(ctx, d, dp, w); err != nil {
			return fmt.Errorf("demo: payments %s/%d: %w", dp.province, dp.year, err)
		}
	}
	return closeDemoYears(ctx, d, w)
}

func allocate(ctx context.Context, d *app.Services, reviewer access.Caller, dp demoPlan, w io.Writer) error {
	if ymd(dp.year, 1, 20).After(d.Clock.Today()) {
		return nil // next year's plan: the centre has not decided yet
	}
	existing, err := d.Budget.Allocations(ctx, reviewer, dp.province, dp.year)
	if err != nil || len(existing) > 0 {
		return err
	}
	sum, err := d.Budget.Summary(ctx, reviewer, dp.province, dp.year)
	if err != nil {
		return err
	}
	central := sum.BySource[0].Planned / 1000 * 1000
	if _, _, err := d.Budget.Allocate(ctx, reviewer, budget.NewAllocation{Province: dp.province, Year: dp.year, Amount: central,
		DecisionNo: fmt.Sprintf("%d/QĐ-BYT", 100+dp.year%100*3+len(dp.province)), DecidedOn: baove.NewDate(dp.year, 1, 20)}, ""); err != nil {
		return err
	}
	if dp.province == "11" {
		correction := -central / 20 / 1000 * 1000
		if _, _, err := d.Budget.Allocate(ctx, reviewer, budget.NewAllocation{Province: dp.province, Year: dp.year, Amount: correction,
			DecisionNo: "Điều chỉnh", DecidedOn: baove.NewDate(dp.year, 6, 15), Reason: "Điều chỉnh giảm dự toán theo kết quả rà soát giữa năm"}, ""); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "demo: central allocation %s %d\n", dp.province, dp.year)
	return nil
}

// pay records payments from the lines of the plan in force: each line is
// paid in a few instalments up to 60–90 % of it, from the month after the
// province first issued its plan for the year to the end of the year (of
// November for 2026), and about one payment in twelve is reversed.
func pay(ctx context.Context, d *app.Services, dp demoPlan, w io.Writer) error {
	finance, err := caller(ctx, d, "finance."+dp.planner[len("planner."):])
	if err != nil {
		return err
	}
	sum, err := d.Budget.Summary(ctx, finance, dp.province, dp.year)
	if err != nil || sum.Plan == nil || sum.Plan.Status != plans.Approved || sum.Total.Disbursed != 0 {
		return err
	}
	lines, err := d.Budget.Lines(ctx, finance, sum.Plan.ID)
	if err != nil {
		return err
	}
	first, err := firstIssued(ctx, d, finance, sum.Plan.ID)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(uint64(dp.year), uint64(len(dp.province)+int(dp.province[1]))))
	months := 12
	if dp.year == 2026 {
		months = 11
	}
	start := 1
	if first.Year() == dp.year {
		start = min(int(first.Time().Month())+1, months)
	}
	span := months - start + 1
	voucher := 0
	for _, l := range lines {
		share := budget.VND(60 + rng.IntN(31))
		target := l.Amount * share / 100
		parts := 2 + rng.IntN(3)
		for k := range parts {
			voucher++
			amount := target / budget.VND(parts) / 1000 * 1000
			month := start + (k*span)/parts + rng.IntN(max(span/parts, 1))
			p, _, err := d.Budget.Disburse(ctx, finance, budget.NewDisbursement{Line: l.ID, Amount: amount,
				PaidOn:    baove.NewDate(dp.year, monthOf(min(month, months)), 1+rng.IntN(27)),
				VoucherNo: fmt.Sprintf("PC-%d-%04d", dp.year, voucher), Description: fmt.Sprintf("Thanh toán đợt %d, mục %s", k+1, l.TaskArea)}, "")
			if err != nil {
				return err
			}
			if voucher%12 == 5 {
				on := p.PaidOn.AddDays(7)
				if today := d.Clock.Today(); on.After(today) {
					on = today
				}
				rev := budget.NewReversal{Payment: p.ID, On: on, Reason: "Chứng từ sai số tiền, lập lại chứng từ"}
				if _, err := d.Budget.Reverse(ctx, finance, rev); err != nil {
					return err
				}
			}
		}
	}
	fmt.Fprintf(w, "demo: %d payments %s %d\n", voucher, dp.province, dp.year)
	return nil
}

// firstIssued returns the day the province first issued the plan version
// id belongs to (a revision in force was issued later).
func firstIssued(ctx context.Context, d *app.Services, c access.Caller, id plans.ID) (baove.Date, error) {
	versions, err := d.Plans.Versions(ctx, c, id)
	if err != nil {
		return baove.Date{}, err
	}
	for _, v := range versions {
		if v.Issuance != nil {
			return v.Issuance.IssuedOn, nil
		}
	}
	return baove.Date{}, nil
}

// closeDemoYears closes 2025: Hà Nội carries unspent central funds over,
// Điện Biên returns them; TP Hồ Chí Minh's 2025 stays open.
func closeDemoYears(ctx context.Context, d *app.Services, w io.Writer) error {
	for province, disposition := range map[units.ProvinceCode]string{"01": budget.CarryOver, "11": budget.Return} {
		finance, err := caller(ctx, d, map[units.ProvinceCode]string{"01": "finance.hanoi", "11": "finance.dienbien"}[province])
		if err != nil {
			return err
		}
		sum, err := d.Budget.Summary(ctx, finance, province, 2025)
		if err != nil || sum.Central.Closed {
			return err
		}
		if _, err := d.Budget.Close(ctx, finance, budget.YearEnd{Province: province, Year: 2025, Disposition: disposition}); err != nil {
			return fmt.Errorf("demo: close %s/2025: %w", province, err)
		}
		fmt.Fprintf(w, "demo: closed %s 2025 (%s)\n", province, disposition)
	}
	return nil
}
