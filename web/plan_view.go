package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"baove"
	"baove/access"
	"baove/attachments"
	"baove/budget"
	"baove/i18n"
	"baove/indicators"
	"baove/plans"
)

// planView is what the plan page shows: the version, its activities with
// their budget lines, the totals, the targets beside the national ones, its
// versions and history, and when the reader may edit it, the editor's
// forms.
type planView struct {
	Plan        plans.Plan
	Province    string
	Updated     string
	Versions    []plans.Plan
	History     []eventRow
	Issuance    *issuanceView
	Comments    []commentRow
	Attachments []attachmentRow
	// MayAttach is set when the version was issued and the reader may
	// attach its signed scan (its province's planner or approver).
	MayAttach  bool
	Activities []activityView
	Totals     []sourceTotal
	Total      budget.VND
	Targets    []targetRow
	Areas      []areaOption
	Reports    []link
	// Missing says what the version lacks before submission (when it may
	// still be submitted).
	Missing []fieldError
	// Editable is set when the reader may change the version now; Revise
	// when they may start a revision of it.
	Editable, Revise bool
	// Done says what the reader's last change did ("" after none).
	Done string
	// Active names the form that was refused ("" for none); Form holds what
	// was typed in it and its messages.
	Active string
	Form   form
	// Conflict lists what another person changed while the reader edited.
	Conflict []string
}

// activityView is an activity with its budget lines and their totals.
type activityView struct {
	plans.Activity
	Area    string
	Lines   []budget.Line
	Totals  []sourceTotal
	Total   budget.VND
	Central bool // central funds may pay for its task area in the plan's year
}

// sourceTotal is what is planned from one funding source.
type sourceTotal struct {
	Source budget.FundingSource
	Amount budget.VND
}

// targetRow is an indicator of the catalogue with the plan's target and
// the national one.
type targetRow struct {
	Code     indicators.Code
	Name     string
	Unit     string
	National string          // "" when there is none for the year
	Value    decimal.Decimal // the plan's target, when Set
	Set      bool
}

// areaOption is a task area as the activity form offers it.
type areaOption struct {
	Code, Name string
	Central    bool
}

// eventRow is a step of the plan's history in words.
type eventRow struct {
	At, Actor, Action, Reason string
	To                        plans.Status
}

// planView reads plan id and all the page shows for the reader.
func (s *Server) planView(r *http.Request, id plans.ID) (planView, error) {
	ctx := r.Context()
	v := viewerOf(ctx)
	p, err := s.svc.Plans.Plan(ctx, v.Caller, id)
	if err != nil {
		return planView{}, err
	}
	view := planView{Plan: p, Updated: s.when(ctx, p.UpdatedAt), Done: r.URL.Query().Get("done")}
	view.Editable = p.Editable() && v.Caller.CanAct(p.Province, access.Planner) == nil
	view.Revise = p.Status == plans.Approved && v.Caller.CanAct(p.Province, access.Planner) == nil
	view.MayAttach = (p.Status == plans.Approved || p.Status == plans.Superseded) &&
		attachments.MayAdd(v.Caller, attachments.OnPlan, p.Province) == nil
	steps := []func(context.Context, *planView) error{s.planProvince, s.planActivities, s.planTargets, s.planVersions, s.planMissing,
		s.planComments, s.planAttachments}
	for _, step := range steps {
		if err := step(ctx, &view); err != nil {
			return view, err
		}
	}
	view.History = s.planHistory(ctx, p)
	view.Issuance = issuanceOf(ctx, p.Issuance)
	view.Reports = planReports(ctx, p)
	return view, nil
}

func (s *Server) planProvince(ctx context.Context, view *planView) error {
	pr, err := s.svc.Units.Province(ctx, view.Plan.Province)
	view.Province = pr.Name
	return err
}

// planActivities fills the activities with their lines, the totals, and
// the task areas the activity form offers.
func (s *Server) planActivities(ctx context.Context, view *planView) error {
	p := view.Plan
	areas, err := s.svc.Plans.TaskAreas(ctx)
	if err != nil {
		return err
	}
	names := map[string]areaOption{}
	for _, a := range areas {
		o := areaOption{Code: a.Code, Name: a.NameVI, Central: a.EligibleIn(p.Year)}
		if langOf(ctx) == i18n.EN {
			o.Name = a.NameEN
		}
		names[a.Code] = o
		view.Areas = append(view.Areas, o)
	}
	lines, err := s.svc.Budget.Lines(ctx, viewerOf(ctx).Caller, p.ID)
	if err != nil {
		return err
	}
	for _, a := range p.Activities {
		av := activityView{Activity: a, Area: names[a.TaskArea].Name, Central: names[a.TaskArea].Central}
		for _, l := range lines {
			if l.ActivityID == a.ID {
				av.Lines = append(av.Lines, l)
			}
		}
		av.Totals, av.Total = totals(av.Lines)
		view.Activities = append(view.Activities, av)
	}
	view.Totals, view.Total = totals(lines)
	return nil
}

