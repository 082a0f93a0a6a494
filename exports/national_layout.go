package exports

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"baove/budget"
	"baove/i18n"
)

// Document lays the national summary out in landscape as a report of the
// ministry's department (Decree 30/2020): one row per province in the
// official order, the national totals, a chart of staffing coverage, the
// national figures, and the signer kept with the last table's end.
func (r NationalReport) Document() Document {
	l, s := r.Lang, r.Settings
	d := Document{Lang: l, Issuer: []string{s.Ministry}, Number: r.numberLine(), Place: s.Place, Date: r.Date, Landscape: true,
		Generated: r.Generated, Kind: l.t("report.kind", nil), Title: l.t("national.title", i18n.Args{"year": r.Year}),
		Signer: &Signer{Lines: s.SignerTitle, Name: s.SignerName}, Recipients: s.Recipients}
	if s.Department != "" {
		d.Superior, d.Issuer = []string{s.Ministry}, []string{s.Department}
	}
	d.Blocks = []Block{
		Paragraph{l.t("national.intro", i18n.Args{"letter": l.letter(s.Letter), "n": len(r.Rows), "year": r.Year, "issuer": r.issuer()})},
		Heading{l.t("national.h_provinces", nil)}, Paragraph{r.summary()}, r.provinceTable(), Paragraph{r.completeness()},
		Heading{l.t("national.h_chart", nil)}, r.chart(),
		Heading{l.t("national.h_figures", nil)}, Paragraph{l.t("national.figures", nil)}, r.figureTable(),
	}
	if len(r.Reporting) > 0 {
		d.Blocks = append(d.Blocks, Heading{l.t("national.h_reporting", nil)}, Paragraph{r.reportingCompleteness()},
			r.reportingTable())
	}
	return d
}

func (r NationalReport) numberLine() string {
	n := "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"
	if r.Number > 0 {
		n = fmt.Sprintf("%02d", r.Number)
	}
	return r.Lang.t("report.number", i18n.Args{"number": n, "suffix": r.Settings.NumberSuffix})
}

// issuer names who issues the summary in running text.
func (r NationalReport) issuer() string {
	if r.Settings.Department != "" {
		return r.Settings.Department
	}
	return r.Settings.Ministry
}

// summary says how many provinces have a plan in force, and the money.
func (r NationalReport) summary() string {
	l := r.Lang
	count := map[string]int{}
	for _, row := range r.Rows {
		switch row.PlanStatusCode {
		case "approved", "none":
			count[row.PlanStatusCode]++
		default:
			count["pending"]++
		}
	}
	text := l.t("national.plans", i18n.Args{"year": r.Year, "approved": count["approved"], "pending": count["pending"], "none": count["none"]})
	t := r.Total
	if t.Rate.Valid {
		text += " " + l.t("national.money", i18n.Args{"planned": budget.VND(t.Planned), "allocated": budget.VND(t.Allocated),
			"disbursed": budget.VND(t.Disbursed), "rate": l.percentValue(t.Rate.Decimal, 2)})
	} else {
		text += " " + l.t("national.money_none", i18n.Args{"planned": budget.VND(t.Planned)})
	}
	return text + " " + l.t("national.order", nil)
}

func (r NationalReport) provinceTable() Table {
	l := r.Lang
	t := Table{Columns: []Column{{Title: l.pick("Mã", "Code"), Width: 0.5}, {Title: l.pick("Tỉnh, thành phố", "Province"), Width: 2.3},
		{Title: l.pick("Kế hoạch", "Plan"), Width: 1.8},
		{Title: l.pick("Kế hoạch chi", "Planned"), Kind: Money, Width: 1.6}, {Title: l.pick("Phân bổ", "Allocated"), Kind: Money, Width: 1.6},
		{Title: l.pick("Đã giải ngân", "Disbursed"), Kind: Money, Width: 1.6},
		{Title: l.pick("Tỷ lệ giải ngân (%)", "Rate (%)"), Kind: Decimal, Places: 2, Width: 1},
		{Title: l.pick("Xã có người làm công tác bảo vệ trẻ em (%)", "Communes with a worker (%)"), Kind: Decimal, Places: 2, Width: 1.3},
		{Title: l.pick("Chỉ tiêu đạt", "Indicators on track"), Width: 0.9, Align: "R"},
		{Title: l.pick("Tiêu chí đạt", "Checks passed"), Width: 0.9, Align: "R"}}}
	for _, row := range r.Rows {
		t.Rows = append(t.Rows, r.cells(row))
	}
	totals := r.cells(r.Total)
	totals[3], totals[4], totals[5] = Sum{r.Total.Planned}, Sum{r.Total.Allocated}, Sum{r.Total.Disbursed}
	t.Totals = totals
	return t
}

