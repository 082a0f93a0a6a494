package budget

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/i18n"
	"baove/notify"
	"baove/units"
)

// AllocationKind says what an allocation entry is.
type AllocationKind string

// Allocation kinds.
const (
	Allocated  AllocationKind = "allocation" // a ministry decision
	Correction AllocationKind = "correction" // a correction of an earlier entry, with a reason
	CarriedIn  AllocationKind = "carry_in"   // unspent central funds carried over from the year before
)

// Allocation is an entry of the central allocation ledger of a
// province-year, as stored (the table allocations) and as answered.
type Allocation struct {
	bun.BaseModel `bun:"table:allocations,alias:al" json:"-"`

	ID         int64              `bun:",pk,autoincrement" json:"id"`
	Province   units.ProvinceCode `bun:"province_code" json:"province_code"`
	Year       int                `json:"year"`
	Kind       AllocationKind     `json:"kind"`
	Amount     VND                `json:"amount"`
	DecisionNo string             `json:"decision_no,omitempty"`
	DecidedOn  baove.Date         `json:"decided_on"`
	Reason     string             `json:"reason,omitempty"`
	CreatedAt  time.Time          `json:"created_at"`
	ActorID    int64              `bun:",nullzero" json:"-"`
	Actor      string             `json:"actor"`
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

// Allocate records a central allocation or correction. Only a reviewer may
// (the ministry decides them). Entries are never edited: a correction is a
// new entry. Under the province-year's lock it checks the controls
// (Books.Allocate): EINVALID for bad fields, a decision dated in the future
// or outside the year before to the end of the adjustment period; ECONFLICT
// for a closed year or a correction that would take the year's allocations
// below what was already disbursed from central funds, saying by how much.
//
// With a non-empty idempotency key, a retry with the same request returns
// the first entry and records nothing (replayed is true); the same key with
// another request is EINVALID.
func (s *Store) Allocate(ctx context.Context, c access.Caller, n NewAllocation, key string) (a Allocation, replayed bool, err error) {
	if err := c.Require(access.Reviewer); err != nil {
		return a, false, err
	}
	n.normalize()
	k := idempotency{user: c.UserID, key: key, hash: hashOf(fmt.Sprintf("allocate\x00%s\x00%d\x00%d\x00%s\x00%s\x00%s",
		n.Province, n.Year, n.Amount, n.DecisionNo, n.DecidedOn, n.Reason))}
	a, replayed, err = s.allocate(ctx, c, n, k)
	if errors.Is(err, errKeyTaken) {
		a, replayed, err = s.allocate(ctx, c, n, k)
	}
	return a, replayed, translate(err, "allocate")
}

func (s *Store) allocate(ctx context.Context, c access.Caller, n NewAllocation, k idempotency) (a Allocation, replayed bool, err error) {
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		books, err := s.loadYears(ctx, tx, n.Province, n.Year)
		if err != nil {
			return err
		}
		first, err := k.read(ctx, tx)
		if err != nil {
			return err
		}
		if replayed, err = k.replay(first, &a); replayed || err != nil {
			return err
		}
		r, problems := books.Allocate(n)
		if len(problems) > 0 {
			return errorOf(problems)
		}
		r.CreatedAt, r.ActorID, r.Actor = s.clock.Now(), c.UserID, c.Username
		if err := s.insertAllocation(ctx, tx, c, &r); err != nil {
			return err
		}
		a = r
		return k.store(ctx, tx, r.CreatedAt, a)
	})
	return a, replayed, err
}

func (s *Store) insertAllocation(ctx context.Context, tx bun.Tx, c access.Caller, r *Allocation) error {
	if _, err := tx.NewInsert().Model(r).Exec(ctx); err != nil {
		return err
	}
	if err := audit.Record(ctx, tx, audit.Change{At: r.CreatedAt, Actor: c.Actor(), Action: "allocation." + string(r.Kind),
		Entity: "allocation", EntityID: fmt.Sprint(r.ID), ProvinceCode: string(r.Province), AfterState: r}); err != nil {
		return err
	}
	return notify.Record(ctx, tx, notify.Event{Kind: notify.AllocationRecorded, Province: r.Province, Actor: c.UserID,
		Args: i18n.Args{"year": r.Year, "amount": r.Amount, "decided_on": r.DecidedOn}, At: r.CreatedAt})
}

// loadYears locks the years of province p and reads their books: whether
// they are closed and their central money (what was paid by lineage is not
// read: allocations and the close need only the central sums).
func (s *Store) loadYears(ctx context.Context, tx bun.IDB, p units.ProvinceCode, years ...int) (*Books, error) {
	locked, err := lockYears(ctx, tx, p, years)
	if err != nil {
		return nil, err
	}
	b := &Books{Province: p, Today: s.clock.Today(), Years: map[int]*Ledger{}}
	for year, y := range locked {
		b.Years[year] = NewLedger(year)
		b.Years[year].Closed = y.closed()
	}
	var sums []struct {
		Year      int
		Allocated int64
		Paid      int64
	}
	if err := tx.NewRaw(`SELECT y.year,
		(SELECT coalesce(sum(al.amount), 0) FROM allocations AS al WHERE al.province_code = y.province_code AND al.year = y.year) AS allocated,
		(SELECT coalesce(sum(t.amount), 0) FROM ledger_totals AS t WHERE t.province_code = y.province_code AND t.year = y.year
			AND t.funding_source = 'central') AS paid
		FROM budget_years AS y WHERE y.province_code = ? AND y.year IN (?)`, string(p), bun.In(years)).Scan(ctx, &sums); err != nil {
		return nil, err
	}
	for _, r := range sums {
		b.Years[r.Year].Central = CentralMoney{Allocated: VND(r.Allocated), Disbursed: VND(r.Paid)}
	}
	return b, nil
}

// Allocations lists a province-year's allocation entries, oldest first. A
// reviewer reads every province; a planner, approver or finance officer their own.
func (s *Store) Allocations(ctx context.Context, c access.Caller, p units.ProvinceCode, year int) ([]Allocation, error) {
	if err := c.CanRead(p); err != nil {
		return nil, err
	}
	var rows []Allocation
	q := s.db.NewSelect().Model(&rows).Where("province_code = ?", string(p)).Order("year", "id")
	if year != 0 {
		q = q.Where("year = ?", year)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("budget: allocations of %s: %w", p, err)
	}
	return rows, nil
}
