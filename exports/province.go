package exports

import (
	"context"
	"time"

	"github.com/shopspring/decimal"

	"baove"
	"baove/access"
	"baove/assessment"
	"baove/budget"
	"baove/indicators"
	"baove/plans"
	"baove/reports"
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
	// Settings say who issues, signs and receives each report and how it
	// cites the 2017 letter.
	Settings *reports.Store
	// People name the users a report mentions by their full names.
	People People
	// Clock dates the reports in the service's zone.
	Clock baove.Clock
}

// People names users by their full names.
type People interface {
	// FullNames returns every user's full name by username.
	FullNames(ctx context.Context) (map[string]string, error)
}

// ProvinceReport is a province's report for a year as plain data, before
// any layout: the model the PDF is drawn from and the golden files check.
type ProvinceReport struct {
	Lang      Lang
	Province  units.Province
	Year      int
	Date      baove.Date
	Generated time.Time
	// Number is the document's number, 0 before it is registered.
	Number   int
	Settings reports.Province
	Letter   reports.Letter
	Plan     *PlanSection // nil without a plan
	Budget   BudgetSection
	// Pace is the share of the year's allocation expected to be disbursed
	// by the report's date, in percent; null before the year starts.
	Pace       decimal.NullDecimal
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
	// Sources are the funding sources of BySource, in its order.
	Sources []budget.FundingSource
	Total   MoneyRow
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

// ProgressRow is an indicator against its target, in the indicator's
// unit. Comparator says how the target is met ("≥", "≤", "<"; none for an
// indicator only monitored). Actual is null without data; Period says what
// the figure covers ("Năm 2026", "9 tháng đầu năm 2026") and whether it is
// an estimate.
type ProgressRow struct {
	Code, Label       string
	Unit              indicators.Unit
	Comparator        string
	Target            decimal.NullDecimal
	TargetSource      string
	Actual            decimal.NullDecimal
	Period, Status    string
	StatusCode        assessment.Status
	Estimate, Partial bool
}

// ComplianceRow is a check of the letter and its result.
type ComplianceRow struct {
	Code, Item, Title, Status, Evidence string
	StatusCode                          assessment.CheckStatus
}

// Request says which report to build, for whom and in which language.
type Request struct {
	// Caller is who asks: each source checks them.
	Caller   access.Caller
	Province units.ProvinceCode // empty for the national report
	Year     int
	Lang     Lang
	// Number is the document's number when it is registered; 0 leaves it
	// blank, to be written in by hand.
	Number int
}

// BuildProvinceReport gathers r's province's report for its year in its
// language, as its caller sees it: each source checks the caller, so one
// who may not read the province gets their error (EFORBIDDEN) and no report.
func BuildProvinceReport(ctx context.Context, src Sources, req Request) (ProvinceReport, error) {
	f, err := readProvince(ctx, src, req)
	if err != nil {
		return ProvinceReport{}, err
	}
	lang, today := req.Lang, src.Clock.Today()
	r := ProvinceReport{Lang: lang, Province: f.province, Year: req.Year, Date: today, Generated: src.Clock.Now(),
		Number: req.Number, Settings: f.settings, Letter: f.national.Letter}
	r.Plan = planSection(lang, f, src.Clock)
	r.Budget = budgetSection(lang, f.summary)
	if pace, started := assessment.ExpectedPace(req.Year, today); started {
		r.Pace = decimal.NewNullDecimal(pace.Round(2))
	}
	r.Staffing = staffingSection(f.coverage)
	r.Progress = progressRows(lang, f.progress)
	r.Compliance = complianceRows(lang, f.compliance)
	return r, nil
}

// provinceFacts are what a province's report reads.
type provinceFacts struct {
	province   units.Province
	settings   reports.Province
	national   reports.National
	summary    budget.Summary
	coverage   indicators.Coverage
	progress   assessment.ProvinceProgress
	compliance assessment.Compliance
	areas      []plans.TaskArea
	plan       *plans.Plan
	names      map[string]string
}

func readProvince(ctx context.Context, src Sources, req Request) (provinceFacts, error) {
	c, p, year := req.Caller, req.Province, req.Year
	var f provinceFacts
	var err error
	steps := []func() error{
		func() error { f.summary, err = src.Budget.Summary(ctx, c, p, year); return err },
		func() error { f.province, err = src.Units.Province(ctx, p); return err },
		func() error { f.settings, err = src.Settings.Province(ctx, c, p); return err },
		func() error { f.national, err = src.Settings.National(ctx, c); return err },
		func() error { f.coverage, err = src.Indicators.Coverage(ctx, c, p, year); return err },
		func() error { f.progress, err = src.Assessment.Progress(ctx, c, p, year); return err },
		func() error { f.compliance, err = src.Assessment.Compliance(ctx, c, p, year); return err },
		func() error { f.areas, err = src.Plans.TaskAreas(ctx); return err },
		func() error { f.plan, err = fullPlan(ctx, src, c, f.summary); return err },
		func() error { f.names, err = src.People.FullNames(ctx); return err },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return provinceFacts{}, err
		}
	}
	return f, nil
}

// personName is a user's full name, or their username when they have none.
func personName(names map[string]string, username string) string {
	if n := names[username]; n != "" {
		return n
	}
	return username
}

func budgetSection(lang Lang, s budget.Summary) BudgetSection {
	total := lang.pick("Tổng cộng", "Total")
	b := BudgetSection{Total: moneyRow(total, s.Total), InForce: s.InForce(), Central: s.Central,
		CentralTotal: moneyRow(total, s.Source(budget.Central))}
	for _, r := range s.BySource {
		b.BySource = append(b.BySource, moneyRow(lang.name(string(r.Source)), r.Figures))
		b.Sources = append(b.Sources, r.Source)
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
