package exports

import (
	"context"

	"baove"
	"baove/access"
	"baove/budget"
	"baove/plans"
)

// PlanSection is the plan that counts for the year and its history.
type PlanSection struct {
	Title, Status string
	StatusCode    plans.Status
	Version       int
	// Issuance is the document by which the province issued the version;
	// nil until it is issued.
	Issuance   *IssuanceRow
	Activities []CountRow // per task area
	History    []HistoryRow
}

// IssuanceRow is the document that issued a plan as a report prints it:
// its number and symbol ("chưa có số" / "no number" when none was
// recorded), its date and who signed it as what (empty when not recorded).
type IssuanceRow struct {
	DocumentNo              string
	IssuedOn                baove.Date
	SignerTitle, SignerName string
}

// HistoryRow is a step of the plan's review, its actor by full name;
// Document is the number of
// the document an issuance step recorded.
type HistoryRow struct {
	Date                baove.Date
	Step, Actor, Status string
	Reason, Document    string
}

// fullPlan reads the summary's plan with its activities and history; nil
// without a plan.
func fullPlan(ctx context.Context, src Sources, c access.Caller, sum budget.Summary) (*plans.Plan, error) {
	if sum.Plan == nil {
		return nil, nil
	}
	p, err := src.Plans.Plan(ctx, c, sum.Plan.ID)
	return &p, err
}

func planSection(lang Lang, f provinceFacts, clock baove.Clock) *PlanSection {
	p := f.plan
	if p == nil {
		return nil
	}
	s := &PlanSection{Title: p.Title, Status: lang.name(string(p.Status)), StatusCode: p.Status, Version: p.Version,
		Issuance: issuanceRow(lang, p.Issuance)}
	count := map[string]int{}
	for _, a := range p.Activities {
		count[a.TaskArea]++
	}
	for _, ta := range f.areas {
		if count[ta.Code] > 0 {
			s.Activities = append(s.Activities, CountRow{ta.Code, lang.pick(ta.NameVI, ta.NameEN), count[ta.Code]})
		}
	}
	for _, e := range p.History {
		h := HistoryRow{Date: clock.Day(e.At), Step: lang.name(e.Action), Actor: personName(f.names, e.Actor),
			Status: lang.name(string(e.ToStatus)), Reason: e.Reason}
		if e.Issuance != nil {
			h.Document = e.Issuance.DocumentNoText(lang.i18n())
		}
		s.History = append(s.History, h)
	}
	return s
}

func issuanceRow(lang Lang, is *plans.Issuance) *IssuanceRow {
	if is == nil {
		return nil
	}
	return &IssuanceRow{DocumentNo: is.DocumentNoText(lang.i18n()), IssuedOn: is.IssuedOn, SignerTitle: is.SignerTitle,
		SignerName: is.SignerName}
}
