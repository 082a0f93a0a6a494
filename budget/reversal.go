package budget

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/units"
	"baove/vn"
)

// Reverse cancels a payment with a reversal entry of the opposite amount; the
// payment stays in the ledger. Only the province's finance officer may; the
// reason is required (EINVALID). A payment is reversed once, a reversal not
// at all, and a closed year not at all (ECONFLICT).
func (s *Store) Reverse(ctx context.Context, c access.Caller, id int64, reason string) (Disbursement, error) {
	orig, err := s.entry(ctx, c, id)
	if err != nil {
		return Disbursement{}, err
	}
	if err := c.CanAct(orig.Province, access.Finance); err != nil {
		return Disbursement{}, err
	}
	if reason = vn.NFC(reason); reason == "" {
		return Disbursement{}, baove.Invalid("reason", "say why the payment is reversed", nil)
	}
	var rev entryRow
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		y, err := s.lockYear(ctx, tx, orig.Province, orig.Year)
		if err != nil {
			return err
		}
		if err := y.open(); err != nil {
			return err
		}
		if rev, err = s.reversal(ctx, tx, c, id, reason); err != nil {
			return err
		}
		return audit.Record(ctx, tx, rev.CreatedAt, c.Actor(), "disbursement.reverse", "disbursement", fmt.Sprint(id),
			rev.ProvinceCode, orig, rev.disbursement())
	})
	return rev.disbursement(), translate(err, "reverse")
}

// reversal writes the reversal of payment id, read afresh under the lock.
func (s *Store) reversal(ctx context.Context, tx bun.Tx, c access.Caller, id int64, reason string) (entryRow, error) {
	var orig entryRow
	if err := selectEntries(tx, &orig).Where("d.id = ?", id).Scan(ctx); err != nil {
		return orig, err
	}
	switch {
	case orig.Kind != Payment:
		return orig, baove.Errorf(baove.ECONFLICT, "entry %d is a reversal; reversals are not reversed", id)
	case orig.ReversedByID != 0:
		return orig, baove.Errorf(baove.ECONFLICT, "payment %d is already reversed by entry %d", id, orig.ReversedByID)
	}
	now := s.clock.Now()
	rev := entryRow{ProvinceCode: orig.ProvinceCode, Year: orig.Year, BudgetLineID: orig.BudgetLineID, LineLineage: orig.LineLineage,
		FundingSource: orig.FundingSource, TaskArea: orig.TaskArea, Kind: Reversal, Amount: -orig.Amount, ReversesID: id,
		PaidOn: baove.DateOf(now), Description: reason, CreatedAt: now, ActorID: c.UserID, Actor: c.Username}
	if _, err := tx.NewInsert().Model(&rev).Exec(ctx); err != nil {
		return rev, err
	}
	return rev, addToTotals(ctx, tx, []entryRow{rev})
}

// entry returns ledger entry id if the caller may read its province.
func (s *Store) entry(ctx context.Context, c access.Caller, id int64) (Disbursement, error) {
	var r entryRow
	err := selectEntries(s.db, &r).Where("d.id = ?", id).Scan(ctx)
	notFound := baove.Errorf(baove.ENOTFOUND, "no disbursement with id %d", id)
	if errors.Is(err, sql.ErrNoRows) {
		return Disbursement{}, notFound
	} else if err != nil {
		return Disbursement{}, fmt.Errorf("budget: disbursement %d: %w", id, err)
	}
	if c.Role.Provincial() && string(c.Province) != r.ProvinceCode {
		return Disbursement{}, notFound
	}
	return r.disbursement(), c.CanRead(units.ProvinceCode(r.ProvinceCode))
}
