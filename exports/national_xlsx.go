package exports

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"baove/indicators"
)

// BuildNationalWorkbook gathers the national summary of year as a workbook
// the ministry consolidates: one row per province in the official order
// on each sheet (plan status, money, staffing and completeness; the budget
// by funding source; each indicator's figure, target and status), the
// national totals as SUM formulas. Only a reviewer may (EFORBIDDEN).
func BuildNationalWorkbook(ctx context.Context, src Sources, req Request) (Workbook, error) {
	lang, _, err := req.Lang.resolve()
	if err != nil {
		return Workbook{}, err
	}
	req.Lang = lang
	r, err := BuildNationalReport(ctx, src, req)
	if err != nil {
		return Workbook{}, err
	}
	l := r.Lang
	return Workbook{Title: l.pick(fmt.Sprintf("Tổng hợp bảo vệ trẻ em năm %d", r.Year), fmt.Sprintf("Child protection nationwide %d", r.Year)),
		Generated: r.Generated, Sheets: []Sheet{r.summarySheet(), r.sourceSheet(), r.indicatorSheet()}}, nil
}

// heading writes the lines above a national sheet's header.
func (r NationalReport) heading(title string, money bool) []string {
	l := r.Lang
	lines := []string{strings.ToUpper(title), l.pick("Kỳ báo cáo: ", "Period: ") + l.periodWords(r.Year, nil)}
	if money {
		lines = append(lines, fmt.Sprintf(labelsOf[l].unitLine, labelsOf[l].moneyUnit))
	}
	return lines
}

func (r NationalReport) summarySheet() Sheet {
	l := r.Lang
	count := func(vi, en string) Column { return Column{Title: l.pick(vi, en), Kind: Count} }
	money := func(vi, en string) Column { return Column{Title: l.pick(vi, en), Kind: Money} }
	rate := func(vi, en string) Column { return Column{Title: l.pick(vi, en), Kind: Decimal, Places: 2} }
	t := Table{Columns: []Column{{Title: l.pick("Mã", "Code")}, {Title: l.pick("Tỉnh, thành phố", "Province")},
		{Title: l.pick("Tình trạng kế hoạch", "Plan status")},
		money("Kế hoạch chi", "Planned"), money("Phân bổ", "Allocated"), money("Đã giải ngân", "Disbursed"),
		rate("Tỷ lệ giải ngân (%)", "Disbursement rate (%)"),
		count("Số xã, phường, đặc khu", "Communes"), count("Số xã đã báo cáo nhân lực", "Communes reported"),
		count("Số xã có người làm công tác bảo vệ trẻ em", "Communes with a worker"),
		rate("Tỷ lệ xã có người (%)", "Coverage (%)"),
		count("Chỉ tiêu có mục tiêu", "Indicators with a target"), count("Chỉ tiêu có số liệu", "Indicators reported"),
		count("Chỉ tiêu đạt hoặc đúng tiến độ", "Indicators on track"),
		count("Tiêu chí kiểm tra", "Checks applied"), count("Tiêu chí đạt", "Checks passed")}}
	row := func(n NationalRow) []any {
		return []any{n.Code, n.Province, n.PlanStatus, n.Planned, n.Allocated, n.Disbursed, nullable(n.Rate), n.Communes, n.Recorded,
			n.Covered, nullable(n.Coverage), n.Targeted, n.Reported, n.OnTrack, n.Checks, n.Passed}
	}
	for _, n := range r.Rows {
		t.Rows = append(t.Rows, row(n))
	}
	tot := row(r.Total)
	for _, i := range []int{3, 4, 5, 7, 8, 9, 11, 12, 13, 14, 15} {
		tot[i] = Sum{wholeOf(tot[i])}
	}
	t.Totals = tot
	name := l.pick("Tổng hợp", "Summary")
	title := l.pick("Tổng hợp tình hình thực hiện công tác bảo vệ trẻ em", "Child-protection work by province")
	return Sheet{Name: name, Heading: r.heading(title, true), Table: t}
}

