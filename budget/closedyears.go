package budget

import (
	"context"

	"github.com/uptrace/bun"

	"baove/indicators"
	"baove/units"
)

// ClosedYears is the indicators.YearCloser of this package: a closed budget
// year keeps the figures reported for it.
type ClosedYears struct{}

var _ indicators.YearCloser = ClosedYears{}

// Closed implements indicators.YearCloser: whether the province-year was
// closed (carry-over or return of unspent central funds).
func (ClosedYears) Closed(ctx context.Context, db bun.IDB, province units.ProvinceCode, year int) (bool, error) {
	n, err := db.NewSelect().Table("budget_years").Where("province_code = ? AND year = ? AND closed_at IS NOT NULL", string(province), year).Count(ctx)
	return n > 0, err
}
