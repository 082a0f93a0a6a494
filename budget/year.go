package budget

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/database"
	"baove/units"
)

// budgetYear is the lock row of a province-year's money; its JSON is what
// the audit trail records of a close.
type budgetYear struct {
	bun.BaseModel `bun:"table:budget_years,alias:y"`

	ProvinceCode   string     `bun:",pk" json:"province_code"`
	Year           int        `bun:",pk" json:"year"`
	ClosedAt       time.Time  `bun:",nullzero" json:"closed_at,omitzero"`
	ClosedBy       string     `json:"closed_by,omitempty"`
	UnspentCentral int64      `json:"unspent_at_close"`
	Disposition    string     `json:"unspent_disposition,omitempty"`
	ReturnDeadline baove.Date `bun:",nullzero" json:"return_deadline,omitzero"`
}

// lockYear locks a province-year's money for the transaction, creating its
// row on first use. Every write to allocations and the ledger takes it
// first, so that limits hold under concurrency on PostgreSQL; on SQLite,
// write transactions already take turns.
func (s *Store) lockYear(ctx context.Context, tx bun.Tx, p units.ProvinceCode, year int) (budgetYear, error) {
	if _, err := tx.NewRaw("INSERT INTO budget_years (province_code, year) VALUES (?, ?) ON CONFLICT (province_code, year) DO NOTHING",
		string(p), year).Exec(ctx); err != nil {
		if database.IsForeignKeyViolation(err) {
			return budgetYear{}, baove.Invalid("province_code", "no province with this code", p)
		}
		return budgetYear{}, err
	}
	var y budgetYear
	err := s.db.ForUpdate(tx.NewSelect().Model(&y).Where("province_code = ? AND year = ?", string(p), year)).Scan(ctx)
	return y, err
}

// open returns ECONFLICT when the year is closed.
func (y budgetYear) open() error {
	if !y.ClosedAt.IsZero() {
		return baove.Errorf(baove.ECONFLICT, "the budget year %d of province %s is closed", y.Year, y.ProvinceCode)
	}
	return nil
}

// central sums a province-year's central money.
type central struct {
	allocated VND // allocations, corrections and carried-in funds
	disbursed VND // net central disbursements
}

func centralTotals(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int) (central, error) {
	var t central
	var a, d int64
	if err := db.NewSelect().Table("allocations").ColumnExpr("coalesce(sum(amount), 0)").
		Where("province_code = ? AND year = ?", string(p), year).Scan(ctx, &a); err != nil {
		return t, err
	}
	if err := db.NewSelect().Table("ledger_totals").ColumnExpr("coalesce(sum(amount), 0)").
		Where("province_code = ? AND year = ? AND funding_source = ?", string(p), year, string(Central)).Scan(ctx, &d); err != nil {
		return t, err
	}
	return central{allocated: VND(a), disbursed: VND(d)}, nil
}

// translate maps database errors of budget writes to application errors.
func translate(err error, what string) error {
	var appErr *baove.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &appErr):
		return err
	case database.IsForeignKeyViolation(err):
		return baove.Errorf(baove.EINVALID, "a referenced record does not exist")
	}
	return fmt.Errorf("budget: %s: %w", what, err)
}
