package units

import "fmt"

// Diff is what importing a list changes in the units held: the one
// comparison behind both Preview, which shows it, and Import, which carries
// it out.
type Diff struct {
	Provinces, Communes UnitDiff
	// SuccessionsAdded and SuccessionsRemoved are the successions the list
	// adds and those held that it no longer has.
	SuccessionsAdded, SuccessionsRemoved []Succession
}

// UnitDiff is what an import changes among provinces, or among communes.
type UnitDiff struct {
	// Added are the units of the list not held yet, in the list's order.
	Added []ListEntry
	// Changed are the units held whose name, kind or province the list
	// changes, or that it reopens, in the list's order.
	Changed []UnitChange
	// Closed are the units in force the list no longer has, as held, by
	// code: they are closed the day before the list comes into force.
	Closed []ListEntry
}

// UnitChange is a unit held that a list changes.
type UnitChange struct {
	Was, Now ListEntry
	// Reopened says the unit was closed and the list has it again.
	Reopened bool
}

// Renamed reports whether the list gives the unit another name.
func (c UnitChange) Renamed() bool { return c.Was.Name != c.Now.Name }

// Rekinded reports whether the list gives the unit another kind.
func (c UnitChange) Rekinded() bool { return c.Was.Kind != c.Now.Kind }

// Moved reports whether the list puts the commune in another province.
func (c UnitChange) Moved() bool { return c.Was.ProvinceCode != c.Now.ProvinceCode }

// Result counts what d changes.
func (d Diff) Result() ImportResult {
	return ImportResult{
		ProvincesAdded: len(d.Provinces.Added), ProvincesUpdated: len(d.Provinces.Changed), ProvincesClosed: len(d.Provinces.Closed),
		CommunesAdded: len(d.Communes.Added), CommunesUpdated: len(d.Communes.Changed), CommunesClosed: len(d.Communes.Closed),
		SuccessionsAdded: len(d.SuccessionsAdded), SuccessionsRemoved: len(d.SuccessionsRemoved),
	}
}

// Changed reports whether the import changes anything.
func (d Diff) Changed() bool { return d.Result().Changed() }

// ImportResult counts what an import changed.
type ImportResult struct {
	ProvincesAdded     int `json:"provinces_added"`
	ProvincesUpdated   int `json:"provinces_updated"`
	ProvincesClosed    int `json:"provinces_closed"`
	CommunesAdded      int `json:"communes_added"`
	CommunesUpdated    int `json:"communes_updated"`
	CommunesClosed     int `json:"communes_closed"`
	SuccessionsAdded   int `json:"successions_added"`
	SuccessionsRemoved int `json:"successions_removed"`
}

// Changed reports whether the import changed anything.
func (r ImportResult) Changed() bool {
	return r != ImportResult{}
}

// String summarises the result in one line.
func (r ImportResult) String() string {
	return fmt.Sprintf("provinces +%d ~%d closed %d; communes +%d ~%d closed %d; successions +%d -%d",
		r.ProvincesAdded, r.ProvincesUpdated, r.ProvincesClosed,
		r.CommunesAdded, r.CommunesUpdated, r.CommunesClosed, r.SuccessionsAdded, r.SuccessionsRemoved)
}

// heldUnit is a province or commune as the database holds it.
type heldUnit struct {
	ListEntry
	Closed bool // it has an end date
}

// diffUnits compares the units held with those a list wants, by code: a
// unit wanted and not held is added; one held differently (name, kind,
// province) or closed is changed; one in force and not wanted is closed.
func diffUnits(held []heldUnit, want []ListEntry) UnitDiff {
	byCode := make(map[string]heldUnit, len(held))
	for _, h := range held {
		byCode[h.Code] = h
	}
	var d UnitDiff
	for _, w := range want {
		h, ok := byCode[w.Code]
		delete(byCode, w.Code)
		switch {
		case !ok:
			d.Added = append(d.Added, w)
		case h.ListEntry != w || h.Closed:
			d.Changed = append(d.Changed, UnitChange{Was: h.ListEntry, Now: w, Reopened: h.Closed})
		}
	}
	for _, h := range held {
		if _, gone := byCode[h.Code]; gone && !h.Closed {
			d.Closed = append(d.Closed, h.ListEntry)
		}
	}
	return d
}

// diffSuccessions compares the successions held with those a list wants,
// as multisets: each wanted one not held is added, each held one not wanted
// is removed.
func diffSuccessions(held, want []Succession) (added, removed []Succession) {
	count := make(map[Succession]int, len(held))
	for _, h := range held {
		count[h]++
	}
	for _, w := range want {
		if count[w] > 0 {
			count[w]--
			continue
		}
		added = append(added, w)
	}
	for _, h := range held {
		if count[h] > 0 {
			count[h]--
			removed = append(removed, h)
		}
	}
	return added, removed
}
