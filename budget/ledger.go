package budget

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/plans"
	"baove/units"
	"baove/vn"
)

// EntryKind says what a ledger entry is.
type EntryKind string

// Ledger entry kinds.
const (
	Payment  EntryKind = "payment"  // a disbursement (giải ngân)
	Reversal EntryKind = "reversal" // cancels a payment; the payment stays
)

// Disbursement is an entry of the ledger.
type Disbursement struct {
	ID            int64              `json:"id"`
	Province      units.ProvinceCode `json:"province_code"`
	Year          int                `json:"year"`
	LineID        LineID             `json:"budget_line_id"`
	Lineage       string             `json:"line_lineage"`
	FundingSource FundingSource      `json:"funding_source"`
	TaskArea      string             `json:"task_area"`
	Kind          EntryKind          `json:"kind"`
	Amount        VND                `json:"amount"` // negative for a reversal
	ReversesID    int64              `json:"reverses_id,omitempty"`
	ReversedByID  int64              `json:"reversed_by_id,omitempty"`
	PaidOn        baove.Date         `json:"paid_on"`
	VoucherNo     string             `json:"voucher_no,omitempty"`
	Description   string             `json:"description,omitempty"`
	CreatedAt     time.Time          `json:"created_at"`
	Actor         string             `json:"actor"`
}

type entryRow struct {
	bun.BaseModel `bun:"table:disbursements,alias:d"`

	ID            int64 `bun:",pk,autoincrement"`
	ProvinceCode  string
	Year          int
	BudgetLineID  int64
	LineLineage   string
	FundingSource FundingSource
	TaskArea      string
	Kind          EntryKind
	Amount        int64
	ReversesID    int64 `bun:",nullzero"`
	PaidOn        baove.Date
	VoucherNo     string `bun:",nullzero"`
	Description   string
	CreatedAt     time.Time
	ActorID       int64 `bun:",nullzero"`
	Actor         string
	ReversedByID  int64 `bun:",scanonly"`
}

func (r entryRow) disbursement() Disbursement {
	return Disbursement{ID: r.ID, Province: units.ProvinceCode(r.ProvinceCode), Year: r.Year, LineID: LineID(r.BudgetLineID),
		Lineage: r.LineLineage, FundingSource: r.FundingSource, TaskArea: r.TaskArea, Kind: r.Kind, Amount: VND(r.Amount),
		ReversesID: r.ReversesID, ReversedByID: r.ReversedByID, PaidOn: r.PaidOn, VoucherNo: r.VoucherNo,
		Description: r.Description, CreatedAt: r.CreatedAt, Actor: r.Actor}
}

// NewDisbursement is a payment a finance officer records against a line.
type NewDisbursement struct {
	Amount      VND
	PaidOn      baove.Date
	VoucherNo   string
	Description string
}

// check returns every problem with n for a line of a plan for year: the
// amount is positive, the payment date falls in the year or its adjustment
// period (to 31 January of the next year), and the voucher is named.
func (n *NewDisbursement) check(year int) error {
	n.VoucherNo, n.Description = vn.NFC(n.VoucherNo), vn.NFC(n.Description)
	var p baove.Problems
	if n.Amount <= 0 || n.Amount >= MaxVND {
		p.Add("amount", "more than 0 and less than 10^15 đồng", n.Amount.String())
	}
	first, last := baove.NewDate(year, 1, 1), baove.NewDate(year+1, 1, 31)
	if n.PaidOn.IsZero() || n.PaidOn.Before(first) || n.PaidOn.After(last) {
		p.Add("paid_on", fmt.Sprintf("must fall in %d or its adjustment period (to %s)", year, last), n.PaidOn.String())
	}
	if l := len([]rune(n.VoucherNo)); l == 0 || l > 64 {
		p.Add("voucher_no", "the payment voucher's number, 1 to 64 characters", n.VoucherNo)
	}
	if len([]rune(n.Description)) > MaxDescription {
		p.Add("description", fmt.Sprintf("at most %d characters", MaxDescription), nil)
	}
	return p.Err()
}

// Disburse records a payment from a budget line. Only the province's
// finance officer may; a line of another province is ENOTFOUND. In one
// transaction with the write it enforces, on both engines and under
// concurrency: the year is open, the line belongs to the approved plan in
// force, the line's disbursements stay within its amount, and the year's
// central disbursements within its central allocations (ECONFLICT, saying
// by how much); a voucher number is used once a province-year (ECONFLICT).
//
// With a non-empty idempotency key, a retry with the same request returns
// the first result and records nothing (replayed is true); the same key
// with another request is EINVALID.
func (s *Store) Disburse(ctx context.Context, c access.Caller, id LineID, n NewDisbursement, key string) (d Disbursement, replayed bool, err error) {
	line, p, err := s.ledgerLine(ctx, c, id)
	if err != nil {
		return d, false, err
	}
	if err := n.check(p.Year); err != nil {
		return d, false, err
	}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		y, err := s.lockYear(ctx, tx, p.Province, p.Year)
		if err != nil {
			return err
		}
		if err := y.open(); err != nil {
			return err
		}
		k := idempotency{user: c.UserID, key: key, hash: requestHash(id, n)}
		if replayed, err = k.replay(ctx, tx, &d); replayed || err != nil {
			return err
		}
		if d, err = s.pay(ctx, tx, c, line, n); err != nil {
			return err
		}
		return k.store(ctx, tx, s.clock.Now(), d)
	})
	return d, replayed, translate(err, "disburse")
}

