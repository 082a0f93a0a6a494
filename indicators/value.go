package indicators

import (
	"time"

	"baove"
	"baove/i18n"
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
	// Estimate marks a figure given before its period ended.
	Estimate  bool      `json:"estimate,omitempty"`
	Note      string    `json:"note,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by"`
	// ReportedAt is when a final figure (not an estimate) was first
	// recorded: the reporting calendar judges a report late by it, whatever
	// corrections follow. Nil while there is only an estimate.
	ReportedAt *time.Time `json:"reported_at,omitempty"`
}

// Entry is what a planner reports: numerator and denominator for a percent
// or per-100,000 indicator (the figure is derived from them), the count for
// a count indicator. Absent numbers are nil.
type Entry struct {
	Numerator   *int64
	Denominator *int64
	Count       *int64
	Note        string // where the figure comes from, at most MaxNote characters
	// Estimate marks a figure of the period under way: only an estimate may
	// be given before its period ends.
	Estimate bool
}

// measure checks e against the indicator and returns its measure, or an
// EINVALID error listing every bad field. A computed indicator takes no
// entry at all.
func (e *Entry) measure(ind Indicator) (Measure, error) {
	e.Note = vn.NFC(e.Note)
	var p baove.Problems
	if ind.Computed {
		p.AddKey("indicator_code", "indicator_value.computed", nil, ind.Code)
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
		p.AddKey("value", "indicator_value.ratio_takes_fraction", nil, *e.Count)
	}
	checkFigure(p, "numerator", e.Numerator, 0)
	checkFigure(p, "denominator", e.Denominator, 1)
	if u == Percent && e.Numerator != nil && e.Denominator != nil && *e.Numerator > *e.Denominator {
		p.AddKey("numerator", "indicator_value.share_over_whole", nil, *e.Numerator)
	}
}

func (e *Entry) checkCount(p *baove.Problems) {
	if e.Numerator != nil || e.Denominator != nil {
		p.AddKey("value", "indicator_value.count_takes_value", nil, nil)
	}
	checkFigure(p, "value", e.Count, 0)
}

func checkFigure(p *baove.Problems, field string, v *int64, least int64) {
	switch {
	case v == nil:
		p.AddKey(field, "field.required", nil, nil)
	case *v < least || *v > MaxFigure:
		p.AddKey(field, "indicator_value.whole_number", i18n.Args{"min": least, "max": i18n.Count(MaxFigure)}, *v)
	}
}

// same reports whether v already holds what o holds, so that reporting it
// again changes nothing.
func (v Value) same(o Value) bool {
	return v.Measure == o.Measure && v.Note == o.Note && v.Estimate == o.Estimate
}

// checkPeriod returns EINVALID naming field unless values may be reported
// for p on today: a period that has ended, or the one under way when the
// figure is an estimate; never a period not yet begun.
func checkPeriod(field string, p Period, estimate bool, today baove.Date) error {
	args := i18n.Args{"period": p.String(), "start": p.Start(), "end": p.End()}
	switch {
	case today.Before(p.Start()):
		return baove.InvalidKey(field, "indicator_value.period_not_begun", args, p.String())
	case !today.After(p.End()) && !estimate:
		return baove.InvalidKey(field, "indicator_value.period_under_way", args, p.String())
	}
	return nil
}
