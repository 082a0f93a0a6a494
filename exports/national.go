package exports

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"baove"
	"baove/access"
	"baove/assessment"
	"baove/budget"
	"baove/indicators"
	"baove/plans"
	"baove/reports"
)

// NationalReport is every province's standing for a year, for the
// ministry's reviewers, as plain data.
type NationalReport struct {
	Lang      Lang
	Year      int
	Date      baove.Date
	Generated time.Time
	// Number is the document's number, 0 before it is registered.
	Number   int
	Settings reports.National
	// Rows are the 34 provinces in the official order of Resolution
	// 202/2025/QH15, which is the order of their codes.
	Rows  []NationalRow
	Total NationalRow
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
// says how many those are. Indicators, in the catalogue's order, give the
// national workbook each indicator's figure against the province's
// target; Reported of Targeted says how many of them have data.
type NationalRow struct {
	Code, Province, PlanStatus      string
	PlanStatusCode                  string
	Planned, Allocated, Disbursed   int64
	Rate                            decimal.NullDecimal
	BySource                        []MoneyRow // central, provincial, commune, other
	Communes, Recorded, Covered     int
	Coverage                        decimal.NullDecimal
	Reporting, Provinces            int
	OnTrack, Judged, Passed, Checks int
	Reported, Targeted              int
	Indicators                      []ProgressRow `json:"-"`
	// PlanID is the version that counts (0 without a plan) and Issuance
	// how it was issued (nil unless it is in force).
	PlanID   int64           `json:",omitempty"`
	Issuance *plans.Issuance `json:",omitempty"`
}

// NationalFigureRow is an indicator rolled up over the provinces: its value
// over those that reported, how many did, and its status; for a target
// every province must meet, how many meet theirs.
type NationalFigureRow struct {
	Code, Label        string
	Unit               indicators.Unit
	Comparator         string
	Value, Target      decimal.NullDecimal
	Reporting, Meeting string // "31/34"; Meeting only for a target per province
	Partial, Estimate  bool
	Status             string
}

// fundingSources are the sources in the order every table lists them.
var fundingSources = []budget.FundingSource{budget.Central, budget.Provincial, budget.Commune, budget.Other}

// BuildNationalReport gathers every province's figures for year, reading
// all provinces at once (the budget figures, then progress, staffing
// tallies and compliance from one set of facts) rather than a round of reads
// per province. Only a reviewer may (EFORBIDDEN otherwise).
func BuildNationalReport(ctx context.Context, src Sources, req Request) (NationalReport, error) {
	c, year, lang := req.Caller, req.Year, req.Lang
	if err := c.Require(access.Reviewer); err != nil {
		return NationalReport{}, err
	}
	figures, err := src.Assessment.NationalFigures(ctx, c, year)
	if err != nil {
		return NationalReport{}, err
	}
	sums, national := figures.Budgets, figures.National
	settings, err := src.Settings.National(ctx, c)
	if err != nil {
		return NationalReport{}, err
	}
	r := NationalReport{Lang: lang, Year: year, Date: src.Clock.Today(), Generated: src.Clock.Now(), Number: req.Number,
		Settings: settings}
	for i, pp := range national.Progress.Provinces {
		code := pp.Province.Code
		r.Rows = append(r.Rows, nationalRow(lang, provinceFigures{pp, sums[code], national.Coverage[code], national.Compliance[i]}))
	}
	slices.SortFunc(r.Rows, func(a, b NationalRow) int { return strings.Compare(a.Code, b.Code) })
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
	row := NationalRow{Code: string(p.Code), Province: p.Name, PlanStatus: lang.name("none"), PlanStatusCode: "none",
		Planned: int64(sum.Total.Planned), Allocated: int64(sum.Total.Allocated), Disbursed: int64(sum.Total.Disbursed),
		Rate: sum.Total.Rate, Provinces: 1, Communes: cov.Total, Recorded: cov.Recorded}
	for _, src := range fundingSources {
		row.BySource = append(row.BySource, moneyRow(lang.name(string(src)), sum.Source(src)))
	}
	if cov.Recorded > 0 {
		row.Covered, row.Reporting = cov.Covered, 1
		row.Coverage = percent(int64(cov.Covered), int64(cov.Total))
	}
	if sum.Plan != nil {
		row.PlanStatus, row.PlanStatusCode = lang.name(string(sum.Plan.Status)), string(sum.Plan.Status)
		row.PlanID, row.Issuance = int64(sum.Plan.ID), sum.Plan.Issuance
	}
	row.Indicators = progressRows(lang, pp)
	for _, it := range row.Indicators {
		row.Targeted++
		if it.Actual.Valid {
			row.Reported++
		}
		switch progressGroup(it.StatusCode) {
		case "good":
			row.OnTrack++
			row.Judged++
		case "bad":
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
	for _, src := range fundingSources {
		t.BySource = append(t.BySource, MoneyRow{Label: lang.name(string(src))})
	}
	for _, r := range rows {
		t.Planned, t.Allocated, t.Disbursed = t.Planned+r.Planned, t.Allocated+r.Allocated, t.Disbursed+r.Disbursed
		for i, m := range r.BySource {
			s := &t.BySource[i]
			s.Planned, s.Allocated, s.Disbursed, s.Remaining = s.Planned+m.Planned, s.Allocated+m.Allocated, s.Disbursed+m.Disbursed,
				s.Remaining+m.Remaining
		}
		t.Communes, t.Recorded, t.Reporting, t.Provinces = t.Communes+r.Communes, t.Recorded+r.Recorded, t.Reporting+r.Reporting, t.Provinces+r.Provinces
		if r.Coverage.Valid {
			t.Covered += r.Covered
		}
		t.OnTrack, t.Judged, t.Passed, t.Checks = t.OnTrack+r.OnTrack, t.Judged+r.Judged, t.Passed+r.Passed, t.Checks+r.Checks
		t.Reported, t.Targeted = t.Reported+r.Reported, t.Targeted+r.Targeted
	}
	for i := range t.BySource {
		t.BySource[i].Rate = percent(t.BySource[i].Disbursed, t.BySource[i].Allocated)
	}
	t.Rate, t.Coverage = percent(t.Disbursed, t.Allocated), percent(int64(t.Covered), int64(t.reportedCommunes(rows)))
	return t
}

// reportedCommunes counts the communes of the provinces that reported
// staffing: the national coverage is over them.
func (t NationalRow) reportedCommunes(rows []NationalRow) int {
	n := 0
	for _, r := range rows {
		if r.Coverage.Valid {
			n += r.Communes
		}
	}
	return n
}

func figureRow(lang Lang, f assessment.NationalFigure) NationalFigureRow {
	r := NationalFigureRow{Code: string(f.Indicator.Code), Label: lang.pick(f.Indicator.NameVI, f.Indicator.NameEN),
		Unit: f.Indicator.Unit, Reporting: fmt.Sprintf("%d/%d", f.Provinces, f.Total), Partial: f.Partial, Estimate: f.Estimate,
		Status: lang.name(string(f.Status))}
	if f.Provinces > 0 {
		if v, ok := f.Measure.Rounded(2); ok {
			r.Value = decimal.NewNullDecimal(v)
		}
	}
	if f.Target != nil {
		r.Target = decimal.NewNullDecimal(f.Target.Value)
		r.Comparator = comparatorOf(f.Indicator, *f.Target)
	}
	if f.PerProvince {
		r.Meeting = fmt.Sprintf("%d/%d", f.Meeting, f.Total)
	}
	return r
}
