package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"baove"
	"baove/i18n"
	"baove/indicators"
)

// adminIndicatorsView is the indicator catalogue, with each indicator's
// reporting due date, and the form that adds an indicator.
type adminIndicatorsView struct {
	Rows        []indicatorRow
	Units       []option
	Directions  []option
	Comparators []option
	Form        form
	Done        string
}

// indicatorRow is an indicator of the catalogue as its administrator
// reads it.
type indicatorRow struct {
	Indicator indicators.Indicator
	Unit      string
	Direction string
	Targets   []string // its national targets, in words
	Due       string   // when its values are due, in words; "" when never
	Rule      *indicators.DueRule
}

// URL returns the path of the indicator's reporting due date.
func (r indicatorRow) URL() string {
	return "/admin/indicators/" + url.PathEscape(string(r.Indicator.Code))
}

// adminIndicatorsPage shows the catalogue and the form that adds to it.
func (s *Server) adminIndicatorsPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := adminIndicatorsView{}
	q := r.URL.Query()
	for param, key := range map[string]string{"created": "web.admin.indicators.created",
		"due": "web.admin.indicator.due_saved", "removed": "web.admin.indicator.due_removed"} {
		if code := q.Get(param); code != "" {
			v.Done = Tf(ctx, key, i18n.Args{"code": code})
		}
	}
	s.renderIndicators(w, r, http.StatusOK, v)
}

func (s *Server) renderIndicators(w http.ResponseWriter, r *http.Request, status int, v adminIndicatorsView) {
	ctx := r.Context()
	rows, err := s.indicatorRows(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Rows, v.Units, v.Directions = rows, unitOptions(ctx), directionOptions(ctx)
	for _, c := range []string{">=", "<=", "<", "="} {
		v.Comparators = append(v.Comparators, option{c, comparatorSigns[c]})
	}
	s.render(w, r, status, adminIndicatorsPage(s.page(r, T(ctx, "web.admin.indicators.title")), v))
}

// comparatorSigns write the comparators of national targets as people do.
var comparatorSigns = map[string]string{">=": "≥", "<=": "≤", "<": "<", "=": "="}

// indicatorRows returns the catalogue in its order, each indicator with
// its due rule.
func (s *Server) indicatorRows(ctx context.Context) ([]indicatorRow, error) {
	cat, err := s.svc.Indicators.Catalogue(ctx)
	if err != nil {
		return nil, err
	}
	rules, err := s.svc.Indicators.DueRules(ctx)
	if err != nil {
		return nil, err
	}
	byCode := map[indicators.Code]indicators.DueRule{}
	for _, rule := range rules {
		byCode[rule.Indicator] = rule
	}
	out := make([]indicatorRow, len(cat))
	for i, ind := range cat {
		out[i] = indicatorRowOf(ctx, ind)
		if rule, ok := byCode[ind.Code]; ok {
			out[i].Rule, out[i].Due = &rule, dueWords(ctx, rule)
		}
	}
	return out, nil
}

func indicatorRowOf(ctx context.Context, ind indicators.Indicator) indicatorRow {
	row := indicatorRow{Indicator: ind, Unit: T(ctx, "web.admin.indicator.unit."+string(ind.Unit)),
		Direction: T(ctx, "web.admin.indicator.direction."+string(ind.Direction))}
	for _, t := range ind.Targets {
		key, args := "web.admin.indicator.target_every", i18n.Args{"comparator": comparatorSigns[t.Comparator],
			"value": i18n.Decimal(langOf(ctx), t.Value, places(t.Value)), "source": t.Source}
		if t.Year != 0 {
			key, args["year"] = "web.admin.indicator.target_year", strconv.Itoa(t.Year)
		}
		row.Targets = append(row.Targets, Tf(ctx, key, args))
	}
	return row
}

// places returns how many decimals d shows, its trailing zeros left out.
func places(d decimal.Decimal) int32 {
	return max(-decimal.RequireFromString(d.String()).Exponent(), 0)
}

// dueWords says when an indicator's values are due by rule.
func dueWords(ctx context.Context, rule indicators.DueRule) string {
	key := "web.admin.indicator.due.quarterly"
	if rule.Frequency == indicators.Yearly {
		key = "web.admin.indicator.due.yearly"
	}
	return Tf(ctx, key, i18n.Args{"days": i18n.Count(rule.DaysAfter)})
}

func unitOptions(ctx context.Context) []option {
	return []option{{"", T(ctx, "web.admin.choose")},
		{string(indicators.Percent), T(ctx, "web.admin.indicator.unit.percent")},
		{string(indicators.Count), T(ctx, "web.admin.indicator.unit.count")},
		{string(indicators.Per100k), T(ctx, "web.admin.indicator.unit.per_100k")}}
}

func directionOptions(ctx context.Context) []option {
	return []option{{"", T(ctx, "web.admin.choose")},
		{string(indicators.Higher), T(ctx, "web.admin.indicator.direction.higher")},
		{string(indicators.Lower), T(ctx, "web.admin.indicator.direction.lower")},
		{string(indicators.Monitor), T(ctx, "web.admin.indicator.direction.monitor")}}
}

// createIndicator adds the form's indicator to the catalogue, as POST
// /indicators does, with the national target the form gives, if any.
func (s *Server) createIndicator(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in, err := readForm(r)
	var n indicators.NewIndicator
	if err == nil {
		n, err = newIndicatorOf(in)
	}
	if err == nil {
		_, err = s.svc.Indicators.AddIndicator(ctx, viewerOf(ctx).Caller, n)
	}
	if err != nil {
		v := adminIndicatorsView{Form: form{Values: formValues(in)}}
		status, ok := s.refused(w, r, targetFields(err), &v.Form)
		if !ok {
			s.fail(w, r, err)
			return
		}
		s.renderIndicators(w, r, status, v)
		return
	}
	seeOther(w, r, "/admin/indicators?"+url.Values{"created": {string(n.Code)}}.Encode())
}

// newIndicatorOf reads the form's indicator; its target when a value is
// given (a year left empty is every year).
func newIndicatorOf(in url.Values) (indicators.NewIndicator, error) {
	n := indicators.NewIndicator{Code: indicators.Code(strings.TrimSpace(in.Get("code"))), NameVI: in.Get("name_vi"),
		NameEN: in.Get("name_en"), Unit: indicators.Unit(in.Get("unit")), Direction: indicators.Direction(in.Get("direction"))}
	raw := strings.TrimSpace(in.Get("target_value"))
	if raw == "" {
		return n, nil
	}
	var p baove.Problems
	value, err := decimal.NewFromString(strings.Replace(raw, ",", ".", 1))
	if err != nil {
		p.AddKey("target_value", "web.admin.indicator.value_form", nil, raw)
	}
	year := 0
	if y := strings.TrimSpace(in.Get("target_year")); y != "" {
		if year, err = strconv.Atoi(y); err != nil {
			p.AddKey("target_year", "web.admin.task_area.year_form", nil, y)
		}
	}
	n.Targets = []indicators.NationalTarget{{Year: year, Comparator: in.Get("target_comparator"), Value: value,
		Source: in.Get("target_source")}}
	return n, p.Err()
}

// targetFields renames the fields of the domain's error that name the
// target ("national_targets[0].value") by the form's ("target_value").
func targetFields(err error) error {
	var e *baove.Error
	if !errors.As(err, &e) {
		return err
	}
	prefix := fmt.Sprintf("national_targets[%d].", 0)
	for i, f := range e.Fields {
		if rest, ok := strings.CutPrefix(f.Field, prefix); ok {
			e.Fields[i].Field = "target_" + rest
		}
	}
	return e
}
