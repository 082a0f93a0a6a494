package assessment

import (
	"strings"

	"baove/i18n"
	"baove/indicators"
	"baove/units"
)

// periodicData: directive 3.3 asks for periodic data on abused children:
// every value the reporting calendar asks of the year, by its due date. A
// value missing past its due date fails the check, one reported late
// warns; the evidence names them, with the days. Values not due yet are
// not judged.
func periodicData(f Facts) (CheckStatus, Evidence) {
	var due int
	var late, missing reportList
	for _, r := range f.Reports {
		switch r.State {
		case indicators.NotDue:
			continue
		case indicators.Late:
			late = append(late, r)
		case indicators.Missing:
			missing = append(missing, r)
		}
		due++
	}
	if due == 0 {
		return NotApplicable, say("nothing_due", i18n.Args{"year": year(f.Year)})
	}
	args := i18n.Args{"due": due, "late": len(late), "missing": len(missing)}
	ev := Evidence{}
	if len(missing) > 0 {
		ev = ev.also("reports_missing", i18n.Args{"due": due, "missing": len(missing), "items": missing})
	}
	if len(late) > 0 {
		ev = ev.also("reports_late", i18n.Args{"late": len(late), "items": late})
	}
	if len(ev.Sentences) == 0 {
		ev = say("reports_on_time", args)
	}
	ev.Items = append(missing.items(), late.items()...)
	ev = ev.with("reports_due", due).with("reports_late", len(late)).with("reports_missing", len(missing))
	switch {
	case len(missing) > 0:
		return Fail, ev
	case len(late) > 0:
		return Warn, ev
	}
	return Pass, ev
}

// reportList is values due, as a message lists them: each with its
// period and the days late.
type reportList []indicators.Report

// Localize implements i18n.Localizer.
func (l reportList) Localize(lang i18n.Lang) string {
	parts := make([]string, len(l))
	for i, r := range l {
		parts[i] = i18n.Text(lang, "assessment.report_item."+string(r.State),
			i18n.Args{"indicator": string(r.Indicator), "period": r.Period, "due": r.DueOn, "days": r.DaysLate})
	}
	return strings.Join(parts, "; ")
}

func (l reportList) items() []Item {
	out := make([]Item, len(l))
	for i, r := range l {
		out[i] = Item{Code: string(r.Indicator) + "/" + r.Period.String(), State: r.State, DaysLate: r.DaysLate}
	}
	return out
}

// Completeness is how the provinces stand for one period of the reporting
// calendar: each province counts once, by the worst of what it owes for
// the period (indicators.Worst).
type Completeness struct {
	Period                        indicators.Period
	OnTime, Late, Missing, NotDue int
	Provinces                     int
}

// quarterCompleteness is Completeness for each quarter of year, when the
// calendar has a quarterly indicator.
func quarterCompleteness(cal indicators.Calendar, provinces []units.Province, year int) []Completeness {
	var out []Completeness
	for q := 1; q <= 4; q++ {
		p := indicators.Period{Year: year, Quarter: q}
		if c, ok := completeness(cal, provinces, p); ok {
			out = append(out, c)
		}
	}
	return out
}

// completeness counts the provinces by their state for period p; it
// reports false when the calendar asks nothing for p.
func completeness(cal indicators.Calendar, provinces []units.Province, p indicators.Period) (Completeness, bool) {
	c := Completeness{Period: p, Provinces: len(provinces)}
	for _, prov := range provinces {
		reports := cal.Due(prov.Code, p)
		if len(reports) == 0 {
			return c, false
		}
		c.count(stateOf(reports))
	}
	return c, true
}

// stateOf is a province's state for what it owes: the worst of its
// reports, not due when it owes nothing.
func stateOf(reports []indicators.Report) indicators.ReportState {
	if len(reports) == 0 {
		return indicators.NotDue
	}
	state := indicators.OnTime
	for _, r := range reports {
		state = indicators.Worst(state, r.State)
	}
	return state
}
