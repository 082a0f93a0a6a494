package budget

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/units"
)

// EntryKind says what a ledger entry is.
type EntryKind string

// Ledger entry kinds.
const (
	Payment  EntryKind = "payment"  // a disbursement (giải ngân)
	Reversal EntryKind = "reversal" // cancels a payment; the payment stays
)

// Disbursement is an entry of the ledger, as stored (the table
// disbursements) and as answered.
type Disbursement struct {
	bun.BaseModel `bun:"table:disbursements,alias:d" json:"-"`

	ID            int64              `bun:",pk,autoincrement" json:"id"`
	Province      units.ProvinceCode `bun:"province_code" json:"province_code"`
	Year          int                `json:"year"`
	LineID        LineID             `bun:"budget_line_id" json:"budget_line_id"`
	Lineage       string             `bun:"line_lineage" json:"line_lineage"`
	FundingSource FundingSource      `json:"funding_source"`
	TaskArea      string             `json:"task_area"`
	Kind          EntryKind          `json:"kind"`
	Amount        VND                `json:"amount"` // negative for a reversal
	ReversesID    int64              `bun:",nullzero" json:"reverses_id,omitempty"`
	ReversedByID  int64              `bun:",scanonly" json:"reversed_by_id,omitempty"`
	PaidOn        baove.Date         `json:"paid_on"`
	VoucherNo     string             `bun:",nullzero" json:"voucher_no,omitempty"`
	VoucherKey    string             `bun:",nullzero" json:"-"` // vn.Key(VoucherNo): unique in a province-year
	Description   string             `json:"description,omitempty"`
	SearchText    string             `json:"-"` // what a search of the ledger looks in: SearchText(voucher, description)
	CreatedAt     time.Time          `json:"created_at"`
	ActorID       int64              `bun:",nullzero" json:"-"`
	Actor         string             `json:"actor"`
}

// NewDisbursement is a payment a finance officer records against a line.
type NewDisbursement struct {
	Line        LineID
	Amount      VND
	PaidOn      baove.Date
	VoucherNo   string
	Description string
}

// Disburse records a payment from a budget line. Only the province's
// finance officer may; a line of another province is ENOTFOUND. In one
// transaction, under the lock of the line's province-year, it checks the
// ledger's controls (Books.Pay): the year is open, the line belongs to the
// approved plan in force, the line's disbursements stay within its amount,
// the year's central disbursements within its central allocations, a
// voucher number is used once a province-year (ECONFLICT, saying by how
// much), and the fields are well formed (EINVALID naming them).
//
// With a non-empty idempotency key, a retry with the same request returns
// the first result and records nothing (replayed is true); the same key
// with another request is EINVALID, whatever the timing.
func (s *Store) Disburse(ctx context.Context, c access.Caller, n NewDisbursement, key string) (d Disbursement, replayed bool, err error) {
	if err := c.Require(access.Finance); err != nil {
		return d, false, err
	}
	n.normalize()
	k := idempotency{user: c.UserID, key: key, hash: requestHash(n)}
	d, replayed, err = s.disburse(ctx, c, n, k)
	if errors.Is(err, errKeyTaken) { // a request with the same key committed meanwhile: answer as it did
		d, replayed, err = s.disburse(ctx, c, n, k)
	}
	return d, replayed, translate(err, "disburse")
}

func (s *Store) disburse(ctx context.Context, c access.Caller, n NewDisbursement, k idempotency) (d Disbursement, replayed bool, err error) {
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		y, err := lockLineYear(ctx, tx, n.Line)
		if err != nil {
			return err
		}
		if units.ProvinceCode(y.ProvinceCode) != c.Province {
			return lineNotFound(n.Line)
		}
		books, first, err := loadPayment(ctx, tx, paymentQuery{year: y, today: s.clock.Today(), payment: n, key: k})
		if err != nil {
			return err
		}
		if replayed, err = k.replay(first, &d); replayed || err != nil {
			return err
		}
		e, problems := books.Pay(n)
		if len(problems) > 0 {
			return errorOf(problems)
		}
		if d, err = s.record(ctx, tx, c, e); err != nil {
			return err
		}
		return k.store(ctx, tx, s.clock.Now(), d)
	})
	return d, replayed, err
}

// record writes one ledger entry, its audit entry (disbursement.create for
// a payment, disbursement.reverse for a reversal) and its share of the
// running totals.
func (s *Store) record(ctx context.Context, tx bun.IDB, c access.Caller, e Disbursement) (Disbursement, error) {
	entries, err := s.write(ctx, tx, c, []Disbursement{e})
	if err != nil {
		return e, err
	}
	e, action := entries[0], "disbursement.create"
	if e.Kind == Reversal {
		action = "disbursement.reverse"
	}
	return e, audit.Record(ctx, tx, audit.Change{At: e.CreatedAt, Actor: c.Actor(), Action: action, Entity: "disbursement",
		EntityID: fmt.Sprint(e.ID), ProvinceCode: string(e.Province), AfterState: e})
}

// write writes ledger entries and adds them to the running totals, in a
// constant number of statements per batch of 500 entries, and returns them
// with their ids. The entries come first: the totals must equal the
// ledger. The caller audits them.
func (s *Store) write(ctx context.Context, tx bun.IDB, c access.Caller, entries []Disbursement) ([]Disbursement, error) {
	now := s.clock.Now()
	for i := range entries {
		entries[i].CreatedAt, entries[i].ActorID, entries[i].Actor = now, c.UserID, c.Username
	}
	for chunk := range slices.Chunk(entries, 500) {
		if _, err := tx.NewInsert().Model(&chunk).Returning("id").Exec(ctx); err != nil {
			return nil, err
		}
	}
	return entries, addToTotals(ctx, tx, entries)
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
	var rows []Disbursement
	if err := selectEntries(s.db, &rows).Where("d.province_code = ? AND d.year = ? AND d.line_lineage = ?",
		string(p.Province), p.Year, l.Lineage).Order("d.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("budget: ledger of line %d: %w", id, err)
	}
	return rows, nil
}

// Ledger returns a province-year's whole ledger, oldest first. A reviewer
// reads every province; a planner, approver or finance officer their own.
func (s *Store) Ledger(ctx context.Context, c access.Caller, p units.ProvinceCode, year int) ([]Disbursement, error) {
	if err := c.CanRead(p); err != nil {
		return nil, err
	}
	var rows []Disbursement
	if err := selectEntries(s.db, &rows).Where("d.province_code = ? AND d.year = ?", string(p), year).Order("d.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("budget: ledger of %s/%d: %w", p, year, err)
	}
	return rows, nil
}
