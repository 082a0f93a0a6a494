package budget

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"baove"
	"baove/access"
	"baove/i18n"
)

// Disbursement returns ledger entry id. A reviewer reads every province's,
// a planner or finance officer their own (another province's is
// ENOTFOUND), an administrator none (EFORBIDDEN).
func (s *Store) Disbursement(ctx context.Context, c access.Caller, id int64) (Disbursement, error) {
	return s.entry(ctx, s.db, c, id)
}

// Allocation returns allocation entry id, read as Disbursement reads a
// ledger entry: ENOTFOUND when there is none or it is another province's
// for a planner or finance officer, EFORBIDDEN for an administrator.
func (s *Store) Allocation(ctx context.Context, c access.Caller, id int64) (Allocation, error) {
	var a Allocation
	err := s.db.NewSelect().Model(&a).Where("al.id = ?", id).Scan(ctx)
	notFound := baove.E(baove.ENOTFOUND, "ledger.no_allocation", i18n.Args{"id": id})
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Allocation{}, notFound
	case err != nil:
		return Allocation{}, fmt.Errorf("budget: allocation %d: %w", id, err)
	case c.Role.Provincial() && c.Province != a.Province:
		return Allocation{}, notFound
	}
	if err := c.CanRead(a.Province); err != nil {
		return Allocation{}, err
	}
	return a, nil
}
