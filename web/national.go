package web

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"baove"
	"baove/access"
	"baove/exports"
	"baove/i18n"
)

// nationalView is the reviewer's national page: the 34 provinces' plans,
// money, coverage and reporting in a year, from the national report's model
// (the same numbers as the PDF), sorted by a column, and the chart of
// coverage the PDF draws.
type nationalView struct {
	Year    int
	Columns []sortLink
	Rows    []exports.NationalRow
	Total   exports.NationalRow
	Chart   exports.BarChart
	HasBars bool
	// Reporting counts, for each quarter of the year, the provinces by
	// where they stand in the reporting calendar.
	Reporting []exports.ReportingRow
}

// sortLink is a column's heading: a link that sorts the rows by it.
type sortLink struct {
	Key, Label, URL string
	// Sort is the column's aria-sort: "ascending", "descending" or "".
	Sort    string
	Numeric bool
}

// nationalColumns are the columns by which the page sorts, in order; the
// province column keeps the official order of the provinces.
var nationalColumns = []struct {
	key, label string
	numeric    bool
	value      func(exports.NationalRow) any
}{
	{"province", "web.national.province", false, nil},
	{"plan", "web.national.plan", false, func(r exports.NationalRow) any { return r.PlanStatus }},
	{"issued", "web.national.issued", false, func(r exports.NationalRow) any { return issuedOn(r) }},
	{"planned", "web.national.planned", true, func(r exports.NationalRow) any { return r.Planned }},
	{"allocated", "web.national.allocated", true, func(r exports.NationalRow) any { return r.Allocated }},
	{"disbursed", "web.national.disbursed", true, func(r exports.NationalRow) any { return r.Disbursed }},
	{"rate", "web.national.rate", true, func(r exports.NationalRow) any { return r.Rate }},
	{"coverage", "web.national.coverage", true, func(r exports.NationalRow) any { return r.Coverage }},
	{"reported", "web.national.reported", true, func(r exports.NationalRow) any { return r.Reported }},
}

// nationalPage shows the national page of ?year= (the current year by
// default), sorted by ?sort= (a column's key; "-key" sorts downwards).
func (s *Server) nationalPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c := viewerOf(ctx).Caller
	if err := c.Require(access.Reviewer); err != nil {
		s.fail(w, r, err)
		return
	}
	year, err := yearParam(r, s.svc.Clock.Today().Year())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	report, err := exports.BuildNationalReport(ctx, s.svc.Reports, exports.Request{Caller: c, Year: year, Lang: reportLang(ctx)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := nationalView{Year: year, Rows: report.Rows, Total: report.Total, Reporting: report.Reporting}
	v.Chart, v.HasBars = chartOf(report.Document())
	sortKey := r.URL.Query().Get("sort")
	sortRows(v.Rows, sortKey)
	v.Columns = sortLinks(ctx, year, sortKey)
	s.render(w, r, http.StatusOK, nationalPage(s.page(r, T(ctx, "web.national.title")), v))
}

// yearParam returns ?year=, or def when absent; EINVALID when it is not a
// year.
func yearParam(r *http.Request, def int) (int, error) {
	raw := r.URL.Query().Get("year")
	if raw == "" {
		return def, nil
	}
	year, err := strconv.Atoi(raw)
	if err != nil {
		return 0, baove.InvalidKey("year", "year.out_of_range", baove.YearRange(), raw)
	}
	return year, baove.CheckYear("year", year)
}

// reportLang is the report's language for the reader's.
func reportLang(ctx context.Context) exports.Lang {
	if langOf(ctx) == i18n.EN {
		return exports.English
	}
	return exports.Vietnamese
}

// chartOf returns the bar chart of the document: the very chart its PDF
// draws.
func chartOf(d exports.Document) (exports.BarChart, bool) {
	for _, b := range d.Blocks {
		if c, ok := b.(exports.BarChart); ok {
			return c, true
		}
	}
	return exports.BarChart{}, false
}

// sortRows sorts rows by the column key names ("-key": downwards), keeping
// the official order among equals; rows without a value go last either
// way. An unknown key keeps the official order.
func sortRows(rows []exports.NationalRow, key string) {
	desc := strings.HasPrefix(key, "-")
	key = strings.TrimPrefix(key, "-")
	if key == "province" && desc {
		slices.Reverse(rows)
		return
	}
	for _, col := range nationalColumns {
		if col.key != key || col.value == nil {
			continue
		}
		slices.SortStableFunc(rows, func(a, b exports.NationalRow) int {
			x, y := col.value(a), col.value(b)
			if n := cmp.Compare(missing(x), missing(y)); n != 0 {
				return n
			}
			if desc {
				return compareValues(y, x)
			}
			return compareValues(x, y)
		})
	}
}

// missing is 1 for a value that is not there (a rate or coverage without
// data, a plan not issued), else 0.
func missing(v any) int {
	switch x := v.(type) {
	case decimal.NullDecimal:
		if !x.Valid {
			return 1
		}
	case baove.Date:
		if x.IsZero() {
			return 1
		}
	}
	return 0
}

func compareValues(x, y any) int {
	switch a := x.(type) {
	case int64:
		return cmp.Compare(a, y.(int64))
	case int:
		return cmp.Compare(a, y.(int))
	case decimal.NullDecimal:
		return a.Decimal.Cmp(y.(decimal.NullDecimal).Decimal)
	case baove.Date:
		return cmp.Compare(a.String(), y.(baove.Date).String())
	case string:
		return strings.Compare(a, y.(string))
	}
	return 0
}

// issuedOn is the date the province's plan was issued; zero when it is
// not in force.
func issuedOn(r exports.NationalRow) baove.Date {
	if r.Issuance == nil {
		return baove.Date{}
	}
	return r.Issuance.IssuedOn
}

// sortLinks returns the columns' headings, each linking to the page sorted
// by it (downwards when it is already sorted upwards).
func sortLinks(ctx context.Context, year int, current string) []sortLink {
	out := make([]sortLink, 0, len(nationalColumns))
	for _, col := range nationalColumns {
		l := sortLink{Key: col.key, Label: T(ctx, col.label), Numeric: col.numeric}
		next := col.key
		switch current {
		case col.key:
			l.Sort, next = "ascending", "-"+col.key
		case "-" + col.key:
			l.Sort = "descending"
		}
		if col.key == "province" && strings.TrimPrefix(current, "-") == "" {
			l.Sort = "ascending"
		}
		l.URL = "/national?year=" + strconv.Itoa(year) + "&sort=" + next
		out = append(out, l)
	}
	return out
}
