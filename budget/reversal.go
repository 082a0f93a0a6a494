package budget

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/i18n"
)

// NewReversal is the reversal of a payment: which, on which day (today,
// in the service's zone, when zero) and why.
type NewReversal struct {
	Payment int64
	On      baove.Date
	Reason  string
}

// Reverse cancels a payment with a reversal entry of the opposite amount,
// dated r.On (today, in the service's zone, when zero); the payment stays in
// the ledger. Only the province's finance officer may; another province's
// entry is ENOTFOUND. Under the lock of the payment's year it checks the
// controls (Books.Reverse): a reason (EINVALID), a date not before the
// payment, not after today, within its year or adjustment period
// (EINVALID); a payment is reversed once, a reversal not at all, a closed
// year not at all (ECONFLICT).
func (s *Store) Reverse(ctx context.Context, c access.Caller, r NewReversal) (Disbursement, error) {
	id := r.Payment
	if err := c.Require(access.Finance); err != nil {
		return Disbursement{}, err
	}
	orig, err := s.entry(ctx, s.db, c, id)
	if err != nil {
		return Disbursement{}, err
	}
	var rev Disbursement
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		y, err := lockYear(ctx, tx, orig.Province, orig.Year)
		if err != nil {
			return err
		}
		if orig, err = s.entry(ctx, tx, c, id); err != nil { // read afresh under the lock
			return err
		}
		books := &Books{Province: orig.Province, Today: s.clock.Today(), Years: map[int]*Ledger{y.Year: NewLedger(y.Year)}}
		books.Years[y.Year].Closed = y.closed()
		e, problems := books.Reverse(orig, r.On, r.Reason)
		if len(problems) > 0 {
			return errorOf(problems)
		}
		rev, err = s.record(ctx, tx, c, e)
		return err
	})
	return rev, translate(err, "reverse")
}

// entry returns ledger entry id, read within db, if the caller may read its
// province (ENOTFOUND for another province's provincial user).
func (s *Store) entry(ctx context.Context, db bun.IDB, c access.Caller, id int64) (Disbursement, error) {
	var r Disbursement
	err := selectEntries(db, &r).Where("d.id = ?", id).Scan(ctx)
	notFound := baove.E(baove.ENOTFOUND, "ledger.no_disbursement", i18n.Args{"id": id})
	if errors.Is(err, sql.ErrNoRows) {
		return Disbursement{}, notFound
	} else if err != nil {
		return Disbursement{}, fmt.Errorf("budget: disbursement %d: %w", id, err)
	}
	if c.Role.Provincial() && c.Province != r.Province {
		return Disbursement{}, notFound
	}
	return r, c.CanRead(r.Province)
}

// Entry returns ledger entry id. A reviewer reads every province's
// entries, a provincial user their own; another province's entry, or none,
// is ENOTFOUND.
func (s *Store) Entry(ctx context.Context, c access.Caller, id int64) (Disbursement, error) {
	return s.entry(ctx, s.db, c, id)
}
