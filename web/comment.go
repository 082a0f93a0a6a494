package web

import (
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"baove/plans"
	"baove/units"
)

// planReadView is the reviewer's page of a province's plan version: the
// plan read only, its comments, and the form that adds one.
type planReadView struct {
	planRead
	Comment form
	// Done is set after a comment was added or a request closed.
	Done string
}

// planReadPage shows a plan version of the province the path names, read
// only, with the ministry's comments on it; a reviewer may add one.
func (s *Server) planReadPage(w http.ResponseWriter, r *http.Request) {
	s.renderPlanRead(w, r, http.StatusOK, planReadView{Done: r.URL.Query().Get("done")})
}

func (s *Server) renderPlanRead(w http.ResponseWriter, r *http.Request, status int, v planReadView) {
	ctx := r.Context()
	read, err := s.provincePlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.planRead = read
	title := Tf(ctx, "web.comment.page_title", map[string]any{"province": read.Province, "year": read.Plan.Year})
	s.render(w, r, status, planReadPage(s.page(r, title), v))
}

// provincePlan reads the plan version the path names ({id}), which must be
// of the province it names ({code}): ENOTFOUND otherwise.
func (s *Server) provincePlan(r *http.Request) (planRead, error) {
	id, ok := idParam(r, "id")
	if !ok {
		return planRead{}, orNotFound(nil)
	}
	read, err := s.readPlan(r.Context(), plans.ID(id))
	if err == nil && read.Plan.Province != units.ProvinceCode(chi.URLParam(r, "code")) {
		return planRead{}, orNotFound(nil)
	}
	return read, err
}

// addComment writes the reviewer's comment or revision request on the plan
// version, then shows it on the plan's page.
func (s *Server) addComment(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in, err := readForm(r, "text")
	id, _ := idParam(r, "id")
	if err == nil {
		if _, err = s.provincePlan(r); err == nil {
			_, err = s.svc.Plans.AddComment(ctx, viewerOf(ctx).Caller, plans.ID(id),
				plans.NewComment{Kind: plans.CommentKind(in.Get("kind")), Text: in.Get("text")})
		}
	}
	if err != nil {
		v := planReadView{Comment: form{Values: formValues(in)}}
		status, ok := s.refused(w, r, err, &v.Comment)
		if !ok {
			s.fail(w, r, err)
			return
		}
		s.renderPlanRead(w, r, status, v)
		return
	}
	seeOther(w, r, fmt.Sprintf("/provinces/%s/plans/%d?done=comment#comments", chi.URLParam(r, "code"), id))
}

// closeComment closes an open revision request on the plan.
func (s *Server) closeComment(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, _ := idParam(r, "id")
	cid, ok := idParam(r, "comment")
	_, err := readForm(r)
	if err == nil && !ok {
		err = orNotFound(nil)
	}
	if err == nil {
		if _, err = s.provincePlan(r); err == nil {
			_, err = s.svc.Plans.CloseComment(ctx, viewerOf(ctx).Caller, plans.CommentRef{Plan: plans.ID(id), Comment: plans.CommentID(cid)})
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	seeOther(w, r, fmt.Sprintf("/provinces/%s/plans/%d?done=closed#comments", chi.URLParam(r, "code"), id))
}

// plansPath is the reviewer's page of plan version p.
func plansPath(p plans.Plan) string {
	return fmt.Sprintf("/provinces/%s/plans/%d", p.Province, p.ID)
}
