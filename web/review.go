package web

import (
	"net/http"
	"strconv"

	"baove"
	"baove/access"
	"baove/plans"
)

// reviewQueue lists the plans and revisions of the approver's province that
// wait for their decision (submitted), oldest first.
func (s *Server) reviewQueue(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c := viewerOf(ctx).Caller
	if err := c.Require(access.Approver); err != nil {
		s.fail(w, r, err)
		return
	}
	waiting, err := s.svc.Plans.Plans(ctx, c, plans.Filter{Status: plans.Submitted})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := make([]queueRow, len(waiting))
	for i, p := range waiting {
		rows[i] = queueRow{Plan: p, At: s.when(ctx, p.UpdatedAt)}
	}
	s.render(w, r, http.StatusOK, reviewQueuePage(s.page(r, T(ctx, "web.review.queue_title")), rows))
}

// queueRow is a plan waiting for the approver, and since when.
type queueRow struct {
	Plan plans.Plan
	At   string
}

// reviewView is the review page: the plan, and the approver's two forms.
type reviewView struct {
	planRead
	Approve, Return form
	// Done says what the approver just did ("approved", "returned"), after
	// the redirect.
	Done string
	// Today is the default date of issuance.
	Today baove.Date
}

// reviewPage shows a submitted plan to its province's approver, with what
// changed since the version in force and the forms that issue or return
// it.
func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) {
	s.renderReview(w, r, http.StatusOK, reviewView{Done: r.URL.Query().Get("done")})
}

func (s *Server) renderReview(w http.ResponseWriter, r *http.Request, status int, v reviewView) {
	ctx := r.Context()
	id, ok := idParam(r, "id")
	c := viewerOf(ctx).Caller
	if err := c.Require(access.Approver); err != nil || !ok {
		s.fail(w, r, orNotFound(err))
		return
	}
	read, err := s.readPlan(ctx, plans.ID(id))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.planRead, v.Today = read, s.svc.Clock.Today()
	s.render(w, r, status, reviewPage(s.page(r, T(ctx, "web.review.page_title")), v))
}

// orNotFound returns err, or the not-found error of a page when err is nil
// (a path whose id is not a number).
func orNotFound(err error) error {
	if err != nil {
		return err
	}
	return baove.E(baove.ENOTFOUND, "web.error.not_found.text", nil)
}

// approvePlan issues the plan with the document the form names: number,
// date, signer and title; a refusal shows the form again with each message
// on its field.
func (s *Server) approvePlan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in, err := readForm(r)
	id, _ := idParam(r, "id")
	if err == nil {
		is := plans.Issuance{DocumentNo: in.Get("document_no"), SignerName: in.Get("signer_name"), SignerTitle: in.Get("signer_title")}
		date := in.Get("issued_on")
		if is.IssuedOn, err = baove.ParseDate(date); err != nil && date != "" {
			err = baove.InvalidKey("issued_on", "plan.issue.date_form", nil, date)
		} else { // an empty date is the domain's to refuse, with the other fields
			_, err = s.svc.Plans.Approve(ctx, viewerOf(ctx).Caller, planRef(id, in), is)
		}
	}
	if err != nil {
		v := reviewView{Approve: form{Values: formValues(in)}}
		s.refusedReview(w, r, err, &v, &v.Approve)
		return
	}
	seeOther(w, r, "/review/"+strconv.FormatInt(id, 10)+"?done=approved")
}

// returnPlan sends the plan back to its planner with the form's reason.
func (s *Server) returnPlan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in, err := readForm(r, "reason")
	id, _ := idParam(r, "id")
	if err == nil {
		_, err = s.svc.Plans.Return(ctx, viewerOf(ctx).Caller, planRef(id, in), in.Get("reason"))
	}
	if err != nil {
		v := reviewView{Return: form{Values: formValues(in)}}
		s.refusedReview(w, r, err, &v, &v.Return)
		return
	}
	seeOther(w, r, "/review/"+strconv.FormatInt(id, 10)+"?done=returned")
}

// refusedReview shows the review page again with the refusal on the form f
// of v.
func (s *Server) refusedReview(w http.ResponseWriter, r *http.Request, err error, v *reviewView, f *form) {
	status, ok := s.refused(w, r, err, f)
	if !ok {
		s.fail(w, r, err)
		return
	}
	s.renderReview(w, r, status, *v)
}

// planRef is the plan version id as the form read it: its revision, so that
// a decision on a plan changed meanwhile is refused.
func planRef(id int64, in map[string][]string) plans.Ref {
	ref := plans.Ref{ID: plans.ID(id)}
	if n, err := strconv.ParseInt(first(in["revision"]), 10, 64); err == nil {
		rev := plans.Revision(n)
		ref.IfMatch = &rev
	}
	return ref
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// formValues returns what the form sent, to show it again.
func formValues(in map[string][]string) map[string]string {
	out := map[string]string{}
	for k, vs := range in {
		out[k] = first(vs)
	}
	return out
}
