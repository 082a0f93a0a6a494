package web

import (
	"context"
	"net/http"

	"baove"
	"baove/access"
	"baove/assessment"
	"baove/i18n"
	"baove/indicators"
)

// reportingPage shows the reporting calendar of ?period= (2026-Q3, or a
// year; by default the last quarter that ended): every province's state,
// with what is late and what is missing, and the counts.
func (s *Server) reportingPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c := viewerOf(ctx).Caller
	if err := c.Require(access.Reviewer); err != nil {
		s.fail(w, r, err)
		return
	}
	p := lastQuarter(s.svc.Clock.Today())
	if raw := r.URL.Query().Get("period"); raw != "" {
		var err error
		if p, err = indicators.ParsePeriod("period", raw); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	rep, err := s.svc.Assessment.Reporting(ctx, c, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, reportingPage(s.page(r, T(ctx, "web.reporting.title")), rep))
}

// lastQuarter is the quarter before the one today falls in.
func lastQuarter(today baove.Date) indicators.Period {
	q := (int(today.Time().Month())-1)/3 + 1
	if q == 1 {
		return indicators.Period{Year: today.Year() - 1, Quarter: 4}
	}
	return indicators.Period{Year: today.Year(), Quarter: q - 1}
}

// stateWords names a state of the reporting calendar.
func stateWords(ctx context.Context, st indicators.ReportState) string {
	switch st {
	case indicators.OnTime:
		return T(ctx, "web.reporting.on_time")
	case indicators.Late:
		return T(ctx, "web.reporting.late")
	case indicators.Missing:
		return T(ctx, "web.reporting.missing")
	}
	return T(ctx, "web.reporting.not_due")
}

// reportWords says where one value due stands: its indicator and period,
// its due date, and how late it is.
func reportWords(ctx context.Context, r indicators.Report) string {
	args := i18n.Args{"indicator": string(r.Indicator), "period": r.Period, "due": r.DueOn, "days": r.DaysLate}
	switch r.State {
	case indicators.Late:
		return Tf(ctx, "web.reporting.item_late", args)
	case indicators.Missing:
		return Tf(ctx, "web.reporting.item_missing", args)
	case indicators.OnTime:
		return Tf(ctx, "web.reporting.item_on_time", args)
	}
	return Tf(ctx, "web.reporting.item_not_due", args)
}

// behind returns the province's values late or missing, the ones a reader
// looks for.
func behind(pr assessment.ProvinceReporting) []indicators.Report {
	var out []indicators.Report
	for _, r := range pr.Reports {
		if r.State == indicators.Late || r.State == indicators.Missing {
			out = append(out, r)
		}
	}
	return out
}
