package budget

import (
	"context"

	"github.com/uptrace/bun"

	"baove"
	"baove/i18n"
	"baove/plans"
	"baove/units"
)

// Lines is the plans.Part of budget lines: revisions copy them, diffs show
// them, submission needs one, and a version whose lines fall below what was
// already disbursed cannot be submitted or approved.
type Lines struct{}

var _ plans.Part = Lines{}

// Name implements plans.Part.
func (Lines) Name() string { return "budget_lines" }

// RequiredForSubmission implements plans.Part: a plan needs a budget.
func (Lines) RequiredForSubmission() bool { return true }

// Count implements plans.Part.
func (Lines) Count(ctx context.Context, db bun.IDB, plan plans.ID) (int, error) {
	n, err := db.NewSelect().Table("budget_lines").Where("plan_id = ?", int64(plan)).Count(ctx)
	return int(n), err
}

// Copy implements plans.Part: the copies keep their lineage, so that the
// ledger follows a line from version to version.
func (Lines) Copy(ctx context.Context, db bun.IDB, from, to plans.ID, activities map[plans.ActivityID]plans.ActivityID) error {
	var rows []LineRecord
	if err := db.NewSelect().Model(&rows).Where("plan_id = ?", int64(from)).Order("position", "id").Scan(ctx); err != nil {
		return err
	}
	for _, r := range rows {
		r.ID, r.PlanID, r.ActivityID = 0, int64(to), int64(activities[plans.ActivityID(r.ActivityID)])
		if _, err := db.NewInsert().Model(&r).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Lock implements plans.Part: approving a version takes the lock of the
// province-year that payments, allocations and the close take.
func (Lines) Lock(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int) error {
	_, err := lockYear(ctx, db, p, year)
	return err
}

// Items implements plans.Part.
func (Lines) Items(ctx context.Context, db bun.IDB, plan plans.ID) (map[string]map[string]any, error) {
	var rows []LineRecord
	if err := selectLines(db, &rows).Where("l.plan_id = ?", int64(plan)).Scan(ctx); err != nil {
		return nil, err
	}
	items := make(map[string]map[string]any, len(rows))
	for _, r := range rows {
		items[r.Lineage] = map[string]any{"activity": r.ActivityLineage, "task_area": r.TaskArea, "funding_source": string(r.FundingSource),
			"amount": VND(r.Amount).String(), "budget_item": r.BudgetItem, "description": r.Description}
	}
	return items, nil
}

// Check implements plans.Part: central lines only on task areas eligible
// for central funds in the plan's year (directive 3.2), every line keeps at
// least what was disbursed from it, and no line that was paid from is left
// out of the version.
func (Lines) Check(ctx context.Context, db bun.IDB, plan plans.ID) error {
	var p struct {
		ProvinceCode string
		Year         int
	}
	if err := db.NewSelect().Table("plans").Column("province_code", "year").Where("id = ?", int64(plan)).Scan(ctx, &p); err != nil {
		return err
	}
	if err := centralEligible(ctx, db, plan, p.Year); err != nil {
		return err
	}
	paid, err := disbursedByLineage(ctx, db, units.ProvinceCode(p.ProvinceCode), p.Year)
	if err != nil {
		return err
	}
	var rows []LineRecord
	if err := db.NewSelect().Model(&rows).Where("plan_id = ?", int64(plan)).Scan(ctx); err != nil {
		return err
	}
	amounts := make(map[string]VND, len(rows))
	for _, r := range rows {
		amounts[r.Lineage] = VND(r.Amount)
	}
	var probs baove.Problems
	for lineage, sum := range paid {
		if amount, ok := amounts[lineage]; sum > amount || (!ok && sum != 0) {
			probs.AddKey("budget_lines", "budget.line.disbursed_missing", i18n.Args{"paid": sum}, lineage)
		}
	}
	if len(probs) > 0 {
		return &baove.Error{Code: baove.ECONFLICT, Key: "budget.lines_below_disbursed", Fields: probs}
	}
	return nil
}
