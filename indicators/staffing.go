package indicators

import (
	"time"

	"baove"
	"baove/i18n"
	"baove/units"
	"baove/vn"
)

// MaxStaff bounds each number of a commune's staffing. The API's schema
// states the same bound from this constant.
const MaxStaff = 10_000

// MaxNote is the longest note of a staffing record or an indicator value,
// in characters: where the figures come from.
const MaxNote = 500

func checkNote(p *baove.Problems, field, note string) {
	if len([]rune(note)) > MaxNote {
		p.AddKey(field, "field.too_long", i18n.Args{"max": i18n.Count(MaxNote)}, nil)
	}
}

// Staffing is who does child-protection work in a commune in a year
// (directive 2.2; Law on Children art. 90).
type Staffing struct {
	Commune                  units.CommuneCode `json:"commune_code"`
	Year                     int               `json:"year"`
	FullTime                 int               `json:"full_time"`
	PartTime                 int               `json:"part_time"`
	Collaborators            int               `json:"collaborators"` // village collaborators
	Villages                 int               `json:"villages"`      // villages and residential groups (thôn, tổ dân phố)
	VillagesWithCollaborator int               `json:"villages_with_collaborator"`
	Note                     string            `json:"note,omitempty"`
	UpdatedAt                time.Time         `json:"updated_at"`
	UpdatedBy                string            `json:"updated_by"`
}

// Covered reports whether the commune has a child-protection worker: at
// least one full-time or part-time person.
func (s Staffing) Covered() bool { return s.FullTime+s.PartTime > 0 }

// check normalises the note and adds a problem for each bad field, named
// with the prefix at (e.g. "items[3].").
func (s *Staffing) check(p *baove.Problems, at string) {
	s.Note = vn.NFC(s.Note)
	for _, f := range []struct {
		name string
		n    int
	}{{"full_time", s.FullTime}, {"part_time", s.PartTime}, {"collaborators", s.Collaborators},
		{"villages", s.Villages}, {"villages_with_collaborator", s.VillagesWithCollaborator}} {
		if f.n < 0 || f.n > MaxStaff {
			p.AddKey(at+f.name, "staffing.whole_number", i18n.Args{"max": i18n.Count(MaxStaff)}, f.n)
		}
	}
	switch {
	case s.VillagesWithCollaborator > s.Villages:
		p.AddKey(at+"villages_with_collaborator", "staffing.at_most_villages", i18n.Args{"villages": i18n.Count(s.Villages)},
			s.VillagesWithCollaborator)
	case s.VillagesWithCollaborator > 0 && s.Collaborators == 0:
		p.AddKey(at+"villages_with_collaborator", "staffing.collaborator_needed", nil, s.VillagesWithCollaborator)
	}
	checkNote(p, at+"note", s.Note)
}

// same reports whether s and o record the same staffing.
func (s Staffing) same(o Staffing) bool {
	return s.FullTime == o.FullTime && s.PartTime == o.PartTime && s.Collaborators == o.Collaborators &&
		s.Villages == o.Villages && s.VillagesWithCollaborator == o.VillagesWithCollaborator && s.Note == o.Note
}

// validIn reports whether c is in force at any time in year.
func validIn(c units.Commune, year int) bool {
	return !c.ValidFrom.After(baove.NewDate(year, 12, 31)) &&
		(c.ValidTo.IsZero() || !c.ValidTo.Before(baove.NewDate(year, 1, 1)))
}

// CommuneStaffing is a commune with its staffing in a year; Staffing is nil
// when none was recorded.
type CommuneStaffing struct {
	Commune  units.Commune
	Staffing *Staffing
}

// Covered reports whether the commune has a worker; one without a record has
// none.
func (c CommuneStaffing) Covered() bool { return c.Staffing != nil && c.Staffing.Covered() }

// Coverage is the staffing of a province's communes in a year. Only
// communes in force in that year count; one without a record counts as
// uncovered.
type Coverage struct {
	Province units.ProvinceCode
	Year     int
	// Communes are the communes in force in the year, in Vietnamese order.
	Communes []CommuneStaffing
	// Total counts them; Recorded those with a record; Covered those with a
	// worker.
	Total, Recorded, Covered int
	// Villages and VillagesWithCollaborator add up the recorded communes.
	Villages, VillagesWithCollaborator int
}

// NewCoverage puts the rows of the year beside the communes in force in
// it; rows of other communes are ignored.
func NewCoverage(province units.ProvinceCode, year int, communes []units.Commune, rows []Staffing) Coverage {
	byCode := make(map[units.CommuneCode]*Staffing, len(rows))
	for i := range rows {
		byCode[rows[i].Commune] = &rows[i]
	}
	c := Coverage{Province: province, Year: year}
	for _, u := range communes {
		cs := CommuneStaffing{Commune: u, Staffing: byCode[u.Code]}
		c.add(cs)
	}
	return c
}

func (c *Coverage) add(cs CommuneStaffing) {
	c.Communes = append(c.Communes, cs)
	c.Total++
	if cs.Staffing == nil {
		return
	}
	c.Recorded++
	if cs.Covered() {
		c.Covered++
	}
	c.Villages += cs.Staffing.Villages
	c.VillagesWithCollaborator += cs.Staffing.VillagesWithCollaborator
}

// Uncovered returns the communes without a worker, in Vietnamese order.
func (c Coverage) Uncovered() []units.Commune {
	var out []units.Commune
	for _, cs := range c.Communes {
		if !cs.Covered() {
			out = append(out, cs.Commune)
		}
	}
	return out
}

// Workers returns CP_COMMUNE_WORKER: communes covered of communes in force.
func (c Coverage) Workers() Measure {
	return Measure{Unit: Percent, Numerator: int64(c.Covered), Denominator: int64(c.Total)}
}

// Collaborators returns CP_COLLAB_VILLAGE: villages with a collaborator of
// the villages of the recorded communes.
func (c Coverage) Collaborators() Measure {
	return Measure{Unit: Percent, Numerator: int64(c.VillagesWithCollaborator), Denominator: int64(c.Villages)}
}