// cells are a row of the province table; missing figures say so.
func (r NationalReport) cells(row NationalRow) []any {
	l := r.Lang
	var coverage, rate any = Note(l.notReported()), Note("–")
	if row.Coverage.Valid {
		coverage = row.Coverage.Decimal
	}
	if row.Rate.Valid {
		rate = row.Rate.Decimal
	}
	var onTrack any = fmt.Sprintf("%d/%d", row.OnTrack, row.Judged)
	if row.Judged == 0 {
		onTrack = Note(l.t("national.none", nil))
	}
	return []any{row.Code, row.Province, row.PlanStatus, row.Planned, row.Allocated, row.Disbursed, rate, coverage, onTrack,
		fmt.Sprintf("%d/%d", row.Passed, row.Checks)}
}

// completeness says over how many provinces the national coverage is.
func (r NationalReport) completeness() string {
	t := r.Total
	if !t.Coverage.Valid {
		return r.Lang.t("national.coverage_none", i18n.Args{"year": r.Year})
	}
	return r.Lang.t("national.coverage", i18n.Args{"coverage": r.Lang.percentValue(t.Coverage.Decimal, 2),
		"reporting": t.Reporting, "total": t.Provinces})
}

// chart draws each province's staffing coverage against 100 %, in the
// table's order; a province that has not reported says so.
func (r NationalReport) chart() BarChart {
	c := BarChart{Kind: Percent, Places: 1, Max: decimal.NewFromInt(1), Target: decimal.NewNullDecimal(decimal.NewFromInt(1))}
	for _, row := range r.Rows {
		bar := Bar{Label: row.Province, Missing: r.Lang.notReported()}
		if row.Coverage.Valid {
			bar = Bar{Label: row.Province, Value: row.Coverage.Decimal.Div(decimal.NewFromInt(100))}
		}
		c.Bars = append(c.Bars, bar)
	}
	return c
}

// figureTable lists the national figures with how many provinces each is
// over.
func (r NationalReport) figureTable() Table {
	l := r.Lang
	right := func(title string, w float64) Column { return Column{Title: title, Width: w, Align: "R"} }
	t := Table{Columns: []Column{{Title: l.pick("Chỉ tiêu", "Indicator"), Width: 5}, {Title: l.pick("Đơn vị tính", "Unit"), Width: 1.3},
		right(l.pick("Cả nước", "Nationwide"), 1.3), right(l.pick("Mục tiêu", "Target"), 1.1),
		right(l.pick("Số tỉnh đã báo cáo", "Provinces reporting"), 1.2),
		right(l.pick("Số tỉnh đạt mục tiêu của tỉnh", "Provinces meeting their target"), 1.3),
		{Title: l.pick("Đánh giá", "Status"), Width: 1.6}, {Title: l.pick("Ghi chú", "Note"), Width: 1.5}}}
	for _, f := range r.Figures {
		var value, target any = Note(l.notReported()), nil
		if f.Value.Valid {
			value = l.measure(f.Unit, f.Value.Decimal)
		}
		if f.Target.Valid {
			target = l.targetWords(f.Comparator, f.Unit, f.Target.Decimal)
		}
		t.Rows = append(t.Rows, []any{f.Label, l.unitWords(f.Unit), value, target, f.Reporting, f.Meeting, f.Status, l.figureNote(f)})
	}
	return t
}

// figureNote says what a national figure is short of: quarters missing in
// some province, estimates.
func (l Lang) figureNote(f NationalFigureRow) string {
	var notes []string
	if f.Partial {
		notes = append(notes, l.t("national.partial", nil))
	}
	if f.Estimate {
		notes = append(notes, l.t("national.estimate", nil))
	}
	return strings.Join(notes, "; ")
}
