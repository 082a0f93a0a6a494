package api

import (
	"github.com/danielgtaylor/huma/v2"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/budget"
	"baove/indicators"
	"baove/plans"
)

// The types below carry a bound of the domain into the OpenAPI schema: each
// states the range or length its domain constant sets, so that the number is
// written once and Huma refuses a request beyond it (422 naming the field)
// before the domain sees it. Huma reads a type's schema from its Schema
// method (huma.SchemaProvider); tags on the field (doc, example, minLength)
// still apply on top.

// Year is a year of plans, budgets, staffing and reports in a request: from
// baove.FirstYear to baove.LastYear.
type Year int

// Schema implements huma.SchemaProvider.
func (Year) Schema(huma.Registry) *huma.Schema { return integer(baove.FirstYear, baove.LastYear) }

// YearFilter is a year that selects what a list shows; 0, or absent, selects
// every year.
type YearFilter int

// Schema implements huma.SchemaProvider.
func (YearFilter) Schema(huma.Registry) *huma.Schema { return integer(0, baove.LastYear) }

// Staff is one number of a commune's staffing: from 0 to indicators.MaxStaff.
type Staff int

// Schema implements huma.SchemaProvider.
func (Staff) Schema(huma.Registry) *huma.Schema { return integer(0, indicators.MaxStaff) }

// AuditLimit is how many audit entries a page holds: at most audit.MaxLimit,
// audit.DefaultLimit when absent.
type AuditLimit int

// Schema implements huma.SchemaProvider.
func (AuditLimit) Schema(huma.Registry) *huma.Schema {
	s := integer(1, audit.MaxLimit)
	s.Default = audit.DefaultLimit
	return s
}

// PageSize is how many ledger entries a page holds: at most
// budget.MaxPageSize, budget.DefaultPageSize when absent.
type PageSize int

// Schema implements huma.SchemaProvider.
func (PageSize) Schema(huma.Registry) *huma.Schema {
	s := integer(1, budget.MaxPageSize)
	s.Default = budget.DefaultPageSize
	return s
}

// Search is what a ledger search looks for: at most budget.MaxSearch
// characters.
type Search string

// Schema implements huma.SchemaProvider.
func (Search) Schema(huma.Registry) *huma.Schema { return text(0, budget.MaxSearch) }

// Title is the title of a plan or an activity, or a task area's name: at most
// plans.MaxTitle characters.
type Title string

// Schema implements huma.SchemaProvider.
func (Title) Schema(huma.Registry) *huma.Schema { return text(0, plans.MaxTitle) }

// Narrative is a plan's narrative: at most plans.MaxNarrative characters.
type Narrative string

// Schema implements huma.SchemaProvider.
func (Narrative) Schema(huma.Registry) *huma.Schema { return text(0, plans.MaxNarrative) }

// LeadAgency is the agency that leads an activity: at most
// plans.MaxLeadAgency characters.
type LeadAgency string

// Schema implements huma.SchemaProvider.
func (LeadAgency) Schema(huma.Registry) *huma.Schema { return text(0, plans.MaxLeadAgency) }

// Partners are the partners of an activity: at most plans.MaxPartners
// characters.
type Partners string

// Schema implements huma.SchemaProvider.
func (Partners) Schema(huma.Registry) *huma.Schema { return text(0, plans.MaxPartners) }

// ExpectedOutput is what an activity is to produce: at most
// plans.MaxExpectedOutput characters.
type ExpectedOutput string

// Schema implements huma.SchemaProvider.
func (ExpectedOutput) Schema(huma.Registry) *huma.Schema { return text(0, plans.MaxExpectedOutput) }

// Description describes a budget line or a payment: at most
// budget.MaxDescription characters.
type Description string

// Schema implements huma.SchemaProvider.
func (Description) Schema(huma.Registry) *huma.Schema { return text(0, budget.MaxDescription) }

// IndicatorName is an indicator's name in one language: at most
// indicators.MaxName characters.
type IndicatorName string

// Schema implements huma.SchemaProvider.
func (IndicatorName) Schema(huma.Registry) *huma.Schema { return text(0, indicators.MaxName) }

// Note says where staffing figures or an indicator value come from: at most
// indicators.MaxNote characters.
type Note string

// Schema implements huma.SchemaProvider.
func (Note) Schema(huma.Registry) *huma.Schema { return text(0, indicators.MaxNote) }

// Username is a username typed at login: at most access.MaxUsernameLength
// characters.
type Username string

// Schema implements huma.SchemaProvider.
func (Username) Schema(huma.Registry) *huma.Schema { return text(0, access.MaxUsernameLength) }

// Password is a password typed at login: at most access.MaxPasswordLength
// (the domain counts bytes, so a longer one in characters is refused there).
type Password string

// Schema implements huma.SchemaProvider.
func (Password) Schema(huma.Registry) *huma.Schema { return text(0, access.MaxPasswordLength) }

// NewPassword is a password being set: at most access.MaxPasswordLength
// bytes. Its other rules (access.checkPassword: length, common, repeated,
// sequences, the username) are the domain's, whose refusal says which.
type NewPassword string

// Schema implements huma.SchemaProvider.
func (NewPassword) Schema(huma.Registry) *huma.Schema { return text(0, access.MaxPasswordLength) }

// integer returns the schema of a whole number from lo to hi.
func integer(lo, hi int) *huma.Schema {
	min, max := float64(lo), float64(hi)
	return &huma.Schema{Type: huma.TypeInteger, Format: "int64", Minimum: &min, Maximum: &max}
}

// text returns the schema of a string of minLen to maxLen characters
// (minLen 0: no lower bound).
func text(minLen, maxLen int) *huma.Schema {
	s := &huma.Schema{Type: huma.TypeString, MaxLength: &maxLen}
	if minLen > 0 {
		s.MinLength = &minLen
	}
	return s
}

// boundPathYear states the range of plan years on o's {year} path
// parameter, when it has one: every {year} of a path names a plan year. The
// handlers take the year as an int, from which Huma builds no range, so the
// range is set here, on the schema Huma documents and validates against.
func boundPathYear(o *huma.Operation) {
	for _, p := range o.Parameters {
		if p.In == "path" && p.Name == "year" {
			y := integer(baove.FirstYear, baove.LastYear)
			p.Schema.Minimum, p.Schema.Maximum = y.Minimum, y.Maximum
			p.Schema.PrecomputeMessages()
		}
	}
}
