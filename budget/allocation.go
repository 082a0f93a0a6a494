package budget

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/units"
	"baove/vn"
)

// AllocationKind says what an allocation entry is.
type AllocationKind string

// Allocation kinds.
const (
	Allocated  AllocationKind = "allocation" // a ministry decision
	Correction AllocationKind = "correction" // a correction of an earlier entry, with a reason
	CarriedIn  AllocationKind = "carry_in"   // unspent central funds carried over from the year before
)

// Allocation is an entry of the central allocation ledger of a province-year.
type Allocation struct {
	ID         int64              `json:"id"`
	Province   units.ProvinceCode `json:"province_code"`
	Year       int                `json:"year"`
	Kind       AllocationKind     `json:"kind"`
	Amount     VND                `json:"amount"`
	DecisionNo string             `json:"decision_no,omitempty"`
	DecidedOn  baove.Date         `json:"decided_on"`
	Reason     string             `json:"reason,omitempty"`
	CreatedAt  time.Time          `json:"created_at"`
	Actor      string             `json:"actor"`
}

type allocationRow struct {
	bun.BaseModel `bun:"table:allocations,alias:al"`

	ID           int64 `bun:",pk,autoincrement"`
	ProvinceCode string
	Year         int
	Kind         AllocationKind
	Amount       int64
	DecisionNo   string
	DecidedOn    baove.Date
	Reason       string
	CreatedAt    time.Time
	ActorID      int64 `bun:",nullzero"`
	Actor        string
}

func (r allocationRow) allocation() Allocation {
	return Allocation{ID: r.ID, Province: units.ProvinceCode(r.ProvinceCode), Year: r.Year, Kind: r.Kind, Amount: VND(r.Amount),
		DecisionNo: r.DecisionNo, DecidedOn: r.DecidedOn, Reason: r.Reason, CreatedAt: r.CreatedAt, Actor: r.Actor}
}

// NewAllocation is a ministry decision allocating central support to a
// province for a year, or, with a negative amount and a reason, a correction.
type NewAllocation struct {
	Province   units.ProvinceCode
	Year       int
	Amount     VND
	DecisionNo string
	DecidedOn  baove.Date
	Reason     string
}

func (n *NewAllocation) check() error {
	n.DecisionNo, n.Reason = vn.NFC(n.DecisionNo), vn.NFC(n.Reason)
	var p baove.Problems
	p.AddYear("year", n.Year)
	switch {
	case n.Amount == 0:
		p.Add("amount", "must not be zero", n.Amount.String())
	case n.Amount < 0 && strings.TrimSpace(n.Reason) == "":
		p.Add("reason", "a correction (negative amount) needs a reason", nil)
	case n.Amount > 0 && n.DecisionNo == "":
		p.Add("decision_no", "the number of the allocation decision, e.g. 1234/QĐ-BYT", nil)
	}
	if n.DecidedOn.IsZero() {
		p.Add("decided_on", "required", nil)
	}
	return p.Err()
}

// Allocate records a central allocation or correction. Only a reviewer may
// (the ministry decides them). Entries are never edited: a correction is a
// new entry. It returns EINVALID for bad fields, ECONFLICT for a closed year
// or a correction that would take the year's allocations below what was
// already disbursed from central funds.
func (s *Store) Allocate(ctx context.Context, c access.Caller, n NewAllocation) (Allocation, error) {
	if err := c.Require(access.Reviewer); err != nil {
		return Allocation{}, err
	}
	if err := n.check(); err != nil {
		return Allocation{}, err
	}
	kind := Allocated
	if n.Amount < 0 {
		kind = Correction
	}
	var r allocationRow
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		y, err := s.lockYear(ctx, tx, n.Province, n.Year)
		if err != nil {
			return err
		}
		if err := y.open(); err != nil {
			return err
		}
		if n.Amount < 0 {
			if err := s.keepsCentralCovered(ctx, tx, n.Province, n.Year, n.Amount); err != nil {
				return err
			}
		}
		r = allocationRow{ProvinceCode: string(n.Province), Year: n.Year, Kind: kind, Amount: int64(n.Amount), DecisionNo: n.DecisionNo,
			DecidedOn: n.DecidedOn, Reason: n.Reason, CreatedAt: s.clock.Now(), ActorID: c.UserID, Actor: c.Username}
		return s.insertAllocation(ctx, tx, c, &r)
	})
	return r.allocation(), translate(err, "allocate")
}

func (s *Store) insertAllocation(ctx context.Context, tx bun.Tx, c access.Caller, r *allocationRow) error {
	if _, err := tx.NewInsert().Model(r).Exec(ctx); err != nil {
		return err
	}
	return audit.Record(ctx, tx, r.CreatedAt, c.Actor(), "allocation."+string(r.Kind), "allocation", fmt.Sprint(r.ID),
		r.ProvinceCode, nil, r.allocation())
}

// keepsCentralCovered refuses a change of delta to the year's allocations
// that would leave central disbursements above them.
func (s *Store) keepsCentralCovered(ctx context.Context, tx bun.IDB, p units.ProvinceCode, year int, delta VND) error {
	t, err := centralTotals(ctx, tx, p, year)
	if err != nil {
		return err
	}
	if t.allocated+delta < t.disbursed {
		return baove.Errorf(baove.ECONFLICT, "the correction would leave %s đồng of central disbursements above the allocations of %s đồng",
			vn.Int(int64(t.disbursed)), vn.Int(int64(t.allocated+delta)))
	}
	return nil
}

// Allocations lists a province-year's allocation entries, oldest first. A
// reviewer reads every province; a planner or finance officer their own.
func (s *Store) Allocations(ctx context.Context, c access.Caller, p units.ProvinceCode, year int) ([]Allocation, error) {
	if err := c.CanRead(p); err != nil {
		return nil, err
	}
	var rows []allocationRow
	q := s.db.NewSelect().Model(&rows).Where("province_code = ?", string(p)).Order("year", "id")
	if year != 0 {
		q = q.Where("year = ?", year)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("budget: allocations of %s: %w", p, err)
	}
	out := make([]Allocation, len(rows))
	for i, r := range rows {
		out[i] = r.allocation()
	}
	return out, nil
}
