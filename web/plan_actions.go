package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"

	"baove"
	"baove/budget"
	"baove/i18n"
	"baove/indicators"
	"baove/plans"
)

// The editor's forms: what each does through the domain, on the version
// the reader read. Adding needs no revision; changing and removing do.
var (
	addActivity = planChange{Form: "activity-new", Done: "added",
		Do: func(s *Server, r *http.Request, in url.Values, ref plans.Ref) (plans.ID, error) {
			a, err := activityInput(in)
			if err == nil {
				_, _, err = s.svc.Plans.AddActivity(r.Context(), callerOf(r), ref.ID, a)
			}
			return ref.ID, err
		}}
	changeActivity = planChange{Form: "activity", Done: "saved",
		Do: func(s *Server, r *http.Request, in url.Values, ref plans.Ref) (plans.ID, error) {
			a, err := activityInput(in)
			if err == nil {
				ar := plans.ActivityRef{Plan: ref, Activity: plans.ActivityID(pathID(r, "aid"))}
				_, err = s.svc.Plans.UpdateActivity(r.Context(), callerOf(r), ar, func(in *plans.ActivityInput) { *in = a })
			}
			return ref.ID, err
		}}
	removeActivity = planChange{Form: "activity", Done: "removed",
		Do: func(s *Server, r *http.Request, in url.Values, ref plans.Ref) (plans.ID, error) {
			ar := plans.ActivityRef{Plan: ref, Activity: plans.ActivityID(pathID(r, "aid"))}
			_, err := s.svc.Plans.DeleteActivity(r.Context(), callerOf(r), ar)
			return ref.ID, err
		}}
	addLine = planChange{Form: "line-new", Done: "added",
		Do: func(s *Server, r *http.Request, in url.Values, ref plans.Ref) (plans.ID, error) {
			l, err := lineInput(in, plans.ActivityID(pathID(r, "aid")))
			if err == nil {
				_, _, err = s.svc.Budget.AddLine(r.Context(), callerOf(r), ref.ID, l)
			}
			return ref.ID, err
		}}
	changeLine = planChange{Form: "line", Done: "saved",
		Do: func(s *Server, r *http.Request, in url.Values, ref plans.Ref) (plans.ID, error) {
			typed, err := lineInput(in, 0)
			if err == nil {
				lr := budget.LineRef{Plan: ref, Line: budget.LineID(pathID(r, "lid"))}
				_, err = s.svc.Budget.UpdateLine(r.Context(), callerOf(r), lr, func(l *budget.LineInput) {
					typed.ActivityID = l.ActivityID // a line stays with its activity
					*l = typed
				})
			}
			return ref.ID, err
		}}
	removeLine = planChange{Form: "line", Done: "removed",
		Do: func(s *Server, r *http.Request, in url.Values, ref plans.Ref) (plans.ID, error) {
			lr := budget.LineRef{Plan: ref, Line: budget.LineID(pathID(r, "lid"))}
			_, err := s.svc.Budget.DeleteLine(r.Context(), callerOf(r), lr)
			return ref.ID, err
		}}
	setTarget = planChange{Form: "target", Done: "saved",
		Do: func(s *Server, r *http.Request, in url.Values, ref plans.Ref) (plans.ID, error) {
			code := indicators.Code(in.Get("indicator_code"))
			if strings.TrimSpace(in.Get("value")) == "" {
				_, err := s.svc.Plans.DeleteTarget(r.Context(), callerOf(r), ref, code)
				return ref.ID, err
			}
			v, err := parseDecimal(langOf(r.Context()), in.Get("value"))
			if err == nil {
				_, err = s.svc.Plans.SetTarget(r.Context(), callerOf(r), ref, plans.Target{Indicator: code, Value: v})
			}
			return ref.ID, err
		}}
	submitPlan = planChange{Form: "submit", Done: "submitted",
		Do: func(s *Server, r *http.Request, in url.Values, ref plans.Ref) (plans.ID, error) {
			_, err := s.svc.Plans.Submit(r.Context(), callerOf(r), ref)
			return ref.ID, err
		}}
	revisePlan = planChange{Form: "revise", Done: "revised",
		Do: func(s *Server, r *http.Request, in url.Values, ref plans.Ref) (plans.ID, error) {
			p, err := s.svc.Plans.Revise(r.Context(), callerOf(r), ref.ID)
			return p.ID, err
		}}
)

// Decimals as each language writes them: "12,5" and "1.234,5" in
// Vietnamese, "12.5" and "1,234.5" in English.
var decimalText = map[i18n.Lang]*regexp.Regexp{
	i18n.VI: regexp.MustCompile(`^(0|[1-9][0-9]*|[1-9][0-9]{0,2}(\.[0-9]{3})+)(,[0-9]+)?$`),
	i18n.EN: regexp.MustCompile(`^(0|[1-9][0-9]*|[1-9][0-9]{0,2}(,[0-9]{3})+)(\.[0-9]+)?$`),
}

// parseDecimal reads a target's value as the reader's language writes it;
// EINVALID on the field "value" otherwise.
func parseDecimal(lang i18n.Lang, s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if !decimalText[lang].MatchString(s) {
		return decimal.Decimal{}, baove.InvalidKey("value", "web.plan.target_syntax", nil, s)
	}
	if lang == i18n.VI {
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	} else {
		s = strings.ReplaceAll(s, ",", "")
	}
	return decimal.NewFromString(s)
}
