package web

import (
	"context"

	"github.com/shopspring/decimal"

	"baove/budget"
)

// financeHome is what waits for a finance officer on the home page: the
// year's rate against the even pace, and last year when it may be closed.
type financeHome struct {
	Year      int
	Disbursed budget.VND
	Planned   budget.VND
	Rate      decimal.NullDecimal
	// Behind is how far the year's disbursements are behind the even pace
	// (budget.ExpectedPace); 0 when not behind.
	Behind budget.VND
	// ToClose is last year when it has ended and is not closed; 0 otherwise.
	ToClose int
}

// financeHome returns the finance officer's entries of the home page.
func (s *Server) financeHome(ctx context.Context, v *viewer) (*financeHome, error) {
	today := s.svc.Clock.Today()
	sum, err := s.svc.Budget.Summary(ctx, v.Caller, v.Province, today.Year())
	if err != nil {
		return nil, err
	}
	h := &financeHome{Year: sum.Year, Disbursed: sum.Total.Disbursed, Planned: sum.Total.Planned,
		Rate: budget.Rate(sum.Total.Disbursed, sum.Total.Planned)}
	h.Behind = max(budget.ExpectedPace(sum.Total.Planned, sum.Year, today)-sum.Total.Disbursed, 0)
	last, err := s.svc.Budget.ClosePreview(ctx, v.Caller, v.Province, today.Year()-1)
	if err != nil {
		return nil, err
	}
	if last.Refusal == nil {
		h.ToClose = last.Year
	}
	return h, nil
}
