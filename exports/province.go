package exports

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"baove"
	"baove/access"
	"baove/assessment"
	"baove/budget"
	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// Sources are the stores reports are built from: the numbers are those the
// API answers with, computed by the same functions.
type Sources struct {
	Units      *units.Store
	Plans      *plans.Store
	Budget     *budget.Store
	Indicators *indicators.Store
	Assessment *assessment.Service
	// Ministry is the name of the ministry in charge of children, for the
	// national report's header, e.g. "Bộ Y tế" (configuration: it changed
	// in 2025 and may again).
	Ministry string
	// Clock dates the reports in the service's zone.
	Clock baove.Clock
}

// ProvinceReport is a province's compliance report for a year as plain
// data, before any layout: the model the PDF is drawn from and the golden
// files check.
type ProvinceReport struct {
	Lang       Lang
	Province   units.Province
	Year       int
	Date       baove.Date
	Plan       *PlanSection // nil without a plan
	Budget     BudgetSection
	Staffing   StaffingSection
	Progress   []ProgressRow
	Compliance []ComplianceRow
}

// CountRow is a labelled count.
type CountRow struct {
	Code, Label string
	Count       int
}

// MoneyRow is a row of figures in whole đồng; Rate is a percentage, null
// when nothing is allocated.
type MoneyRow struct {
	Label                                    string
	Planned, Allocated, Disbursed, Remaining int64
	Rate                                     decimal.NullDecimal
}

// AreaRow is a task area's money: planned and disbursed. Allocations are
// made per province and year, so they appear on the totals row only.
type AreaRow struct {
	Label              string
	Planned, Disbursed int64
}

// BudgetSection is the budget summary and the state of central funds.
// Every table's totals row is the summary's: Total for the rows by source
// and by task area, the central row for central money by task area.
type BudgetSection struct {
	BySource []MoneyRow
	Total    MoneyRow
	// InForce reports whether the lines are those of the plan in force:
	// without one, the province's own sources allocate nothing.
	InForce           bool
	ByTaskArea        []AreaRow
	CentralByTaskArea []AreaRow
	CentralTotal      MoneyRow
	Central           budget.CentralFunds
}

// StaffingSection is the commune staffing coverage with the uncovered
// communes. Without any record the percentages are null: not reported is
// not 0 %.
type StaffingSection struct {
	Total, Recorded, Covered int
	CoveragePercent          decimal.NullDecimal
	CollaboratorPercent      decimal.NullDecimal
	Uncovered                []CountRow // Code and Label of each commune without a worker
}

// ProgressRow is an indicator against its target. Actual is null without
// data; Period says what the figure covers ("2026", "Q1–Q3/2026") and
// whether it is an estimate.
type ProgressRow struct {
	Code, Label, Unit string
	Target            decimal.NullDecimal
	TargetSource      string
	Actual            decimal.NullDecimal
	Period, Status    string
}

// ComplianceRow is a check of the directive and its result.
type ComplianceRow struct {
	Code, Item, Title, Status, Evidence string
}

// Request says which report to build, for whom and in which language.
type Request struct {
	// Caller is who asks: each source checks them.
	Caller   access.Caller
	Province units.ProvinceCode // empty for the national report
	Year     int
	Lang     Lang
}

// BuildProvinceReport gathers r's province's report for its year in its
// language, as its caller sees it: each source checks the caller, so one
// who may not read the province gets their error (EFORBIDDEN) and no report.
func BuildProvinceReport(ctx context.Context, src Sources, req Request) (ProvinceReport, error) {
	c, p, year, lang := req.Caller, req.Province, req.Year, req.Lang
	sum, err := src.Budget.Summary(ctx, c, p, year)
	if err != nil {
		return ProvinceReport{}, err
	}
	prov, err := src.Units.Province(ctx, p)
	if err != nil {
		return ProvinceReport{}, err
	}
	cov, err := src.Indicators.Coverage(ctx, c, p, year)
	if err != nil {
		return ProvinceReport{}, err
	}
	prog, err := src.Assessment.Progress(ctx, c, p, year)
	if err != nil {
		return ProvinceReport{}, err
	}
	comp, err := src.Assessment.Compliance(ctx, c, p, year)
	if err != nil {
		return ProvinceReport{}, err
	}
	areas, err := src.Plans.TaskAreas(ctx)
	if err != nil {
		return ProvinceReport{}, err
	}
	plan, err := fullPlan(ctx, src, c, sum)
	if err != nil {
		return ProvinceReport{}, err
	}
	r := ProvinceReport{Lang: lang, Province: prov, Year: year, Date: src.Clock.Today()}
	r.Plan = planSection(lang, plan, areas, src.Clock)
	r.Budget = budgetSection(lang, sum)
	r.Staffing = staffingSection(cov)
	r.Progress = progressRows(lang, prog)
	r.Compliance = complianceRows(lang, comp)
	return r, nil
}

