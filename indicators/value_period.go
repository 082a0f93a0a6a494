package indicators

import (
	"context"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/database"
	"baove/i18n"
	"baove/units"
)

// PeriodValues are the figures a province reports for many indicators of
// one period at once, e.g. from the page of a quarter.
type PeriodValues struct {
	Province units.ProvinceCode
	Period   Period
	// Estimate marks every figure as an estimate of the period under way.
	Estimate bool
	Items    []PeriodEntry
}

// PeriodEntry is one indicator's entry of PeriodValues.
type PeriodEntry struct {
	Indicator Code
	Entry
}

// PutPeriodValues records pv: every entry or, when any is bad, none, each
// as PutValue would (the same again changes nothing). Only a planner of
// the province may. It returns EINVALID for a period that may not be
// reported yet (field "period"), no entry ("items"), or bad entries, naming
// each field by its indicator, e.g. "items[CP_ABUSE_CASES].value";
// ENOTFOUND for an unknown province.
func (s *Store) PutPeriodValues(ctx context.Context, c access.Caller, pv PeriodValues) error {
	if err := c.CanAct(pv.Province, access.Planner); err != nil {
		return err
	}
	if err := baove.CheckYear("period", pv.Period.Year); err != nil {
		return err
	}
	if err := checkPeriod("period", pv.Period, pv.Estimate, s.clock.Today()); err != nil {
		return err
	}
	values, err := s.periodValues(ctx, c, pv)
	if err != nil {
		return err
	}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for i := range values {
			if err := s.putValue(ctx, tx, c, &values[i]); err != nil {
				return err
			}
		}
		return nil
	})
	switch {
	case database.IsUniqueViolation(err):
		return baove.E(baove.ECONFLICT, "indicator_value.concurrent_period", i18n.Args{"period": pv.Period})
	case database.IsForeignKeyViolation(err):
		return baove.E(baove.ENOTFOUND, "unit.province.not_found", i18n.Args{"code": string(pv.Province)})
	case err != nil:
		return fmt.Errorf("indicators: put values %s/%s: %w", pv.Province, pv.Period, err)
	}
	return nil
}

// periodValues checks every entry of pv against the catalogue and returns
// the values they make, or one EINVALID error naming every bad field.
func (s *Store) periodValues(ctx context.Context, c access.Caller, pv PeriodValues) ([]Value, error) {
	cat, err := s.Catalogue(ctx)
	if err != nil {
		return nil, err
	}
	byCode := make(map[Code]Indicator, len(cat))
	for _, ind := range cat {
		byCode[ind.Code] = ind
	}
	var p baove.Problems
	if len(pv.Items) == 0 {
		p.AddKey("items", "indicator_value.no_items", nil, nil)
	}
	seen := map[Code]bool{}
	out := make([]Value, 0, len(pv.Items))
	for _, it := range pv.Items {
		at := fmt.Sprintf("items[%s].", it.Indicator)
		ind, known := byCode[it.Indicator]
		switch {
		case seen[it.Indicator]:
			p.AddKey(at+"indicator_code", "indicator_value.listed_twice", nil, it.Indicator)
			continue
		case !known:
			p.AddKey(at+"indicator_code", "indicator_value.not_in_catalogue", nil, it.Indicator)
			continue
		}
		seen[it.Indicator] = true
		e := it.Entry
		e.Estimate = pv.Estimate
		m, err := e.measure(ind)
		if prefixProblems(&p, at, err) {
			continue
		}
		out = append(out, Value{Province: pv.Province, Indicator: ind.Code, Period: pv.Period, Measure: m,
			Estimate: pv.Estimate, Note: e.Note, UpdatedAt: s.clock.Now(), UpdatedBy: c.Username})
	}
	return out, p.Err()
}

// prefixProblems adds the field problems of err, an EINVALID error or nil,
// to p with their fields prefixed by at; it reports whether there were any.
func prefixProblems(p *baove.Problems, at string, err error) bool {
	var e *baove.Error
	if !errors.As(err, &e) {
		return false
	}
	for _, f := range e.Fields {
		f.Field = at + f.Field
		*p = append(*p, f)
	}
	return true
}
