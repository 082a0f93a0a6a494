package assessment

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"baove"
	"baove/budget"
	"baove/i18n"
	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// CheckStatus is the outcome of a compliance check.
type CheckStatus string

// Check outcomes.
const (
	Pass          CheckStatus = "pass"
	Fail          CheckStatus = "fail"
	Warn          CheckStatus = "warn"           // not yet a failure, but behind
	NotApplicable CheckStatus = "not_applicable" // nothing to judge: no commune, no central money, no plan in force to pay from, no quarter over
)

// Check is one requirement of the directive that a province's data can
// show met or not: one row of the catalogue.
type Check struct {
	Code    string
	Item    string // the directive's item, e.g. "2.2"
	TitleVI string
	TitleEN string
	run     func(Facts) (CheckStatus, Evidence)
}

// checks is the catalogue in directive order. A new check is one function
// (in checks.go) and one row here.
var checks = []Check{
	{"HOTLINE_ACTIVITY", "1.3", "Có hoạt động truyền thông Tổng đài 111 và đầu mối tiếp nhận thông tin", "An activity for hotline 111 and a focal point is planned", activity("1.3")},
	{"COORDINATION_ACTIVITY", "2.1", "Có hoạt động kiện toàn tổ chức phối hợp liên ngành về trẻ em", "An activity for the inter-sectoral coordination body is planned", activity("2.1")},
	{"COMMUNE_WORKERS", "2.2", "Mọi xã, phường, đặc khu có người làm công tác bảo vệ trẻ em", "Every commune has a child-protection worker", communeWorkers},
	{"PLAN_APPROVED", "3.1", "Kế hoạch năm được tỉnh ban hành", "The year's plan is issued by the province", planIssued},
	{"SIGNED_PLAN", "3.1", "Kế hoạch ban hành có bản scan có chữ ký đính kèm", "The issued plan's signed scan is attached", signedPlan},
	{"LOCAL_BUDGET", "3.1", "Bố trí ngân sách địa phương (tỉnh hoặc xã)", "Local budget (provincial or commune) is allocated", localBudget},
	{"DISBURSEMENT_PACE", "3.1", "Giải ngân đạt tiến độ dự kiến", "Disbursement keeps the expected pace", disbursementPace},
	{"CENTRAL_ELIGIBLE", "3.2", "Kinh phí trung ương chỉ dùng cho nhiệm vụ được hỗ trợ", "Central funds only on eligible task areas", centralEligible},
	{"CENTRAL_WITHIN_ALLOCATION", "3.2", "Giải ngân kinh phí trung ương trong phạm vi được phân bổ", "Central disbursements within the allocation", centralWithinAllocation},
	{"ABUSE_DATA", "3.3", "Báo cáo số liệu định kỳ về trẻ em bị xâm hại đúng hạn", "Periodic data on abused children reported on time", periodicData},
	{"ACTION_MONTH_ACTIVITY", "5.3", "Có hoạt động Tháng hành động vì trẻ em", "An Action Month for Children activity is planned", activity("5.3")},
}

// Checks returns the catalogue of checks in directive order.
func Checks() []Check { return slices.Clone(checks) }

// Facts are what the checks read of a province and year.
type Facts struct {
	Year  int
	Today baove.Date
	// Plan is the province's plan for the year: the content checks judge
	// the version in force only, and name a pending one beside it.
	Plan plans.Standing
	// Budget is the province's budget summary for the year.
	Budget budget.Summary
	// Coverage is the commune staffing of the year: its counts decide, and
	// Communes holds at least the uncovered communes, which checks name.
	Coverage indicators.Coverage
	// SignedScan tells whether the plan version in force carries its
	// signed scan (an attachment of kind signed_plan).
	SignedScan bool
	// Reports are the values the reporting calendar asks of the province
	// for Year, judged as of Today.
	Reports []indicators.Report
}

// Evidence says why a check came out as it did.
type Evidence struct {
	// Sentences say it, in order, as catalogue keys with their arguments:
	// the API and the reports render them in the reader's language (Text).
	Sentences []Sentence
	Figures   []Figure // the numbers behind it
	Items     []Item   // what it names: uncovered communes, missing quarters, task areas
}

// Sentence is a message of the catalogue (assessment.txt) with its
// arguments.
type Sentence struct {
	Key  string
	Args i18n.Args
}

// Text returns the evidence in lang, its sentences joined by a space.
func (e Evidence) Text(lang i18n.Lang) string {
	parts := make([]string, len(e.Sentences))
	for i, s := range e.Sentences {
		parts[i] = i18n.Text(lang, s.Key, s.Args)
	}
	return strings.Join(parts, " ")
}

// Figure is a named number, written exactly (whole đồng, decimals as text).
type Figure struct {
	Name, Value string
}

// Item is a thing a check names, with its code: a commune, a task area, a
// value due (Code "CP_ABUSE_CASES/2026-Q3", with its State and DaysLate).
// Name is its Vietnamese name; NameEN, when it has one (a task area), its
// English name.
type Item struct {
	Code, Name string
	NameEN     string
	State      indicators.ReportState
	DaysLate   int
}

// NameIn returns the item's name in lang: the English name for an English
// reader when the item has one, else the Vietnamese name (a commune's name
// is the same in both).
func (it Item) NameIn(lang i18n.Lang) string {
	if lang == i18n.EN && it.NameEN != "" {
		return it.NameEN
	}
	return it.Name
}

// Result is a check applied to a province and year.
type Result struct {
	Check
	Status   CheckStatus
	Evidence Evidence
}

// Compliance is the result of every check for a province and year.
type Compliance struct {
	Province units.Province
	Year     int
	Today    baove.Date
	Results  []Result
}

// Evaluate runs every check of the catalogue on f.
func Evaluate(f Facts) []Result {
	out := make([]Result, len(checks))
	for i, c := range checks {
		status, ev := c.run(f)
		out[i] = Result{Check: c, Status: status, Evidence: ev}
	}
	return out
}

// say returns evidence saying the catalogue's "assessment.<key>" with
// args.
func say(key string, args i18n.Args) Evidence {
	return Evidence{Sentences: []Sentence{{Key: "assessment." + key, Args: args}}}
}

// also returns e with the sentence of key appended.
func (e Evidence) also(key string, args i18n.Args) Evidence {
	e.Sentences = append(e.Sentences, Sentence{Key: "assessment." + key, Args: args})
	return e
}

// with returns e with one more figure.
func (e Evidence) with(name string, v any) Evidence {
	e.Figures = append(e.Figures, Figure{Name: name, Value: fmt.Sprint(v)})
	return e
}

// ExpectedPace returns the share of the year's allocation expected to be
// disbursed by the end of today, as a percentage: linear over the budget
// year (the calendar year), i.e. the days from 1 January to today inclusive
// over the days of the year; 100 once the year is over. It reports false
// before the year starts.
func ExpectedPace(year int, today baove.Date) (decimal.Decimal, bool) {
	first, last := baove.NewDate(year, 1, 1), baove.NewDate(year, 12, 31)
	switch {
	case today.Before(first):
		return decimal.Zero, false
	case today.After(last):
		return decimal.NewFromInt(100), true
	}
	const day = 24 * time.Hour
	elapsed := int64(today.Time().Sub(first.Time())/day) + 1
	days := int64(last.Time().Sub(first.Time())/day) + 1
	return decimal.NewFromInt(elapsed * 100).Div(decimal.NewFromInt(days)), true
}
