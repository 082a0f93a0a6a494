package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-chi/chi/v5"

	"baove"
	"baove/access"
	"baove/budget"
	"baove/plans"
)

// planChange is one form of the plan editor: the form it is on the page
// (to show its refusal there), and what it does with the version the
// reader read.
type planChange struct {
	// Form names the form on the page: "activity-new", "activity-31",
	// "line-new-31", "line-51", "target-CP_COMMUNE_WORKER", "submit".
	Form string
	// Do carries the change out through the domain.
	Do func(s *Server, r *http.Request, in url.Values, ref plans.Ref) (plans.ID, error)
	// Done says what was done, on the page shown next (?done=).
	Done string
}

// change runs c on the plan of the request's {id}, then shows the plan
// (Post/Redirect/Get). A refusal shows the plan again with the reader's
// input kept in its form and the domain's messages on its fields; a stale
// revision adds what another person changed meanwhile.
func (s *Server) change(c planChange) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := planID(r)
		if !ok {
			s.notFound(w, r)
			return
		}
		in, err := readForm(r, "partners", "expected_output", "description")
		var to plans.ID
		if err == nil {
			to, err = c.Do(s, r, in, plans.Ref{ID: id, IfMatch: revisionOf(in)})
		}
		if err == nil {
			seeOther(w, r, planPath(to, "?done="+c.Done))
			return
		}
		s.refusedChange(w, r, id, formID(c.Form, r, in), in, err)
	}
}

// refusedChange shows plan id with form's refusal.
func (s *Server) refusedChange(w http.ResponseWriter, r *http.Request, id plans.ID, formID string, in url.Values, err error) {
	f := form{Values: map[string]string{}}
	for k, vs := range in {
		f.Values[k] = vs[0]
	}
	status, ok := s.refused(w, r, err, &f)
	if !ok {
		s.fail(w, r, err)
		return
	}
	view, verr := s.planView(r, id)
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	view.Active, view.Form = formID, f
	if baove.ErrorCode(err) == baove.ESTALE {
		view.Conflict = whatChanged(r.Context(), view, formID, in)
	}
	s.render(w, r, status, planPage(s.page(r, view.Plan.Title), view))
}

// formID names the form of kind on the page: "activity-31" for the form
// of activity 31, "line-new-31" for a new line of it, "target-CODE".
func formID(kind string, r *http.Request, in url.Values) string {
	switch {
	case chi.URLParam(r, "lid") != "":
		return kind + "-" + chi.URLParam(r, "lid")
	case chi.URLParam(r, "aid") != "":
		return kind + "-" + chi.URLParam(r, "aid")
	case kind == "target":
		return kind + "-" + in.Get("indicator_code")
	}
	return kind
}

// callerOf returns the reader of r as the domain knows them.
func callerOf(r *http.Request) access.Caller { return viewerOf(r.Context()).Caller }

// planID returns the plan of the request's {id}.
func planID(r *http.Request) (plans.ID, bool) {
	n, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	return plans.ID(n), err == nil && n > 0
}

// pathID returns the request's {name} as a number, 0 when it is none.
func pathID(r *http.Request, name string) int64 {
	n, _ := strconv.ParseInt(chi.URLParam(r, name), 10, 64)
	return n
}

// revisionOf returns the revision the form was built from; nil when it
// carries none (the domain then asks for one).
func revisionOf(in url.Values) *plans.Revision {
	n, err := strconv.ParseInt(in.Get("revision"), 10, 64)
	if err != nil {
		return nil
	}
	rev := plans.Revision(n)
	return &rev
}

// activityInput reads an activity's fields; a date that is not one is
// refused on its field.
func activityInput(in url.Values) (plans.ActivityInput, error) {
	a := plans.ActivityInput{TaskArea: in.Get("task_area"), Title: in.Get("title"), LeadAgency: in.Get("lead_agency"),
		Partners: in.Get("partners"), ExpectedOutput: in.Get("expected_output")}
	var p baove.Problems
	a.StartsOn = dateField(&p, in, "starts_on")
	a.EndsOn = dateField(&p, in, "ends_on")
	return a, p.Err()
}

func dateField(p *baove.Problems, in url.Values, name string) baove.Date {
	s := in.Get(name)
	if s == "" {
		return baove.Date{}
	}
	d, err := baove.ParseDate(s)
	if err != nil {
		p.AddKey(name, "web.plan.date_invalid", nil, s)
	}
	return d
}

// lineInput reads a budget line's fields; the amount may be typed
// 1.500.000 or 1500000.
func lineInput(in url.Values, activity plans.ActivityID) (budget.LineInput, error) {
	amount, err := budget.ParseTypedVND("amount", in.Get("amount"))
	return budget.LineInput{ActivityID: activity, FundingSource: budget.FundingSource(in.Get("funding_source")), Amount: amount,
		BudgetItem: in.Get("budget_item"), Description: in.Get("description")}, err
}
