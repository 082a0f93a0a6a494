package budget

import (
	"context"
	"fmt"

	"baove"
	"baove/access"
	"baove/plans"
	"baove/units"
)

// PlanLine is a line of the plan in force with its activity's title and
// what was disbursed from it, as the prefilled import template lists it.
type PlanLine struct {
	Line
	Activity string
}

// planLineRow is a line read with its activity's title.
type planLineRow struct {
	paidLineRow `bun:",extend"`
	Activity    string `bun:",scanonly"`
}

// LinesInForce returns the lines of province p's plan in force in year
// (the approved version; a revision being drafted does not count), in the
// plan's order, each with its activity and what was disbursed from it
// across the plan's versions; none when no version is approved. Year 0 is
// this year. A reviewer reads every province, a planner or finance officer
// their own (EFORBIDDEN otherwise); an unknown province is ENOTFOUND.
func (s *Store) LinesInForce(ctx context.Context, c access.Caller, p units.ProvinceCode, year int) ([]PlanLine, int, error) {
	if err := c.CanRead(p); err != nil {
		return nil, year, err
	}
	if year == 0 {
		year = s.clock.Today().Year()
	}
	if err := baove.CheckYear("year", year); err != nil {
		return nil, year, err
	}
	var rows []planLineRow
	err := withDisbursed(selectLines(s.db, &rows), p, year).ColumnExpr("a.title AS activity").Join("JOIN plans AS p ON p.id = l.plan_id").
		Where("p.province_code = ? AND p.year = ? AND p.status = ?", string(p), year, string(plans.Approved)).
		Order("l.position", "l.id").Scan(ctx)
	if err != nil {
		return nil, year, fmt.Errorf("budget: lines in force of %s/%d: %w", p, year, err)
	}
	out := make([]PlanLine, len(rows))
	for i, r := range rows {
		out[i] = PlanLine{Line: r.Line(), Activity: r.Activity}
		out[i].Disbursed = VND(r.Disbursed)
	}
	if len(out) == 0 {
		return out, year, provinceExists(ctx, s.db, p)
	}
	return out, year, nil
}
