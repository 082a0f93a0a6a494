package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"baove"
	"baove/i18n"
	"baove/indicators"
)

// periodKeys name the periods of a year that values are reported for: the
// whole year (quarter 0) and its quarters, as ?period= writes them.
var periodKeys = []struct{ Param, Key string }{
	{"year", "web.values.period.year"},
	{"Q1", "web.values.period.q1"},
	{"Q2", "web.values.period.q2"},
	{"Q3", "web.values.period.q3"},
	{"Q4", "web.values.period.q4"},
}

// valuesField is one control of an indicator's entry: its name in the
// domain (numerator, denominator, value, note) and its label.
type valuesField struct {
	Field, Key string
}

// valuesEntry is one indicator on the page of a period: what stands
// reported (or what was typed), and its controls.
type valuesEntry struct {
	Indicator indicators.Indicator
	Name      string
	Fields    []valuesField
	Values    map[string]string
	Errors    map[string]string // the messages of its controls, by field
	Reported  string            // the figure reported, in words; "" when none
}

// id returns the id (and name) of the control of field: v-CP_ABUSE_CASES-value
// for the domain's items[CP_ABUSE_CASES].value (see controlOf).
func (e valuesEntry) id(field string) string {
	return "v-" + string(e.Indicator.Code) + "-" + field
}

// label returns the label of the control of field in the reader's words.
func (e valuesEntry) label(ctx context.Context, field string) string {
	for _, f := range e.Fields {
		if f.Field == field {
			return T(ctx, f.Key)
		}
	}
	return field
}

// valuesView is what the page of a period shows.
type valuesView struct {
	Scope    scope
	Quarter  int
	Period   indicators.Period
	Entries  []valuesEntry
	Computed []string // the names of the indicators computed from staffing
	Estimate bool
	Form     form
	Saved    bool
}

// valuesPage shows the figures of the indicators reported for a period of
// the year, as a form for the province's planner.
func (s *Server) valuesPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.valuesView(w, r)
	if !ok {
		return
	}
	v.Saved = r.URL.Query().Get("saved") != ""
	s.renderValues(w, r, http.StatusOK, v)
}

// valuesView reads the scope, the period and the values standing for it;
// on a failure it answers the error page and reports false.
func (s *Server) valuesView(w http.ResponseWriter, r *http.Request) (valuesView, bool) {
	ctx := r.Context()
	sc, err := s.scopeOf(r)
	var q int
	if err == nil {
		q, err = quarterOf(r.URL.Query().Get("period"))
	}
	if err != nil {
		s.fail(w, r, err)
		return valuesView{}, false
	}
	v := valuesView{Scope: sc, Quarter: q, Period: indicators.Period{Year: sc.Year, Quarter: q}}
	if sc.Province.Code == "" {
		return v, true
	}
	cat, err := s.svc.Indicators.Catalogue(ctx)
	var reported []indicators.Value
	if err == nil {
		reported, err = s.svc.Indicators.Values(ctx, viewerOf(ctx).Caller, sc.Province.Code, sc.Year)
	}
	if err != nil {
		s.fail(w, r, err)
		return valuesView{}, false
	}
	s.fillValues(ctx, &v, cat, reported)
	return v, true
}

// fillValues puts each indicator of the catalogue on v, with what was
// reported for v's period.
func (s *Server) fillValues(ctx context.Context, v *valuesView, cat []indicators.Indicator, reported []indicators.Value) {
	byCode := map[indicators.Code]indicators.Value{}
	for _, val := range reported {
		if val.Period == v.Period {
			byCode[val.Indicator] = val
		}
	}
	for _, ind := range cat {
		name := indicatorName(ctx, ind)
		if ind.Computed {
			v.Computed = append(v.Computed, name)
			continue
		}
		e := valuesEntry{Indicator: ind, Name: name, Values: map[string]string{}, Errors: map[string]string{}}
		e.Fields = []valuesField{{"value", "web.values.value"}}
		if ind.Unit.Ratio() {
			e.Fields = []valuesField{{"numerator", "web.values.numerator"}, {"denominator", "web.values.denominator"}}
		}
		e.Fields = append(e.Fields, valuesField{"note", "web.values.note"})
		if val, ok := byCode[ind.Code]; ok {
			e.Values = reportedValues(val)
			e.Reported = figureText(ctx, val.Measure, val.Estimate)
			v.Estimate = v.Estimate || val.Estimate
		}
		v.Entries = append(v.Entries, e)
	}
}

// reportedValues are the controls' texts of a value reported.
func reportedValues(val indicators.Value) map[string]string {
	out := map[string]string{"note": val.Note}
	if val.Unit.Ratio() {
		out["numerator"], out["denominator"] = strconv.FormatInt(val.Numerator, 10), strconv.FormatInt(val.Denominator, 10)
	} else {
		out["value"] = strconv.FormatInt(val.Count, 10)
	}
	return out
}

// indicatorName returns the indicator's name in the reader's language.
func indicatorName(ctx context.Context, ind indicators.Indicator) string {
	if langOf(ctx) == i18n.EN && ind.NameEN != "" {
		return ind.NameEN
	}
	return ind.NameVI
}

// figureText writes a measure the reader's way: "96,43 %", "12",
// "3,2 trên 100.000 trẻ em"; estimate adds that it is one.
func figureText(ctx context.Context, m indicators.Measure, estimate bool) string {
	text := T(ctx, "web.values.no_figure")
	if m.Unit.Ratio() {
		if d, ok := m.Rounded(2); ok {
			text = Tf(ctx, unitKey(m.Unit), i18n.Args{"figure": i18n.Decimal(langOf(ctx), d, 2)})
		}
	} else {
		text = Num(ctx, i18n.Count(m.Count))
	}
	if estimate {
		text = Tf(ctx, "web.values.estimated", i18n.Args{"figure": text})
	}
	return text
}

// unitKey names the message that writes a figure of a ratio's unit.
func unitKey(u indicators.Unit) string {
	if u == indicators.Per100k {
		return "web.values.figure.per_100k"
	}
	return "web.values.figure.percent"
}

// quarterOf reads ?period=: "year" (or nothing) for the whole year, "Q1" …
// "Q4" for a quarter; EINVALID for anything else.
func quarterOf(param string) (int, error) {
	for q, p := range periodKeys {
		if strings.EqualFold(param, p.Param) {
			return q, nil
		}
	}
	if param == "" {
		return 0, nil
	}
	return 0, baove.InvalidKey("period", "web.values.bad_period", nil, param)
}

func (s *Server) renderValues(w http.ResponseWriter, r *http.Request, status int, v valuesView) {
	ctx := r.Context()
	title := T(ctx, "web.values.title")
	if v.Scope.Province.Code != "" {
		title = Tf(ctx, "web.values.title_of", i18n.Args{"province": v.Scope.Province.Name,
			"period": T(ctx, periodKeys[v.Quarter].Key), "year": strconv.Itoa(v.Scope.Year)})
	}
	s.render(w, r, status, valuesPage(s.page(r, title), v))
}

// valuesURL is the address of the page of v's period, with more in its
// query.
func valuesURL(v valuesView, more url.Values) string {
	if more == nil {
		more = url.Values{}
	}
	more.Set("period", periodKeys[v.Quarter].Param)
	return v.Scope.url("/values", more)
}
