package web

import (
	"net/http"
)

// planPage shows a plan version: its status in words, its activities with
// their budget lines and totals, its targets beside the national ones, its
// versions, history and reports; and, when the reader is its province's
// planner and it may change, the editor's forms in place.
func (s *Server) planPage(w http.ResponseWriter, r *http.Request) {
	id, ok := planID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	view, err := s.planView(r, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, planPage(s.page(r, view.Plan.Title), view))
}

// values returns what the form formID shows: what the reader typed when
// it was the form refused, else the item's values as they are.
func (v planView) values(formID string, current map[string]string) map[string]string {
	if v.Active == formID {
		return v.Form.Values
	}
	return current
}

// formOf returns the refusal of the form formID, or an empty form.
func (v planView) formOf(formID string) form {
	if v.Active == formID {
		return v.Form
	}
	return form{}
}
