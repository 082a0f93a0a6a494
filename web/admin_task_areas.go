package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"baove"
	"baove/i18n"
	"baove/plans"
)

// adminTaskAreasView is the list of the directive's task areas with their
// eligibility for central funds by years.
type adminTaskAreasView struct {
	Areas []taskAreaRow
	Done  string
}

// taskAreaRow is a task area as its administrator reads it.
type taskAreaRow struct {
	Area  plans.TaskArea
	Spans []string // its eligibility by years, in words
}

// URL returns the path of the area's form.
func (r taskAreaRow) URL() string { return "/admin/task-areas/" + url.PathEscape(r.Area.Code) }

// adminTaskAreaView is the form of one task area.
type adminTaskAreaView struct {
	Row   taskAreaRow
	Form  form
	Year  int // this year: the first an eligibility change may apply to
	Moves []option
}

// adminTaskAreasPage lists the task areas.
func (s *Server) adminTaskAreasPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	areas, err := s.svc.Plans.TaskAreas(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := adminTaskAreasView{}
	if code := r.URL.Query().Get("saved"); code != "" {
		v.Done = Tf(ctx, "web.admin.task_area.saved", i18n.Args{"code": code})
	}
	for _, a := range areas {
		v.Areas = append(v.Areas, taskAreaRowOf(ctx, a))
	}
	s.render(w, r, http.StatusOK, adminTaskAreasPage(s.page(r, T(ctx, "web.admin.task_areas.title")), v))
}

// taskAreaRowOf returns a with its spans in words.
func taskAreaRowOf(ctx context.Context, a plans.TaskArea) taskAreaRow {
	row := taskAreaRow{Area: a}
	for _, e := range a.Eligibility {
		key := "web.admin.task_area.span"
		if e.ToYear == 0 {
			key = "web.admin.task_area.span_open"
		}
		word := T(ctx, "web.admin.task_area.ineligible")
		if e.Eligible {
			word = T(ctx, "web.admin.task_area.eligible")
		}
		row.Spans = append(row.Spans, Tf(ctx, key, i18n.Args{"from": strconv.Itoa(e.FromYear),
			"to": strconv.Itoa(e.ToYear), "eligible": word}))
	}
	return row
}

// adminTaskAreaPage shows the form of one task area.
func (s *Server) adminTaskAreaPage(w http.ResponseWriter, r *http.Request) {
	s.renderTaskArea(w, r, http.StatusOK, form{})
}

func (s *Server) renderTaskArea(w http.ResponseWriter, r *http.Request, status int, f form) {
	ctx := r.Context()
	a, err := s.taskArea(ctx, chi.URLParam(r, "code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := adminTaskAreaView{Row: taskAreaRowOf(ctx, a), Year: s.svc.Clock.Today().Year(), Form: f,
		Moves: []option{{"", T(ctx, "web.admin.task_area.keep")}, {"1", T(ctx, "web.admin.task_area.make_eligible")},
			{"0", T(ctx, "web.admin.task_area.make_ineligible")}}}
	if v.Form.Values == nil {
		v.Form.Values = map[string]string{"name_vi": a.NameVI, "name_en": a.NameEN, "eligible_from_year": strconv.Itoa(v.Year)}
	}
	title := Tf(ctx, "web.admin.task_area.title", i18n.Args{"code": a.Code})
	s.render(w, r, status, adminTaskAreaPage(s.page(r, title), v))
}

// taskArea returns the task area code; ENOTFOUND when there is none.
func (s *Server) taskArea(ctx context.Context, code string) (plans.TaskArea, error) {
	areas, err := s.svc.Plans.TaskAreas(ctx)
	for _, a := range areas {
		if a.Code == code {
			return a, nil
		}
	}
	if err == nil {
		err = baove.E(baove.ENOTFOUND, "web.admin.task_area.none", i18n.Args{"code": code})
	}
	return plans.TaskArea{}, err
}

// updateTaskArea changes a task area by the rules of PATCH
// /task-areas/{code}: its names, and its eligibility from a year on.
func (s *Server) updateTaskArea(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	code := chi.URLParam(r, "code")
	in, err := readForm(r)
	var p plans.TaskAreaPatch
	if err == nil {
		p, err = taskAreaPatchOf(in)
	}
	if err == nil {
		_, err = s.svc.Plans.UpdateTaskArea(ctx, viewerOf(ctx).Caller, code, p)
	}
	if err != nil {
		f := form{Values: formValues(in)}
		status, ok := s.refused(w, r, err, &f)
		if !ok || status == http.StatusNotFound {
			s.fail(w, r, err)
			return
		}
		s.renderTaskArea(w, r, status, f)
		return
	}
	seeOther(w, r, "/admin/task-areas?"+url.Values{"saved": {code}}.Encode()+"#area-"+url.PathEscape(code))
}

// taskAreaPatchOf reads the form of a task area: its names always, its
// eligibility and the year it starts from when a change is chosen.
func taskAreaPatchOf(in url.Values) (plans.TaskAreaPatch, error) {
	nameVI, nameEN := in.Get("name_vi"), in.Get("name_en")
	p := plans.TaskAreaPatch{NameVI: &nameVI, NameEN: &nameEN}
	move := in.Get("eligible")
	if move == "" {
		return p, nil
	}
	eligible := move == "1"
	p.EligibleForCentralFunds = &eligible
	year, err := strconv.Atoi(strings.TrimSpace(in.Get("eligible_from_year")))
	if err != nil {
		return p, baove.InvalidKey("eligible_from_year", "web.admin.task_area.year_form", nil, in.Get("eligible_from_year"))
	}
	p.EligibleFrom = &year
	return p, nil
}