func wholeOf(v any) int64 {
	n, _ := wholeNumber(v)
	return n
}

func (r NationalReport) sourceSheet() Sheet {
	l := r.Lang
	t := Table{Columns: []Column{{Title: l.pick("Mã", "Code")}, {Title: l.pick("Tỉnh, thành phố", "Province")}}}
	for _, src := range fundingSources {
		name := l.name(string(src))
		t.Columns = append(t.Columns, Column{Title: name + l.pick(": kế hoạch", ": planned"), Kind: Money},
			Column{Title: name + l.pick(": phân bổ", ": allocated"), Kind: Money},
			Column{Title: name + l.pick(": đã giải ngân", ": disbursed"), Kind: Money},
			Column{Title: name + l.pick(": tỷ lệ giải ngân (%)", ": rate (%)"), Kind: Decimal, Places: 2})
	}
	cells := func(n NationalRow, sums bool) []any {
		out := []any{n.Code, n.Province}
		for _, m := range n.BySource {
			if sums {
				out = append(out, Sum{m.Planned}, Sum{m.Allocated}, Sum{m.Disbursed}, nullable(m.Rate))
			} else {
				out = append(out, m.Planned, m.Allocated, m.Disbursed, nullable(m.Rate))
			}
		}
		return out
	}
	for _, n := range r.Rows {
		t.Rows = append(t.Rows, cells(n, false))
	}
	t.Totals = cells(r.Total, true)
	name := l.pick("Kinh phí theo nguồn", "Budget by source")
	return Sheet{Name: name, Heading: r.heading(l.pick("Kinh phí bảo vệ trẻ em theo nguồn", "Child-protection funding by source"), true),
		Table: t}
}

// indicatorSheet gives, for each indicator of the catalogue, each
// province's figure, target and status, and the national figure on the
// last row.
func (r NationalReport) indicatorSheet() Sheet {
	l := r.Lang
	t := Table{Columns: []Column{{Title: l.pick("Mã", "Code")}, {Title: l.pick("Tỉnh, thành phố", "Province")}}}
	for _, f := range r.Figures {
		kind, places := Decimal, int32(2)
		if f.Unit == indicators.Count {
			kind, places = Count, 0
		}
		head := f.Code + " " + f.Label + " (" + l.unitWords(f.Unit) + ")"
		t.Columns = append(t.Columns, Column{Title: head + l.pick(": thực hiện", ": actual"), Kind: kind, Places: places},
			Column{Title: head + l.pick(": mục tiêu", ": target"), Kind: Decimal, Places: 2},
			Column{Title: head + l.pick(": đánh giá", ": status")})
	}
	for _, n := range r.Rows {
		byCode := map[string]ProgressRow{}
		for _, p := range n.Indicators {
			byCode[p.Code] = p
		}
		row := []any{n.Code, n.Province}
		for _, f := range r.Figures {
			p, ok := byCode[f.Code]
			if !ok {
				row = append(row, nil, nil, Note(l.pick("không có mục tiêu", "no target")))
				continue
			}
			row = append(row, figureCell(f.Unit, p.Actual, l), nullable(p.Target), p.Status)
		}
		t.Rows = append(t.Rows, row)
	}
	total := []any{nil, r.Total.Province}
	for _, f := range r.Figures {
		total = append(total, figureCell(f.Unit, f.Value, l), nullable(f.Target), f.Status)
	}
	t.Totals = total
	name := l.pick("Chỉ tiêu", "Indicators")
	return Sheet{Name: name, Heading: r.heading(l.pick("Kết quả thực hiện các chỉ tiêu theo tỉnh, thành phố", "Indicators by province"), false),
		Table: t}
}

// figureCell is a figure in its column's kind, or a note that it was not
// reported.
func figureCell(u indicators.Unit, v decimal.NullDecimal, l Lang) any {
	switch {
	case !v.Valid:
		return Note(l.notReported())
	case u == indicators.Count:
		return v.Decimal.Round(0).IntPart()
	}
	return v.Decimal
}
