package exports

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"baove"
	"baove/access"
	"baove/assessment"
	"baove/budget"
	"baove/indicators"
)

// NationalReport is every province's standing for a year, for the
// ministry's reviewers, as plain data.
type NationalReport struct {
	Lang     Lang
	Year     int
	Date     baove.Date
	Ministry string
	Rows     []NationalRow // the 34 provinces in Vietnamese order
	Total    NationalRow
	// Figures are the national figures of the indicators, each over the
	// provinces that reported it.
	Figures []NationalFigureRow
	// Reporting says, for each quarter of the year the reporting calendar
	// asks for, how many provinces reported on time ("n/34 tỉnh báo cáo
	// đúng hạn"), late, not at all past the due date, or are not due yet.
	Reporting []ReportingRow
}

// NationalRow is a province's line of the national report, or the totals.
// Coverage is the share of communes with a worker, in percent, null for a
// province that reported no staffing (never 0 %); the total's is the sum
// of covered communes over the sum of communes of the provinces that
// reported, never an average of percentages, and Reporting of Provinces
// says how many those are.
type NationalRow struct {
	Code, Province, PlanStatus      string
	Planned, Allocated, Disbursed   int64
	Rate                            decimal.NullDecimal
	Communes, Covered               int
	Coverage                        decimal.NullDecimal
	Reporting, Provinces            int
	OnTrack, Judged, Passed, Checks int
}

// NationalFigureRow is an indicator rolled up over the provinces: its value
// over those that reported, how many did, and its status; for a target
// every province must meet, how many meet theirs.
type NationalFigureRow struct {
	Code, Label        string
	Value, Target      decimal.NullDecimal
	Reporting, Meeting string // "31/34"; Meeting only for a target per province
	Partial, Estimate  bool
	Status             string
}

// BuildNationalReport gathers every province's figures for year, reading
// all provinces at once (the budget figures, then progress, staffing
// tallies and compliance from one set of facts) rather than a round of reads
// per province. Only a reviewer may (EFORBIDDEN otherwise).
func BuildNationalReport(ctx context.Context, src Sources, req Request) (NationalReport, error) {
	c, year, lang := req.Caller, req.Year, req.Lang
	if err := c.Require(access.Reviewer); err != nil {
		return NationalReport{}, err
	}
	sums, err := src.Budget.YearFigures(ctx, c, year)
	if err != nil {
		return NationalReport{}, err
	}
	national, err := src.Assessment.National(ctx, c, year, sums)
	if err != nil {
		return NationalReport{}, err
	}
	r := NationalReport{Lang: lang, Year: year, Date: src.Clock.Today(), Ministry: src.Ministry}
	for i, pp := range national.Progress.Provinces {
		code := pp.Province.Code
		r.Rows = append(r.Rows, nationalRow(lang, provinceFigures{pp, sums[code], national.Coverage[code], national.Compliance[i]}))
	}
	r.Total = totalRow(lang, r.Rows)
	for _, f := range national.Progress.Figures {
		r.Figures = append(r.Figures, figureRow(lang, f))
	}
	for _, c := range national.Reporting {
		r.Reporting = append(r.Reporting, ReportingRow{Period: capitalised(c.Period.Localize(lang.i18n())), OnTime: c.OnTime,
			Late: c.Late, Missing: c.Missing, NotDue: c.NotDue, Provinces: c.Provinces})
	}
	return r, nil
}

// provinceFigures are what the national report reads of one province.
type provinceFigures struct {
	progress   assessment.ProvinceProgress
	summary    budget.Summary
	coverage   indicators.Coverage
	compliance assessment.Compliance
}

func nationalRow(lang Lang, f provinceFigures) NationalRow {
	pp, sum, cov, comp := f.progress, f.summary, f.coverage, f.compliance
	p := pp.Province
	row := NationalRow{Code: string(p.Code), Province: p.Name, PlanStatus: lang.name("none"), Planned: int64(sum.Total.Planned),
		Allocated: int64(sum.Total.Allocated), Disbursed: int64(sum.Total.Disbursed), Rate: sum.Total.Rate, Provinces: 1}
	if cov.Recorded > 0 {
		row.Communes, row.Covered, row.Reporting = cov.Total, cov.Covered, 1
		row.Coverage = percent(int64(cov.Covered), int64(cov.Total))
	}
	if sum.Plan != nil {
		row.PlanStatus = lang.name(string(sum.Plan.Status))
	}
	for _, it := range pp.Items {
		switch it.Status {
		case assessment.Achieved, assessment.OnTrack:
			row.OnTrack++
			row.Judged++
		case assessment.AtRisk, assessment.NotAchieved:
			row.Judged++
		}
	}
	for _, res := range comp.Results {
		if res.Status != assessment.NotApplicable {
			row.Checks++
		}
		if res.Status == assessment.Pass {
			row.Passed++
		}
	}
	return row
}

