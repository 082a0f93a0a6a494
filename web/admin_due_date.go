package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"baove"
	"baove/i18n"
	"baove/indicators"
)

// adminDueDateView is the reporting due date of one indicator.
type adminDueDateView struct {
	Row         indicatorRow
	Frequencies []option
	Form        form
}

// adminDueDatePage shows the form of an indicator's reporting due date.
func (s *Server) adminDueDatePage(w http.ResponseWriter, r *http.Request) {
	s.renderDueDate(w, r, http.StatusOK, adminDueDateView{})
}

func (s *Server) renderDueDate(w http.ResponseWriter, r *http.Request, status int, v adminDueDateView) {
	ctx := r.Context()
	code := indicators.Code(chi.URLParam(r, "code"))
	rows, err := s.indicatorRows(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	found := false
	for _, row := range rows {
		if row.Indicator.Code == code {
			v.Row, found = row, true
		}
	}
	if !found {
		s.fail(w, r, baove.E(baove.ENOTFOUND, "web.admin.indicator.none", i18n.Args{"code": string(code)}))
		return
	}
	if v.Form.Values == nil {
		v.Form.Values = map[string]string{"frequency": string(indicators.Quarterly),
			"days_after": strconv.Itoa(indicators.QuarterlyDays)}
		if rule := v.Row.Rule; rule != nil {
			v.Form.Values = map[string]string{"frequency": string(rule.Frequency), "days_after": strconv.Itoa(rule.DaysAfter)}
		}
	}
	v.Frequencies = []option{{string(indicators.Quarterly), T(ctx, "web.admin.indicator.frequency.quarterly")},
		{string(indicators.Yearly), T(ctx, "web.admin.indicator.frequency.yearly")}}
	title := Tf(ctx, "web.admin.indicator.due_title", i18n.Args{"code": string(code)})
	s.render(w, r, status, adminDueDatePage(s.page(r, title), v))
}

// setDueDate sets the indicator's due rule, as PUT
// /reporting/due-dates/{indicator_code} does.
func (s *Server) setDueDate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	code := chi.URLParam(r, "code")
	in, err := readForm(r)
	if err == nil {
		rule := indicators.DueRule{Indicator: indicators.Code(code), Frequency: indicators.Frequency(in.Get("frequency")),
			DaysAfter: -1}
		if raw := strings.TrimSpace(in.Get("days_after")); raw != "" {
			if n, convErr := strconv.Atoi(raw); convErr == nil {
				rule.DaysAfter = n
			}
		}
		_, err = s.svc.Indicators.SetDueRule(ctx, viewerOf(ctx).Caller, rule)
	}
	if err != nil {
		v := adminDueDateView{Form: form{Values: formValues(in)}}
		status, ok := s.refused(w, r, err, &v.Form)
		if !ok {
			s.fail(w, r, err)
			return
		}
		s.renderDueDate(w, r, status, v)
		return
	}
	seeOther(w, r, "/admin/indicators?"+url.Values{"due": {code}}.Encode()+"#indicator-"+url.PathEscape(code))
}

// deleteDueDate takes the indicator off the reporting calendar, as DELETE
// /reporting/due-dates/{indicator_code} does.
func (s *Server) deleteDueDate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	code := chi.URLParam(r, "code")
	err := s.svc.Indicators.DeleteDueRule(ctx, viewerOf(ctx).Caller, indicators.Code(code))
	if err != nil { // none to remove (ENOTFOUND): the error page says so
		s.fail(w, r, err)
		return
	}
	seeOther(w, r, "/admin/indicators?"+url.Values{"removed": {code}}.Encode()+"#indicator-"+url.PathEscape(code))
}