func budgetSection(lang Lang, s budget.Summary) BudgetSection {
	total := lang.pick("Tổng cộng", "Total")
	b := BudgetSection{Total: moneyRow(total, s.Total), InForce: s.InForce(), Central: s.Central,
		CentralTotal: moneyRow(total, s.Source(budget.Central))}
	for _, r := range s.BySource {
		b.BySource = append(b.BySource, moneyRow(lang.name(string(r.Source)), r.Figures))
	}
	b.ByTaskArea = areaRows(lang, s.ByTaskArea)
	b.CentralByTaskArea = areaRows(lang, s.CentralByTaskArea)
	return b
}

func areaRows(lang Lang, rows []budget.TaskAreaFigures) []AreaRow {
	out := make([]AreaRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, AreaRow{Label: r.TaskArea.Code + ". " + lang.pick(r.TaskArea.NameVI, r.TaskArea.NameEN),
			Planned: int64(r.Planned), Disbursed: int64(r.Disbursed)})
	}
	return out
}

func moneyRow(label string, f budget.Figures) MoneyRow {
	return MoneyRow{Label: label, Planned: int64(f.Planned), Allocated: int64(f.Allocated), Disbursed: int64(f.Disbursed),
		Remaining: int64(f.Remaining), Rate: f.Rate}
}

func staffingSection(c indicators.Coverage) StaffingSection {
	s := StaffingSection{Total: c.Total, Recorded: c.Recorded, Covered: c.Covered}
	if c.Recorded == 0 {
		return s
	}
	if v, ok := c.Workers().Rounded(2); ok {
		s.CoveragePercent = decimal.NewNullDecimal(v)
	}
	if v, ok := c.Collaborators().Rounded(2); ok {
		s.CollaboratorPercent = decimal.NewNullDecimal(v)
	}
	for _, u := range c.Uncovered() {
		s.Uncovered = append(s.Uncovered, CountRow{Code: string(u.Code), Label: u.Name})
	}
	return s
}

func progressRows(lang Lang, p assessment.ProvinceProgress) []ProgressRow {
	rows := make([]ProgressRow, 0, len(p.Items))
	for _, it := range p.Items {
		r := ProgressRow{Code: string(it.Indicator.Code), Label: lang.pick(it.Indicator.NameVI, it.Indicator.NameEN),
			Unit: string(it.Indicator.Unit), Target: decimal.NewNullDecimal(it.Target.Value),
			TargetSource: lang.name(string(it.Target.Source)), Status: lang.name(string(it.Status))}
		if it.Actual != nil {
			if v, ok := it.Actual.Rounded(2); ok {
				r.Actual = decimal.NewNullDecimal(v)
			}
			r.Period = lang.period(*it.Actual)
		}
		rows = append(rows, r)
	}
	return rows
}

// period says what a figure covers: the year, the quarters summed, and
// whether it is an estimate, e.g. "Q1–Q3/2026 (ước tính)".
func (l Lang) period(a assessment.Actual) string {
	s := strconv.Itoa(a.Year)
	if a.Partial() {
		s = quarters(a.Quarters) + "/" + s
	}
	if a.Estimate {
		s += l.pick(" (ước tính)", " (estimate)")
	}
	return s
}

// quarters writes quarters in order: "Q1–Q3" when they follow each other,
// else "Q1, Q3".
func quarters(qs []int) string {
	if qs[len(qs)-1]-qs[0] == len(qs)-1 {
		if len(qs) == 1 {
			return fmt.Sprintf("Q%d", qs[0])
		}
		return fmt.Sprintf("Q%d–Q%d", qs[0], qs[len(qs)-1])
	}
	parts := make([]string, len(qs))
	for i, q := range qs {
		parts[i] = fmt.Sprintf("Q%d", q)
	}
	return strings.Join(parts, ", ")
}

func complianceRows(lang Lang, c assessment.Compliance) []ComplianceRow {
	rows := make([]ComplianceRow, 0, len(c.Results))
	for _, res := range c.Results {
		evidence := res.Evidence.Text(lang.i18n())
		var named []string
		for _, it := range res.Evidence.Items {
			switch {
			case it.State != "": // a value due, which the evidence names with its days
			case it.Name == "":
				named = append(named, it.Code)
			default:
				named = append(named, it.Name)
			}
		}
		if len(named) > 0 {
			evidence += " (" + strings.Join(named, "; ") + ")"
		}
		rows = append(rows, ComplianceRow{Code: res.Code, Item: res.Item, Title: lang.pick(res.TitleVI, res.TitleEN),
			Status: lang.name(string(res.Status)), Evidence: evidence})
	}
	return rows
}