// ledgerLine returns a line the caller may record payments against.
func (s *Store) ledgerLine(ctx context.Context, c access.Caller, id LineID) (Line, plans.Plan, error) {
	l, err := s.lineIn(ctx, s.db, id)
	if err != nil {
		return l, plans.Plan{}, err
	}
	p, err := s.plans.Plan(ctx, access.Caller{Role: access.Reviewer}, l.PlanID)
	if err != nil {
		return l, p, err
	}
	if c.Role.Provincial() && c.Province != p.Province {
		return l, p, lineNotFound(id)
	}
	return l, p, c.CanAct(p.Province, access.Finance)
}

// pay checks the controls and writes the payment.
func (s *Store) pay(ctx context.Context, tx bun.Tx, c access.Caller, line Line, n NewDisbursement) (Disbursement, error) {
	var status plans.Status
	var province string
	var year int
	if err := tx.NewSelect().Table("plans").Column("status", "province_code", "year").Where("id = ?", int64(line.PlanID)).
		Scan(ctx, &status, &province, &year); err != nil {
		return Disbursement{}, err
	}
	if status != plans.Approved {
		return Disbursement{}, baove.Errorf(baove.ECONFLICT, "only lines of the approved plan in force accept disbursements; this line's plan version is %s", status)
	}
	if err := s.withinLimits(ctx, tx, units.ProvinceCode(province), year, line, n.Amount); err != nil {
		return Disbursement{}, err
	}
	if err := voucherFree(ctx, tx, province, year, n.VoucherNo); err != nil {
		return Disbursement{}, err
	}
	r := entryRow{ProvinceCode: province, Year: year, BudgetLineID: int64(line.ID), LineLineage: line.Lineage,
		FundingSource: line.FundingSource, TaskArea: line.TaskArea, Kind: Payment, Amount: int64(n.Amount), PaidOn: n.PaidOn,
		VoucherNo: n.VoucherNo, Description: n.Description, CreatedAt: s.clock.Now(), ActorID: c.UserID, Actor: c.Username}
	if _, err := tx.NewInsert().Model(&r).Exec(ctx); err != nil {
		return Disbursement{}, err
	}
	if err := addToTotals(ctx, tx, []entryRow{r}); err != nil {
		return Disbursement{}, err
	}
	return r.disbursement(), audit.Record(ctx, tx, r.CreatedAt, c.Actor(), "disbursement.create", "disbursement",
		fmt.Sprint(r.ID), province, nil, r.disbursement())
}

// withinLimits refuses an amount that would take the line over its amount or
// the year's central disbursements over its central allocations.
func (s *Store) withinLimits(ctx context.Context, tx bun.Tx, p units.ProvinceCode, year int, line Line, amount VND) error {
	var paid int64
	if err := tx.NewSelect().Table("ledger_totals").ColumnExpr("coalesce(sum(amount), 0)").
		Where("province_code = ? AND year = ? AND line_lineage = ?", string(p), year, line.Lineage).Scan(ctx, &paid); err != nil {
		return err
	}
	if over := VND(paid) + amount - line.Amount; over > 0 {
		return baove.Errorf(baove.ECONFLICT, "the payment would exceed the line by %s đồng (line %s, already disbursed %s)",
			vn.Int(int64(over)), vn.Int(int64(line.Amount)), vn.Int(paid))
	}
	if line.FundingSource != Central {
		return nil
	}
	t, err := centralTotals(ctx, tx, p, year)
	if err != nil {
		return err
	}
	if over := t.disbursed + amount - t.allocated; over > 0 {
		return baove.Errorf(baove.ECONFLICT, "the payment would exceed the central allocations of %d by %s đồng (allocated %s, already disbursed %s)",
			year, vn.Int(int64(over)), vn.Int(int64(t.allocated)), vn.Int(int64(t.disbursed)))
	}
	return nil
}

func voucherFree(ctx context.Context, tx bun.Tx, province string, year int, voucher string) error {
	n, err := tx.NewSelect().Table("disbursements").Where("province_code = ? AND year = ? AND voucher_no = ?", province, year, voucher).Count(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return baove.Errorf(baove.ECONFLICT, "voucher %s is already recorded for %d", voucher, year)
	}
	return nil
}

func selectEntries(db bun.IDB, model any) *bun.SelectQuery {
	return db.NewSelect().Model(model).ColumnExpr("d.*, coalesce(r.id, 0) AS reversed_by_id").
		Join("LEFT JOIN disbursements AS r ON r.reverses_id = d.id")
}

// Disbursements returns the ledger of a budget line, across the plan's
// versions, oldest first. The caller must be able to read the plan.
func (s *Store) Disbursements(ctx context.Context, c access.Caller, id LineID) ([]Disbursement, error) {
	l, p, err := s.Line(ctx, c, id)
	if err != nil {
		return nil, err
	}
	var rows []entryRow
	if err := selectEntries(s.db, &rows).Where("d.province_code = ? AND d.year = ? AND d.line_lineage = ?",
		string(p.Province), p.Year, l.Lineage).Order("d.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("budget: ledger of line %d: %w", id, err)
	}
	out := make([]Disbursement, len(rows))
	for i, r := range rows {
		out[i] = r.disbursement()
	}
	return out, nil
}

// Ledger returns a province-year's whole ledger, oldest first. A reviewer
// reads every province; a planner or finance officer their own.
func (s *Store) Ledger(ctx context.Context, c access.Caller, p units.ProvinceCode, year int) ([]Disbursement, error) {
	if err := c.CanRead(p); err != nil {
		return nil, err
	}
	var rows []entryRow
	if err := selectEntries(s.db, &rows).Where("d.province_code = ? AND d.year = ?", string(p), year).Order("d.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("budget: ledger of %s/%d: %w", p, year, err)
	}
	out := make([]Disbursement, len(rows))
	for i, r := range rows {
		out[i] = r.disbursement()
	}
	return out, nil
}