// percent is part of whole in percent to two places; null of nothing.
func percent(part, whole int64) decimal.NullDecimal {
	if whole <= 0 {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(decimal.NewFromInt(part).Mul(decimal.NewFromInt(100)).DivRound(decimal.NewFromInt(whole), 2))
}

func totalRow(lang Lang, rows []NationalRow) NationalRow {
	t := NationalRow{Province: lang.pick("Cả nước", "Nationwide")}
	for _, r := range rows {
		t.Planned += r.Planned
		t.Allocated += r.Allocated
		t.Disbursed += r.Disbursed
		t.Communes += r.Communes
		t.Covered += r.Covered
		t.Reporting += r.Reporting
		t.Provinces += r.Provinces
		t.OnTrack += r.OnTrack
		t.Judged += r.Judged
		t.Passed += r.Passed
		t.Checks += r.Checks
	}
	t.Rate, t.Coverage = percent(t.Disbursed, t.Allocated), percent(int64(t.Covered), int64(t.Communes))
	return t
}

func figureRow(lang Lang, f assessment.NationalFigure) NationalFigureRow {
	r := NationalFigureRow{Code: string(f.Indicator.Code), Label: lang.pick(f.Indicator.NameVI, f.Indicator.NameEN),
		Reporting: fmt.Sprintf("%d/%d", f.Provinces, f.Total), Partial: f.Partial, Estimate: f.Estimate, Status: lang.name(string(f.Status))}
	if f.Provinces > 0 {
		if v, ok := f.Measure.Rounded(2); ok {
			r.Value = decimal.NewNullDecimal(v)
		}
	}
	if f.Target != nil {
		r.Target = decimal.NewNullDecimal(f.Target.Value)
	}
	if f.PerProvince {
		r.Meeting = fmt.Sprintf("%d/%d", f.Meeting, f.Total)
	}
	return r
}

// Document lays the national report out in landscape: one row per
// province, the national totals, and a chart of staffing coverage.
func (r NationalReport) Document() Document {
	l := r.Lang
	d := Document{Lang: l, Issuer: []string{strings.ToUpper(r.Ministry)}, Place: "Hà Nội", Date: r.Date, Landscape: true,
		Title: l.pick(fmt.Sprintf("Tổng hợp tình hình thực hiện công tác bảo vệ trẻ em năm %d", r.Year),
			fmt.Sprintf("National summary of child-protection work in %d", r.Year)),
		Subtitle:   l.pick(fmt.Sprintf("(%d tỉnh, thành phố)", len(r.Rows)), fmt.Sprintf("(%d provinces and cities)", len(r.Rows))),
		Signatures: []Signature{{Title: l.pick("Người lập biểu", "Prepared by")}, {Title: l.pick("Thủ trưởng đơn vị", "Head of department")}}}
	t := Table{Columns: []Column{{Title: l.pick("Tỉnh, thành phố", "Province"), Width: 2.4}, {Title: l.pick("Kế hoạch", "Plan"), Width: 1.8},
		{Title: l.pick("Kế hoạch chi", "Planned"), Kind: Money, Width: 1.6}, {Title: l.pick("Phân bổ", "Allocated"), Kind: Money, Width: 1.6},
		{Title: l.pick("Đã giải ngân", "Disbursed"), Kind: Money, Width: 1.6}, {Title: l.pick("Tỷ lệ GN (%)", "Rate (%)"), Kind: Decimal, Places: 2, Width: 0.9},
		{Title: l.pick("Xã có người làm BVTE (%)", "Communes with a worker (%)"), Kind: Decimal, Places: 2, Width: 1.1},
		{Title: l.pick("Chỉ tiêu đạt", "Indicators on track"), Width: 0.9}, {Title: l.pick("Tiêu chí đạt", "Checks passed"), Width: 0.9}}}
	chart := BarChart{Kind: Percent, Places: 1, Max: decimal.NewFromInt(1), Target: decimal.NewNullDecimal(decimal.NewFromInt(1))}
	for _, row := range r.Rows {
		t.Rows = append(t.Rows, nationalCells(l, row))
		bar := Bar{Label: row.Province, Missing: l.notReported()}
		if row.Coverage.Valid {
			bar = Bar{Label: row.Province, Value: row.Coverage.Decimal.Div(decimal.NewFromInt(100))}
		}
		chart.Bars = append(chart.Bars, bar)
	}
	t.Totals = nationalCells(l, r.Total)
	d.Blocks = []Block{Heading{l.pick("I. TỔNG HỢP THEO TỈNH, THÀNH PHỐ", "I. BY PROVINCE")}, t,
		Paragraph{r.completeness()},
		Heading{l.pick("II. TỶ LỆ XÃ, PHƯỜNG, ĐẶC KHU CÓ NGƯỜI LÀM CÔNG TÁC BẢO VỆ TRẺ EM", "II. COMMUNES WITH A CHILD-PROTECTION WORKER")}, chart,
		Heading{l.pick("III. CÁC CHỈ TIÊU TRÊN CẢ NƯỚC", "III. INDICATORS NATIONWIDE")}, r.figureTable()}
	if len(r.Reporting) > 0 {
		d.Blocks = append(d.Blocks, Heading{l.pick("IV. BÁO CÁO SỐ LIỆU ĐỊNH KỲ", "IV. PERIODIC REPORTING")},
			Paragraph{r.reportingCompleteness()}, r.reportingTable())
	}
	return d
}

// completeness says over how many provinces the national coverage is.
func (r NationalReport) completeness() string {
	return r.Lang.pick(fmt.Sprintf("Tỷ lệ xã có người làm công tác bảo vệ trẻ em của cả nước tính trên %d/%d tỉnh, thành phố đã báo cáo.", r.Total.Reporting, r.Total.Provinces),
		fmt.Sprintf("The national share of communes with a worker is over the %d/%d provinces that reported.", r.Total.Reporting, r.Total.Provinces))
}

// figureTable lists the national figures with how many provinces each is
// over.
func (r NationalReport) figureTable() Table {
	l := r.Lang
	t := Table{Columns: []Column{{Title: l.pick("Chỉ tiêu", "Indicator"), Width: 5}, {Title: l.pick("Cả nước", "Nationwide"), Kind: Decimal, Places: 2, Width: 1.3},
		{Title: l.pick("Mục tiêu", "Target"), Kind: Decimal, Places: 2, Width: 1}, {Title: l.pick("Số tỉnh đã báo cáo", "Provinces reporting"), Width: 1.2},
		{Title: l.pick("Số tỉnh đạt mục tiêu của tỉnh", "Provinces meeting their target"), Width: 1.3}, {Title: l.pick("Đánh giá", "Status"), Width: 1.6},
		{Title: l.pick("Ghi chú", "Note"), Width: 1.4}},
		Unit: l.pick("% hoặc số lượng", "% or count")}
	for _, f := range r.Figures {
		var value any = Note(l.notReported())
		if f.Value.Valid {
			value = f.Value.Decimal
		}
		t.Rows = append(t.Rows, []any{f.Label, value, nullable(f.Target), f.Reporting, f.Meeting, f.Status, l.figureNote(f)})
	}
	return t
}

// figureNote says what a national figure is short of: quarters missing in
// some province, estimates.
func (l Lang) figureNote(f NationalFigureRow) string {
	var notes []string
	if f.Partial {
		notes = append(notes, l.pick("có tỉnh chưa đủ quý", "some provinces lack quarters"))
	}
	if f.Estimate {
		notes = append(notes, l.pick("có số ước tính", "includes estimates"))
	}
	return strings.Join(notes, "; ")
}

func nationalCells(l Lang, r NationalRow) []any {
	var coverage any = Note(l.notReported())
	if r.Coverage.Valid {
		coverage = r.Coverage.Decimal
	}
	return []any{r.Province, r.PlanStatus, r.Planned, r.Allocated, r.Disbursed, nullable(r.Rate), coverage,
		fmt.Sprintf("%d/%d", r.OnTrack, r.Judged), fmt.Sprintf("%d/%d", r.Passed, r.Checks)}
}
