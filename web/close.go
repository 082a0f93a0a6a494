package web

import (
	"net/http"
	"strconv"

	"baove/budget"
	"baove/i18n"
)

// closeView is what the year-end close page shows.
type closeView struct {
	Preview budget.ClosePreview
	Form    form
	// Refusal and CarryRefusal are the preview's refusals in words.
	Refusal, CarryRefusal string
	// Closed says the year was just closed.
	Closed bool
}

// closePage shows what closing a year (last year by default) would do:
// the unspent central funds, carried over into the next year or returned
// by a deadline; the finance officer confirms it with one of the two.
func (s *Server) closePage(w http.ResponseWriter, r *http.Request) {
	s.renderClose(w, r, http.StatusOK, form{Values: map[string]string{}})
}

// closeYear closes the year as POST /provinces/{code}/budget/{year}/close
// does, then shows the closed year.
func (s *Server) closeYear(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in, err := readForm(r)
	var year int
	if err == nil {
		var p budget.YearEnd
		if p.Province, year, err = s.pageContext(r); err == nil {
			p.Year, p.Disposition = year, in.Get("unspent_central")
			_, err = s.svc.Budget.Close(ctx, viewerOf(ctx).Caller, p)
		}
	}
	if err != nil {
		f := form{Values: map[string]string{"unspent_central": in.Get("unspent_central")}}
		status, ok := s.refused(w, r, err, &f)
		if !ok {
			s.fail(w, r, err)
			return
		}
		s.renderClose(w, r, status, f)
		return
	}
	seeOther(w, r, "/close?year="+strconv.Itoa(year)+"&closed=1")
}

func (s *Server) renderClose(w http.ResponseWriter, r *http.Request, status int, f form) {
	ctx := r.Context()
	p, err := provinceOf(ctx)
	year := 0
	if err == nil {
		year, err = yearOf(r, s.thisYear()-1)
	}
	v := closeView{Form: f, Closed: r.URL.Query().Get("closed") != ""}
	if err == nil {
		v.Preview, err = s.svc.Budget.ClosePreview(ctx, viewerOf(ctx).Caller, p, year)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Refusal, v.CarryRefusal = s.errorText(r, v.Preview.Refusal), s.errorText(r, v.Preview.CarryRefusal)
	s.render(w, r, status, closePage(s.page(r, Tf(ctx, "web.close.title", i18n.Args{"year": year})), v))
}

// errorText returns an application error's message in the reader's
// language; "" for nil.
func (s *Server) errorText(r *http.Request, err error) string {
	if err == nil {
		return ""
	}
	if e, _, ok := s.appError(r, err); ok {
		return e.Text(langOf(r.Context()))
	}
	return err.Error()
}
