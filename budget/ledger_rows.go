package budget

import (
	"context"
	"fmt"

	"baove/access"
	"baove/units"
)

// EachLedgerEntry calls fn with each entry of a province-year's ledger,
// oldest first, reading one row at a time, so that a ledger of any length
// is walked in bounded memory (a workbook of the year's ledger). A
// reviewer reads every province; a planner, approver or finance officer their own.
// It returns the database's error or fn's first, and stops there.
func (s *Store) EachLedgerEntry(ctx context.Context, c access.Caller, p units.ProvinceCode, year int, fn func(Disbursement) error) error {
	if err := c.CanRead(p); err != nil {
		return err
	}
	rows, err := selectEntries(s.db, (*Disbursement)(nil)).Where("d.province_code = ? AND d.year = ?", string(p), year).Order("d.id").Rows(ctx)
	if err != nil {
		return fmt.Errorf("budget: ledger of %s/%d: %w", p, year, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r Disbursement
		if err := s.db.ScanRow(ctx, rows, &r); err != nil {
			return fmt.Errorf("budget: ledger of %s/%d: %w", p, year, err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("budget: ledger of %s/%d: %w", p, year, err)
	}
	return nil
}
