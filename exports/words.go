package exports

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"baove/assessment"
	"baove/indicators"
)

// roman are the quarters as Vietnamese documents number them.
var roman = [...]string{"", "I", "II", "III", "IV"}

// periodWords says what a figure covers, as documents write it: "Năm
// 2026", "Quý III/2026", "6 tháng đầu năm 2026", "9 tháng đầu năm 2026",
// "Quý I, III/2026"; in English "2026", "Q3 2026", "first half of 2026",
// "first nine months of 2026", "Q1, Q3 2026".
func (l Lang) periodWords(year int, quarters []int) string {
	switch {
	case len(quarters) == 0 || len(quarters) == 4:
		return l.pick(fmt.Sprintf("Năm %d", year), fmt.Sprint(year))
	case slices.Equal(quarters, []int{1, 2}):
		return l.pick(fmt.Sprintf("6 tháng đầu năm %d", year), fmt.Sprintf("first half of %d", year))
	case slices.Equal(quarters, []int{1, 2, 3}):
		return l.pick(fmt.Sprintf("9 tháng đầu năm %d", year), fmt.Sprintf("first nine months of %d", year))
	}
	vi, en := make([]string, len(quarters)), make([]string, len(quarters))
	for i, q := range quarters {
		vi[i], en[i] = roman[q], fmt.Sprintf("Q%d", q)
	}
	return l.pick(fmt.Sprintf("Quý %s/%d", strings.Join(vi, ", "), year), fmt.Sprintf("%s %d", strings.Join(en, ", "), year))
}

// periodOf writes a period code of the API ("2026", "2026-Q3") in words;
// anything else is returned as it is.
func (l Lang) periodOf(code string) string {
	p, err := indicators.ParsePeriod("period", code)
	if err != nil {
		return code
	}
	var qs []int
	if p.Quarter > 0 {
		qs = []int{p.Quarter}
	}
	return l.periodWords(p.Year, qs)
}

// unitWords names an indicator's unit for a table's unit column.
func (l Lang) unitWords(u indicators.Unit) string {
	switch u {
	case indicators.Percent:
		return "%"
	case indicators.Count:
		return l.pick("Số lượng", "Number")
	case indicators.Per100k:
		return l.pick("Trên 100.000 trẻ em", "Per 100,000 children")
	}
	return string(u)
}

// measure writes a figure in its indicator's unit: a percentage with two
// decimals and the sign ("87,50 %"), a count as a whole number ("1.234"),
// a rate per 100,000 with two decimals.
func (l Lang) measure(u indicators.Unit, d decimal.Decimal) string {
	switch u {
	case indicators.Percent:
		return l.percentValue(d, 2)
	case indicators.Count:
		return l.integer(d.Round(0).IntPart())
	}
	return l.decimal(d, 2)
}

// targetWords writes a target with its comparison and unit, its number as
// it was set: "< 4,5 %", "≥ 100 %", "≥ 1".
func (l Lang) targetWords(comparator string, u indicators.Unit, d decimal.Decimal) string {
	places := max(-d.Exponent(), 0)
	n := l.decimal(d, places)
	if u == indicators.Percent {
		n = l.percentValue(d, places)
	}
	if comparator == "" {
		return n
	}
	return comparator + " " + n
}

// percentValue writes d, already a percentage, with places decimals: "87,50
// %" in Vietnamese (a space before the sign, as Vietnamese typography has
// it), "87.50%" in English.
func (l Lang) percentValue(d decimal.Decimal, places int32) string {
	s := l.decimal(d, places)
	if l == English {
		return s + "%"
	}
	return s + " %"
}

// comparatorOf says how an indicator's target is met: at or above it, at
// or under it, strictly under a national target written "< 6,5"; nothing
// for an indicator only monitored.
func comparatorOf(ind indicators.Indicator, t assessment.Target) string {
	switch {
	case ind.Direction == indicators.Monitor:
		return ""
	case ind.Direction == indicators.Lower && t.Strict:
		return "<"
	case ind.Direction == indicators.Lower:
		return "≤"
	case t.Strict:
		return ">"
	}
	return "≥"
}

func progressRows(lang Lang, p assessment.ProvinceProgress) []ProgressRow {
	rows := make([]ProgressRow, 0, len(p.Items))
	for _, it := range p.Items {
		r := ProgressRow{Code: string(it.Indicator.Code), Label: lang.pick(it.Indicator.NameVI, it.Indicator.NameEN),
			Unit: it.Indicator.Unit, Comparator: comparatorOf(it.Indicator, it.Target), Target: decimal.NewNullDecimal(it.Target.Value),
			TargetSource: lang.name(string(it.Target.Source)), Status: lang.name(string(it.Status)), StatusCode: it.Status}
		if a := it.Actual; a != nil {
			if v, ok := a.Rounded(2); ok {
				r.Actual = decimal.NewNullDecimal(v)
			}
			r.Period, r.Estimate, r.Partial = lang.periodWords(a.Year, a.Quarters), a.Estimate, a.Partial()
		}
		rows = append(rows, r)
	}
	return rows
}

func complianceRows(lang Lang, c assessment.Compliance) []ComplianceRow {
	rows := make([]ComplianceRow, 0, len(c.Results))
	for _, res := range c.Results {
		evidence := res.Evidence.Text(lang.i18n())
		var named []string
		for _, it := range res.Evidence.Items {
			switch {
			case it.State != "": // a value due, which the evidence names with its days
			case it.Name != "":
				named = append(named, it.Name)
			case it.Code != "":
				named = append(named, lang.periodOf(it.Code))
			}
		}
		if len(named) > 0 {
			evidence += " " + lang.pick("Gồm: ", "Namely: ") + strings.Join(named, "; ") + "."
		}
		rows = append(rows, ComplianceRow{Code: res.Code, Item: res.Item, Title: lang.pick(res.TitleVI, res.TitleEN),
			Status: lang.name(string(res.Status)), StatusCode: res.Status, Evidence: evidence})
	}
	return rows
}
