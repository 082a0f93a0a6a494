package indicators

import (
	"context"
	"fmt"

	"baove"
	"baove/access"
	"baove/units"
)

// PrefilledCommune is a commune in force in a year with the figures a
// prefilled staffing template starts from: the year's own record when
// there is one (so that a file made from it changes nothing by itself),
// else last year's; nil when neither was recorded.
type PrefilledCommune struct {
	Commune  units.Commune
	Staffing *Staffing
	// From is the year Staffing was recorded for; 0 with none.
	From int
}

// PrefilledStaffing returns the communes of province p in force in year, in
// Vietnamese order, each with the figures a staffing template for the
// year starts from (see PrefilledCommune). A reviewer reads every
// province, a planner or finance officer their own (EFORBIDDEN otherwise);
// an unknown province is ENOTFOUND.
func (s *Store) PrefilledStaffing(ctx context.Context, c access.Caller, p units.ProvinceCode,
	year int) ([]PrefilledCommune, error) {
	if err := c.CanRead(p); err != nil {
		return nil, err
	}
	if err := baove.CheckYear("year", year); err != nil {
		return nil, err
	}
	communes, err := s.units.CommunesValidIn(ctx, p, year)
	if err != nil {
		return nil, err
	}
	records := map[int]map[units.CommuneCode]Staffing{}
	for _, y := range []int{year, year - 1} {
		rows, err := s.staffing(ctx, p, y)
		if err != nil {
			return nil, fmt.Errorf("indicators: staffing of %s in %d: %w", p, y, err)
		}
		records[y] = make(map[units.CommuneCode]Staffing, len(rows))
		for _, r := range rows {
			records[y][r.Commune] = r
		}
	}
	out := make([]PrefilledCommune, len(communes))
	for i, u := range communes {
		out[i].Commune = u
		for _, y := range []int{year, year - 1} {
			if r, ok := records[y][u.Code]; ok && out[i].Staffing == nil {
				out[i].Staffing, out[i].From = &r, y
			}
		}
	}
	return out, nil
}
