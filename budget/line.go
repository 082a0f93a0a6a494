package budget

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/i18n"
	"baove/plans"
	"baove/vn"
)

// MaxDescription is the longest description of a budget line or a payment,
// in characters. The API's schema states the same bound from this constant.
const MaxDescription = 2000

// LineID identifies a budget line of one plan version.
type LineID int64

// Line is an amount planned for an activity from one funding source.
type Line struct {
	ID            LineID           `json:"id"`
	PlanID        plans.ID         `json:"plan_id"`
	Lineage       string           `json:"lineage"` // the same across versions of the plan
	ActivityID    plans.ActivityID `json:"activity_id"`
	TaskArea      string           `json:"task_area"`
	FundingSource FundingSource    `json:"funding_source"`
	Amount        VND              `json:"amount"`
	BudgetItem    string           `json:"budget_item,omitempty"` // tiểu mục, 4 digits
	Description   string           `json:"description,omitempty"`
	// Disbursed sums the ledger for this line across the plan's versions.
	Disbursed VND `json:"-"`
}

// Remaining is what may still be disbursed from the line.
func (l Line) Remaining() VND { return l.Amount - l.Disbursed }

// LineInput is a budget line as a planner writes it.
type LineInput struct {
	ActivityID    plans.ActivityID
	FundingSource FundingSource
	Amount        VND
	BudgetItem    string
	Description   string
}

// LineRecord is a budget line as stored (the table budget_lines); read
// with its activity, it carries the activity's task area and lineage.
type LineRecord struct {
	bun.BaseModel `bun:"table:budget_lines,alias:l"`

	ID              int64 `bun:",pk,autoincrement"`
	PlanID          int64
	Lineage         string
	ActivityID      int64
	FundingSource   FundingSource
	Amount          int64
	BudgetItem      string
	Description     string
	Position        int
	TaskArea        string `bun:",scanonly"`
	ActivityLineage string `bun:",scanonly"`
}

// Line returns the record as a budget line.
func (r LineRecord) Line() Line {
	return Line{ID: LineID(r.ID), PlanID: plans.ID(r.PlanID), Lineage: r.Lineage, ActivityID: plans.ActivityID(r.ActivityID),
		TaskArea: r.TaskArea, FundingSource: r.FundingSource, Amount: VND(r.Amount), BudgetItem: r.BudgetItem, Description: r.Description}
}

var budgetItemRE = regexp.MustCompile(`^[0-9]{4}$`)

// check validates in against the plan version, within tx; it returns
// EINVALID naming each bad field.
func (in *LineInput) check(ctx context.Context, tx bun.IDB, plan plans.ID) error {
	in.BudgetItem, in.Description = vn.NFC(in.BudgetItem), vn.NFC(in.Description)
	var p baove.Problems
	if !in.FundingSource.Valid() {
		p.AddKey("funding_source", "budget.line.funding_source", nil, in.FundingSource)
	}
	if in.Amount <= 0 || in.Amount >= MaxVND { // a line of nothing plans nothing: remove it instead
		p.AddKey("amount", "ledger.amount_positive", nil, in.Amount.String())
	}
	if in.BudgetItem != "" && !budgetItemRE.MatchString(in.BudgetItem) {
		p.AddKey("budget_item", "budget.line.budget_item", nil, in.BudgetItem)
	}
	if len([]rune(in.Description)) > MaxDescription {
		p.AddKey("description", "field.too_long", i18n.Args{"max": MaxDescription}, nil)
	}
	var area struct {
		Code        string
		Eligible    bool
		Eligibility string
		Year        int
	}
	err := tx.NewRaw(`SELECT ta.code, ta.eligible_for_central_funds AS eligible, ta.central_eligibility AS eligibility, p.year
		FROM activities AS a JOIN task_areas AS ta ON ta.code = a.task_area JOIN plans AS p ON p.id = a.plan_id
		WHERE a.id = ? AND a.plan_id = ?`, int64(in.ActivityID), int64(plan)).Scan(ctx, &area)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		p.AddKey("activity_id", "budget.line.activity_unknown", nil, in.ActivityID)
	case err != nil:
		return err
	case in.FundingSource == Central:
		eligible, err := plans.CentralEligibleIn(area.Eligibility, area.Eligible, area.Year)
		if err != nil {
			return err
		}
		if !eligible {
			p.AddKey("funding_source", "ledger.central_ineligible", i18n.Args{"area": area.Code, "year": area.Year}, in.FundingSource)
		}
	}
	return p.Err()
}

// AddLine adds a budget line to a plan version (the rules of plans.Store.Edit
// apply: the province's planner, an editable plan).
func (s *Store) AddLine(ctx context.Context, c access.Caller, plan plans.ID, in LineInput) (plans.Plan, Line, error) {
	var added LineRecord
	p, err := s.plans.Edit(ctx, c, plans.Adding(plan), func(ctx context.Context, tx bun.Tx, _ plans.Plan) (plans.Audit, error) {
		if err := in.check(ctx, tx, plan); err != nil {
			return plans.Audit{}, err
		}
		var last int
		if err := tx.NewSelect().Table("budget_lines").ColumnExpr("coalesce(max(position), 0)").
			Where("plan_id = ?", int64(plan)).Scan(ctx, &last); err != nil {
			return plans.Audit{}, err
		}
		added = LineRecord{PlanID: int64(plan), Lineage: newLineage(), Position: last + 1}
		added.set(in)
		if _, err := tx.NewInsert().Model(&added).Exec(ctx); err != nil {
			return plans.Audit{}, err
		}
		return plans.Audit{Action: "budget_line.create", Entity: "budget_line", EntityID: fmt.Sprint(added.ID), After: added.Line()}, nil
	})
	if err != nil {
		return p, Line{}, err
	}
	l, err := s.lineIn(ctx, s.db, LineID(added.ID))
	return p, l, err
}

