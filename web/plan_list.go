package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"baove/access"
	"baove/i18n"
	"baove/plans"
	"baove/units"
)

// plansView is the list of a reader's plans by year: a planner's or finance
// officer's own province, or for a reviewer the province chosen.
type plansView struct {
	Years []planYear
	// Provinces are the provinces a reviewer may choose from; Province is
	// the one chosen ("" for every province).
	Provinces []units.Province
	Province  units.ProvinceCode
	// Create is set when the reader may start a plan.
	Create bool
	Form   form
	Names  map[units.ProvinceCode]string
}

// planYear is the plans of one year, every version.
type planYear struct {
	Year  int
	Plans []planRow
}

// planRow is a plan version as a list shows it.
type planRow struct {
	plans.Plan
	Updated string
}

// plansPage lists the plans the reader may read, by year, newest first.
func (s *Server) plansPage(w http.ResponseWriter, r *http.Request) {
	s.renderPlans(w, r, http.StatusOK, form{})
}

// createPlan starts version 1 of the reader's province's plan for a year
// and opens it.
func (s *Server) createPlan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := viewerOf(ctx)
	in, err := readForm(r)
	var p plans.Plan
	if err == nil {
		year, convErr := strconv.Atoi(in.Get("year"))
		if convErr != nil {
			year = -1 // refused by the domain's own rule, on the field
		}
		p, err = s.svc.Plans.Create(ctx, v.Caller, plans.NewPlan{Province: v.Province, Year: year, Title: in.Get("title")})
	}
	if err != nil {
		f := form{Values: map[string]string{"year": in.Get("year"), "title": in.Get("title")}}
		status, ok := s.refused(w, r, err, &f)
		if !ok {
			s.fail(w, r, err)
			return
		}
		s.renderPlans(w, r, status, f)
		return
	}
	seeOther(w, r, planPath(p.ID, ""))
}

func (s *Server) renderPlans(w http.ResponseWriter, r *http.Request, status int, f form) {
	ctx := r.Context()
	v := viewerOf(ctx)
	view := plansView{Form: f, Create: v.Caller.CanAct(v.Province, access.Planner) == nil, Names: map[units.ProvinceCode]string{}}
	filter := plans.Filter{}
	if v.Role == access.Reviewer {
		provinces, err := s.svc.Units.Provinces(ctx)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		view.Provinces, view.Province = provinces, units.ProvinceCode(r.URL.Query().Get("province"))
		for _, p := range provinces {
			view.Names[p.Code] = p.Name
		}
		filter.Province = view.Province
	}
	list, err := s.svc.Plans.Plans(ctx, v.Caller, filter)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	view.Years = s.byYear(r, list)
	if view.Form.Values == nil {
		view.Form = s.newPlanForm(ctx, view.Years)
	}
	s.render(w, r, status, plansPage(s.page(r, T(ctx, "web.plans.title")), view))
}

// newPlanForm is the form that starts a plan, filled for this year, or
// the next when this year's plan exists.
func (s *Server) newPlanForm(ctx context.Context, years []planYear) form {
	year := s.svc.Clock.Today().Year()
	if slices.ContainsFunc(years, func(y planYear) bool { return y.Year == year }) {
		year++
	}
	y := strconv.Itoa(year)
	return form{Values: map[string]string{"year": y, "title": Tf(ctx, "web.plans.default_title", i18n.Args{"year": y})}}
}

// byYear groups plan versions by year, the latest year first.
func (s *Server) byYear(r *http.Request, list []plans.Plan) []planYear {
	var out []planYear
	for _, p := range list {
		i := slices.IndexFunc(out, func(y planYear) bool { return y.Year == p.Year })
		if i < 0 {
			out, i = append(out, planYear{Year: p.Year}), len(out)
		}
		out[i].Plans = append(out[i].Plans, planRow{Plan: p, Updated: s.when(r.Context(), p.UpdatedAt)})
	}
	slices.SortFunc(out, func(a, b planYear) int { return b.Year - a.Year })
	return out
}

// planPath returns the path of plan id's page, with a fragment or a query
// when more is given ("#activities", "?done=saved").
func planPath(id plans.ID, more string) string {
	return "/plans/" + strconv.FormatInt(int64(id), 10) + more
}
