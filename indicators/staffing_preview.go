package indicators

import (
	"context"
	"fmt"
	"slices"
	"time"

	"baove"
	"baove/access"
	"baove/units"
)

// CommuneChange is what recording a commune's staffing changes: its record
// before (nil when it had none) and after.
type CommuneChange struct {
	Commune units.CommuneCode
	Name    string // the commune's name, where the caller knows it
	Before  *Staffing
	After   Staffing
}

// StaffingImport says what a staffing file changed or, in a dry run, would
// change: the communes whose records change, in code order; how many it
// lists as they are recorded already; how many of its rows it skipped (a
// commune of the prefilled template left without figures).
type StaffingImport struct {
	Changes   []CommuneChange
	Unchanged int
	Skipped   int
}

// stamp is who records staffing, and when.
type stamp struct {
	at time.Time
	by string
}

// diffStaffing compares items with the records old of their communes. An
// item that differs from its record, or has none, is a change, stamped
// with st, and becomes it; an item equal to its record becomes the record
// and counts as unchanged. Changes come in commune-code order, the order
// in which every request writes them, so that two requests over the same
// communes wait for each other instead of deadlocking.
func diffStaffing(old []Staffing, items []Staffing, st stamp) ([]CommuneChange, int) {
	byCode := make(map[units.CommuneCode]Staffing, len(old))
	for _, o := range old {
		byCode[o.Commune] = o
	}
	var changes []CommuneChange
	unchanged := 0
	for _, i := range communeOrder(items) {
		prev, had := byCode[items[i].Commune]
		items[i].UpdatedAt, items[i].UpdatedBy = st.at, st.by
		if had && prev.same(items[i]) {
			items[i] = prev
			unchanged++
			continue
		}
		ch := CommuneChange{Commune: items[i].Commune, After: items[i]}
		if had {
			ch.Before = &prev
		}
		changes = append(changes, ch)
	}
	return changes, unchanged
}

// recordProvince checks ps as PutProvinceStaffing does and records it, or,
// in a dry run, reads what recording it would change and writes nothing.
// The changes name their communes.
func (s *Store) recordProvince(ctx context.Context, c access.Caller, ps ProvinceStaffing, dryRun bool) (StaffingImport, error) {
	if err := c.CanAct(ps.Province, access.Planner); err != nil {
		return StaffingImport{}, err
	}
	if err := baove.CheckYear("year", ps.Year); err != nil {
		return StaffingImport{}, err
	}
	communes, err := s.units.CommunesValidIn(ctx, ps.Province, ps.Year)
	if err != nil {
		return StaffingImport{}, err
	}
	if err := checkItems(ps, communes); err != nil {
		return StaffingImport{}, err
	}
	var d StaffingImport
	if dryRun {
		old, err := s.staffing(ctx, ps.Province, ps.Year)
		if err != nil {
			return d, fmt.Errorf("indicators: staffing of %s in %d: %w", ps.Province, ps.Year, err)
		}
		d.Changes, d.Unchanged = diffStaffing(old, slices.Clone(ps.Items), stamp{at: s.clock.Now(), by: c.Username})
	} else if d.Changes, d.Unchanged, err = s.writeStaffing(ctx, c, ps); err != nil {
		return d, err
	}
	names := make(map[units.CommuneCode]string, len(communes))
	for _, u := range communes {
		names[u.Code] = u.Name
	}
	for i := range d.Changes {
		d.Changes[i].Name = names[d.Changes[i].Commune]
	}
	return d, nil
}