// totals returns what lines plan by funding source, in report order, and in
// all.
func totals(lines []budget.Line) ([]sourceTotal, budget.VND) {
	by, all := budget.SourceTotals(lines)
	out := make([]sourceTotal, len(budget.Sources))
	for i, src := range budget.Sources {
		out[i] = sourceTotal{Source: src, Amount: by[src]}
	}
	return out, all
}

// planTargets sets a row for every indicator a plan may target: the
// catalogue's, except the computed ones, with the national target of the
// plan's year.
func (s *Server) planTargets(ctx context.Context, view *planView) error {
	cat, err := s.svc.Indicators.Catalogue(ctx)
	if err != nil {
		return err
	}
	set := map[indicators.Code]decimal.Decimal{}
	for _, t := range view.Plan.Targets {
		set[t.Indicator] = t.Value
	}
	for _, ind := range cat {
		row := targetRow{Code: ind.Code, Name: ind.NameVI, Unit: unitName(ctx, ind.Unit)}
		if langOf(ctx) == i18n.EN {
			row.Name = ind.NameEN
		}
		if nt, ok := ind.NationalTarget(view.Plan.Year); ok {
			row.National = comparators.Replace(nt.Comparator) + " " + Num(ctx, nt.Value)
		}
		row.Value, row.Set = set[ind.Code]
		view.Targets = append(view.Targets, row)
	}
	return nil
}

// comparators writes a national target's comparator as people read it.
var comparators = strings.NewReplacer(">=", "≥", "<=", "≤")

// unitName names a unit of measure in words.
func unitName(ctx context.Context, u indicators.Unit) string {
	switch u {
	case indicators.Percent:
		return T(ctx, "web.plan.unit.percent")
	case indicators.Count:
		return T(ctx, "web.plan.unit.count")
	case indicators.Per100k:
		return T(ctx, "web.plan.unit.per_100k")
	}
	return string(u)
}

func (s *Server) planVersions(ctx context.Context, view *planView) error {
	versions, err := s.svc.Plans.Versions(ctx, viewerOf(ctx).Caller, view.Plan.ID)
	view.Versions = versions
	return err
}

// planMissing says what the version lacks before submission, when the
// reader may submit it.
func (s *Server) planMissing(ctx context.Context, view *planView) error {
	if !view.Editable {
		return nil
	}
	missing, err := s.svc.Plans.Missing(ctx, viewerOf(ctx).Caller, view.Plan.ID)
	for _, m := range missing {
		view.Missing = append(view.Missing, fieldError{Field: m.Field, Text: m.Text(langOf(ctx))})
	}
	return err
}

func (s *Server) planHistory(ctx context.Context, p plans.Plan) []eventRow {
	out := make([]eventRow, 0, len(p.History))
	for _, e := range p.History {
		out = append(out, eventRow{At: s.when(ctx, e.At), Actor: e.Actor, Action: actionName(ctx, e.Action), Reason: e.Reason,
			To: e.ToStatus})
	}
	return out
}

// actionName names a step of the workflow in words.
func actionName(ctx context.Context, action string) string {
	keys := map[string]string{"create": "web.plan.action.create", "submit": "web.plan.action.submit",
		"approve": "web.plan.action.approve", "return": "web.plan.action.return", "revise": "web.plan.action.revise",
		"supersede": "web.plan.action.supersede"}
	if key, ok := keys[action]; ok {
		return T(ctx, key)
	}
	return action
}

// planReports links the province's reports of the plan's year, which the
// API serves and the session cookie opens.
func planReports(ctx context.Context, p plans.Plan) []link {
	base := "/api/v1/provinces/" + string(p.Province) + "/reports/" + strconv.Itoa(p.Year)
	args := i18n.Args{"year": p.Year}
	return []link{{Text: Tf(ctx, "web.nav.report_pdf", args), URL: base + ".pdf?lang=" + string(langOf(ctx)), File: true},
		{Text: Tf(ctx, "web.nav.report_xlsx", args), URL: base + ".xlsx", File: true}}
}

// planTargetText writes the plan's target of t as the reader's language writes
// a number ("12,5"), "" when there is none.
func planTargetText(ctx context.Context, t targetRow) string {
	if !t.Set {
		return ""
	}
	return Num(ctx, t.Value)
}

// period writes when an activity runs, "01/03/2026 – 30/11/2026", with
// only the dates it has; "" without any.
func period(ctx context.Context, a plans.Activity) string {
	var parts []string
	for _, d := range []baove.Date{a.StartsOn, a.EndsOn} {
		if !d.IsZero() {
			parts = append(parts, Num(ctx, d))
		}
	}
	return strings.Join(parts, " – ")
}
