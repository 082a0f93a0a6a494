package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"

	"baove/access"
	"baove/indicators"
	"baove/units"
)

// vacancy is, by province and year, the percentage of communes with no
// worker, then of those with a part-time worker only: Điện Biên is short of
// staff (docs/domain.md §8), and 2026 is a little better than 2025.
var vacancy = map[units.ProvinceCode]map[int][2]uint32{
	"01": {2025: {4, 14}, 2026: {2, 12}},
	"11": {2025: {12, 30}, 2026: {8, 26}},
	"79": {2025: {5, 15}, 2026: {3, 12}},
}

// staffing returns a commune's demo staffing in year, drawn from a hash of
// its code so that every load gives the same: most communes have a
// full-time worker, some a part-time one only, a few none; collaborators
// serve 40–90 % of the villages. A commune vacant in 2026 was vacant in 2025.
func staffing(p units.ProvinceCode, code units.CommuneCode, year int) indicators.Staffing {
	h := fnv.New32a()
	h.Write([]byte(code))
	n := h.Sum32()
	roll, villages, share := n%100, 4+int(n/100%24), 40+int(n/2400%51)
	s := indicators.Staffing{Commune: code, FullTime: 1, PartTime: int(n / 122400 % 2), Villages: villages,
		VillagesWithCollaborator: villages * share / 100}
	s.Collaborators = s.VillagesWithCollaborator + int(n/244800%3)
	switch limits := vacancy[p][year]; {
	case roll < limits[0]:
		s.FullTime, s.PartTime, s.Note = 0, 0, "Chưa bố trí được người làm công tác bảo vệ trẻ em"
	case roll < limits[1]:
		s.FullTime, s.PartTime, s.Note = 0, 1, "Công chức văn hóa - xã hội kiêm nhiệm"
	}
	return s
}

// Unreported are the province-years whose staffing the demo leaves
// unreported, so that reports show it missing rather than zero: TP Hồ Chí
// Minh has not reported its communes for 2026.
var Unreported = map[units.ProvinceCode]int{"79": 2026}

// loadStaffing records the demo staffing of every commune of the planner's
// province in force in year that has none yet, unless the demo leaves the
// year unreported.
func loadStaffing(ctx context.Context, s *indicators.Store, planner access.Caller, year int, w io.Writer) error {
	if Unreported[planner.Province] == year {
		return nil
	}
	cov, err := s.Coverage(ctx, planner, planner.Province, year)
	if err != nil {
		return fmt.Errorf("demo: staffing of %s in %d: %w", planner.Province, year, err)
	}
	var items []indicators.Staffing
	for _, cs := range cov.Communes {
		if cs.Staffing == nil {
			items = append(items, staffing(planner.Province, cs.Commune.Code, year))
		}
	}
	if len(items) == 0 {
		return nil
	}
	if _, err := s.PutProvinceStaffing(ctx, planner, indicators.ProvinceStaffing{Province: planner.Province, Year: year, Items: items}); err != nil {
		return fmt.Errorf("demo: staffing of %s in %d: %w", planner.Province, year, err)
	}
	fmt.Fprintf(w, "demo: staffing %s %d: %d communes\n", planner.Province, year, len(items))
	return nil
}
