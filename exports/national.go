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
}

// NationalRow is a province's line of the national report, or the totals.
// Coverage is the share of communes with a worker, in percent; the total's
// is the sum of covered communes over the sum of communes, never an
// average of percentages.
type NationalRow struct {
	Code, Province, PlanStatus      string
	Planned, Allocated, Disbursed   int64
	Rate                            decimal.Decimal
	Communes, Covered               int
	Coverage                        decimal.Decimal
	OnTrack, Judged, Passed, Checks int
}

// BuildNationalReport gathers every province's figures for year, reading
// all provinces at once (the budget figures, then progress, staffing
// tallies and compliance from one set of facts) rather than a round of reads
// per province. Only a reviewer may (EFORBIDDEN otherwise).
func BuildNationalReport(ctx context.Context, src Sources, c access.Caller, year int, lang Lang) (NationalReport, error) {
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
		r.Rows = append(r.Rows, nationalRow(lang, pp, sums[code], national.Coverage[code], national.Compliance[i]))
	}
	r.Total = totalRow(lang, r.Rows)
	return r, nil
}

func nationalRow(lang Lang, pp assessment.ProvinceProgress, sum budget.Summary, cov indicators.Coverage, comp assessment.Compliance) NationalRow {
	p := pp.Province
	row := NationalRow{Code: string(p.Code), Province: p.Name, PlanStatus: lang.name("none"), Planned: int64(sum.Total.Planned),
		Allocated: int64(sum.Total.Allocated), Disbursed: int64(sum.Total.Disbursed), Rate: sum.Total.Rate,
		Communes: cov.Total, Covered: cov.Covered, Coverage: percent(int64(cov.Covered), int64(cov.Total))}
	if sum.Plan != nil {
		row.PlanStatus = lang.name(string(sum.Plan.Status))
	}
	for _, it := range pp.Items {
		switch it.Status {
		case assessment.OnTrack:
			row.OnTrack++
			row.Judged++
		case assessment.AtRisk, assessment.OffTrack:
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

func percent(part, whole int64) decimal.Decimal {
	if whole <= 0 {
		return decimal.Zero
	}
	return decimal.NewFromInt(part).Mul(decimal.NewFromInt(100)).DivRound(decimal.NewFromInt(whole), 2)
}

func totalRow(lang Lang, rows []NationalRow) NationalRow {
	t := NationalRow{Province: lang.pick("Cả nước", "Nationwide")}
	for _, r := range rows {
		t.Planned += r.Planned
		t.Allocated += r.Allocated
		t.Disbursed += r.Disbursed
		t.Communes += r.Communes
		t.Covered += r.Covered
		t.OnTrack += r.OnTrack
		t.Judged += r.Judged
		t.Passed += r.Passed
		t.Checks += r.Checks
	}
	t.Rate, t.Coverage = percent(t.Disbursed, t.Allocated), percent(int64(t.Covered), int64(t.Communes))
	return t
}

// Document lays the national report out in landscape: one row per
// province, the national totals, and a chart of staffing coverage.
func (r NationalReport) Document() Document {
	l := r.Lang
	d := Document{Lang: l, Issuer: []string{strings.ToUpper(r.Ministry)}, Place: "Hà Nội", Date: r.Date, Landscape: true,
		Title: l.pick(fmt.Sprintf("Tổng hợp tình hình thực hiện công tác bảo vệ trẻ em năm %d", r.Year),
			fmt.Sprintf("National summary of child-protection work in %d", r.Year)),
		Subtitle:   l.pick("(34 tỉnh, thành phố)", "(34 provinces and cities)"),
		Signatures: []Signature{{Title: l.pick("Người lập biểu", "Prepared by")}, {Title: l.pick("Thủ trưởng đơn vị", "Head of department")}}}
	t := Table{Columns: []Column{{Title: l.pick("Tỉnh, thành phố", "Province"), Width: 2.4}, {Title: l.pick("Kế hoạch", "Plan"), Width: 1.8},
		{Title: l.pick("Kế hoạch chi", "Planned"), Kind: Money, Width: 1.6}, {Title: l.pick("Phân bổ", "Allocated"), Kind: Money, Width: 1.6},
		{Title: l.pick("Đã giải ngân", "Disbursed"), Kind: Money, Width: 1.6}, {Title: l.pick("Tỷ lệ GN (%)", "Rate (%)"), Kind: Decimal, Places: 2, Width: 0.9},
		{Title: l.pick("Xã có người làm BVTE (%)", "Communes with a worker (%)"), Kind: Decimal, Places: 2, Width: 1.1},
		{Title: l.pick("Chỉ tiêu đạt", "Indicators on track"), Width: 0.9}, {Title: l.pick("Tiêu chí đạt", "Checks passed"), Width: 0.9}}}
	chart := BarChart{Kind: Percent, Places: 1, Max: decimal.NewFromInt(1), Target: decimal.NewNullDecimal(decimal.NewFromInt(1))}
	for _, row := range r.Rows {
		t.Rows = append(t.Rows, nationalCells(row))
		chart.Bars = append(chart.Bars, Bar{Label: row.Province, Value: row.Coverage.Div(decimal.NewFromInt(100))})
	}
	t.Totals = nationalCells(r.Total)
	d.Blocks = []Block{Heading{l.pick("I. TỔNG HỢP THEO TỈNH, THÀNH PHỐ", "I. BY PROVINCE")}, t,
		Heading{l.pick("II. TỶ LỆ XÃ, PHƯỜNG, ĐẶC KHU CÓ NGƯỜI LÀM CÔNG TÁC BẢO VỆ TRẺ EM", "II. COMMUNES WITH A CHILD-PROTECTION WORKER")}, chart}
	return d
}

func nationalCells(r NationalRow) []any {
	return []any{r.Province, r.PlanStatus, r.Planned, r.Allocated, r.Disbursed, r.Rate, r.Coverage,
		fmt.Sprintf("%d/%d", r.OnTrack, r.Judged), fmt.Sprintf("%d/%d", r.Passed, r.Checks)}
}