func (r *LineRecord) set(in LineInput) {
	r.ActivityID, r.FundingSource, r.Amount = int64(in.ActivityID), in.FundingSource, int64(in.Amount)
	r.BudgetItem, r.Description = in.BudgetItem, in.Description
}

func (r LineRecord) input() LineInput {
	return LineInput{ActivityID: plans.ActivityID(r.ActivityID), FundingSource: r.FundingSource, Amount: VND(r.Amount),
		BudgetItem: r.BudgetItem, Description: r.Description}
}

// LineRef names a budget line of a plan version as its caller read it.
type LineRef struct {
	Plan plans.Ref
	Line LineID
}

// UpdateLine changes a budget line; patch receives the line as it is and
// makes it what it should be. Besides the rules of plans.Store.Edit, a line
// may not go below what was already disbursed from it (EINVALID).
func (s *Store) UpdateLine(ctx context.Context, c access.Caller, ref LineRef, patch func(*LineInput)) (plans.Plan, error) {
	plan, id := ref.Plan.ID, ref.Line
	return s.plans.Edit(ctx, c, plans.Match(ref.Plan), func(ctx context.Context, tx bun.Tx, p plans.Plan) (plans.Audit, error) {
		before, err := lineOf(ctx, tx, plan, id)
		if err != nil {
			return plans.Audit{}, err
		}
		in := before.input()
		patch(&in)
		if err := in.check(ctx, tx, plan); err != nil {
			return plans.Audit{}, err
		}
		paid, err := disbursedOn(ctx, tx, p, before.Lineage)
		if err != nil {
			return plans.Audit{}, err
		}
		if in.Amount < paid {
			return plans.Audit{}, baove.InvalidKey("amount", "budget.line.below_disbursed", i18n.Args{"paid": paid}, in.Amount.String())
		}
		after := before
		after.set(in)
		if _, err := tx.NewUpdate().Model(&after).WherePK().Exec(ctx); err != nil {
			return plans.Audit{}, err
		}
		return plans.Audit{Action: "budget_line.update", Entity: "budget_line", EntityID: fmt.Sprint(id), Before: before.Line(), After: after.Line()}, nil
	})
}

// DeleteLine removes a budget line (the rules of plans.Store.Edit apply). A
// line something was disbursed from cannot go (ECONFLICT).
func (s *Store) DeleteLine(ctx context.Context, c access.Caller, ref LineRef) (plans.Plan, error) {
	plan, id := ref.Plan.ID, ref.Line
	return s.plans.Edit(ctx, c, plans.Match(ref.Plan), func(ctx context.Context, tx bun.Tx, p plans.Plan) (plans.Audit, error) {
		before, err := lineOf(ctx, tx, plan, id)
		if err != nil {
			return plans.Audit{}, err
		}
		if paid, err := disbursedOn(ctx, tx, p, before.Lineage); err != nil {
			return plans.Audit{}, err
		} else if paid != 0 {
			return plans.Audit{}, baove.E(baove.ECONFLICT, "budget.line.disbursed_stays", i18n.Args{"paid": paid})
		}
		if _, err := tx.NewDelete().Model(&before).WherePK().Exec(ctx); err != nil {
			return plans.Audit{}, err
		}
		return plans.Audit{Action: "budget_line.delete", Entity: "budget_line", EntityID: fmt.Sprint(id), Before: before.Line()}, nil
	})
}

// disbursedOn sums the ledger of a line lineage in the plan's province-year.
func disbursedOn(ctx context.Context, db bun.IDB, p plans.Plan, lineage string) (VND, error) {
	var sum int64
	err := db.NewSelect().Table("ledger_totals").ColumnExpr("coalesce(sum(amount), 0)").
		Where("province_code = ? AND year = ? AND line_lineage = ?", string(p.Province), p.Year, lineage).Scan(ctx, &sum)
	return VND(sum), err
}

func lineOf(ctx context.Context, db bun.IDB, plan plans.ID, id LineID) (LineRecord, error) {
	var r LineRecord
	err := selectLines(db, &r).Where("l.id = ? AND l.plan_id = ?", int64(id), int64(plan)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return r, baove.E(baove.ENOTFOUND, "budget.line.not_in_plan", i18n.Args{"plan": int64(plan), "id": int64(id)})
	}
	return r, err
}

// selectLines selects lines with their activity's task area.
func selectLines(db bun.IDB, model any) *bun.SelectQuery {
	return db.NewSelect().Model(model).ColumnExpr("l.*, a.task_area, a.lineage AS activity_lineage").
		Join("JOIN activities AS a ON a.id = l.activity_id")
}

func newLineage() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
