package indicators

import (
	"fmt"
	"time"

	"baove"
	"baove/units"
	"baove/vn"
)

// MaxFigure bounds every count, numerator and denominator a province
// reports: far above any real figure, far below where sums could overflow.
const MaxFigure = 1_000_000_000_000

// Value is a figure a province reported for an indicator and a period.
type Value struct {
	Province  units.ProvinceCode `json:"province_code"`
	Indicator Code               `json:"indicator_code"`
	Period    Period             `json:"period"`
	Measure
	Note      string    `json:"note,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by"`
}

// Entry is what a planner reports: numerator and denominator for a percent
// or per-100,000 indicator (the figure is derived from them), the count for
// a count indicator. Absent numbers are nil.
type Entry struct {
	Numerator   *int64
	Denominator *int64
	Count       *int64
	Note        string // where the figure comes from, at most MaxNote characters
}

// measure checks e against the indicator and returns its measure, or an
// EINVALID error listing every bad field. A computed indicator takes no
// entry at all.
func (e *Entry) measure(ind Indicator) (Measure, error) {
	e.Note = vn.NFC(e.Note)
	var p baove.Problems
	if ind.Computed {
		p.Add("indicator_code", "computed from commune staffing, never typed in: record staffing instead", ind.Code)
		return Measure{}, p.Err()
	}
	checkNote(&p, "note", e.Note)
	if ind.Unit.Ratio() {
		e.checkRatio(&p, ind.Unit)
	} else {
		e.checkCount(&p)
	}
	if err := p.Err(); err != nil {
		return Measure{}, err
	}
	if ind.Unit.Ratio() {
		return Measure{Unit: ind.Unit, Numerator: *e.Numerator, Denominator: *e.Denominator}, nil
	}
	return Measure{Unit: ind.Unit, Count: *e.Count}, nil
}

func (e *Entry) checkRatio(p *baove.Problems, u Unit) {
	if e.Count != nil {
		p.Add("value", "a "+string(u)+" indicator takes numerator and denominator, not value", *e.Count)
	}
	checkFigure(p, "numerator", e.Numerator, 0)
	checkFigure(p, "denominator", e.Denominator, 1)
	if u == Percent && e.Numerator != nil && e.Denominator != nil && *e.Numerator > *e.Denominator {
		p.Add("numerator", "a share cannot exceed its whole: at most the denominator", *e.Numerator)
	}
}

func (e *Entry) checkCount(p *baove.Problems) {
	if e.Numerator != nil || e.Denominator != nil {
		p.Add("value", "a count indicator takes value, not numerator and denominator", nil)
	}
	checkFigure(p, "value", e.Count, 0)
}

func checkFigure(p *baove.Problems, field string, v *int64, least int64) {
	switch {
	case v == nil:
		p.Add(field, "required", nil)
	case *v < least || *v > MaxFigure:
		p.Add(field, fmt.Sprintf("a whole number from %d to %d", least, int64(MaxFigure)), *v)
	}
}

// same reports whether v already holds m and note, so that reporting it
// again changes nothing.
func (v Value) same(m Measure, note string) bool {
	return v.Measure == m && v.Note == note
}
