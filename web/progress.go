package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"baove/assessment"
	"baove/i18n"
	"baove/indicators"
)

// tone is how a status looks: its colour (a class of app.css) and a mark
// beside its words, so that colour is never the only sign.
type tone struct {
	Class, Mark, Key string
}

// progressTones are the words and looks of each progress status.
var progressTones = map[assessment.Status]tone{
	assessment.InProgress:  {"info", "…", "web.progress.status.in_progress"},
	assessment.OnTrack:     {"good", "✓", "web.progress.status.on_track"},
	assessment.AtRisk:      {"warn", "!", "web.progress.status.at_risk"},
	assessment.Achieved:    {"good", "✓", "web.progress.status.achieved"},
	assessment.NotAchieved: {"bad", "✗", "web.progress.status.not_achieved"},
	assessment.NoData:      {"none", "–", "web.progress.status.no_data"},
	assessment.Monitored:   {"none", "○", "web.progress.status.monitored"},
}

// progressRow is one indicator of the progress page, in words.
type progressRow struct {
	Name, Target, Source, Figure string
	Status                       tone
}

// progressView is what the progress page shows.
type progressView struct {
	Scope scope
	Plan  string
	Rows  []progressRow
}

// progressPage shows the province's indicators against their targets in
// the year, each with its status in words (the assessment's progress).
func (s *Server) progressPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := progressView{Scope: sc}
	title := T(ctx, "web.progress.title")
	if sc.Province.Code != "" {
		pp, err := s.svc.Assessment.Progress(ctx, viewerOf(ctx).Caller, sc.Province.Code, sc.Year)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Plan = planStatusText(ctx, pp.PlanStatus)
		for _, it := range pp.Items {
			v.Rows = append(v.Rows, progressRowOf(ctx, it))
		}
		title = Tf(ctx, "web.progress.title_of", i18n.Args{"province": sc.Province.Name, "year": strconv.Itoa(sc.Year)})
	}
	s.render(w, r, http.StatusOK, progressPage(s.page(r, title), v))
}

func progressRowOf(ctx context.Context, it assessment.Progress) progressRow {
	row := progressRow{Name: indicatorName(ctx, it.Indicator), Target: targetText(ctx, it.Indicator, it.Target),
		Source: T(ctx, "web.progress.source.national"), Figure: T(ctx, "web.values.not_reported"),
		Status: progressTones[it.Status]}
	if it.Target.Source == assessment.FromPlan {
		row.Source = T(ctx, "web.progress.source.plan")
	}
	if a := it.Actual; a != nil {
		row.Figure = figureText(ctx, a.Measure, a.Estimate)
		if a.Partial() {
			qs := make([]string, len(a.Quarters))
			for i, q := range a.Quarters {
				qs[i] = strconv.Itoa(q)
			}
			row.Figure = Tf(ctx, "web.progress.partial", i18n.Args{"figure": row.Figure, "quarters": strings.Join(qs, ", ")})
		}
	}
	if row.Status.Key == "" {
		row.Status = tone{"none", "?", "web.progress.status.no_data"}
	}
	return row
}

// targetText writes a target the reader's way: "≥ 90,00 %", "≤ 6,5 trên
// 100.000 trẻ em", "12".
func targetText(ctx context.Context, ind indicators.Indicator, t assessment.Target) string {
	figure := i18n.Format(langOf(ctx), t.Value)
	if ind.Unit.Ratio() {
		figure = Tf(ctx, unitKey(ind.Unit), i18n.Args{"figure": figure})
	}
	switch {
	case ind.Direction == indicators.Lower && t.Strict:
		return "< " + figure
	case ind.Direction == indicators.Lower:
		return "≤ " + figure
	case ind.Direction == indicators.Higher && t.Strict:
		return "> " + figure
	case ind.Direction == indicators.Higher:
		return "≥ " + figure
	}
	return figure
}

// planStatusText says the status of the year's plan, as the assessment
// names it ("none" when there is no plan).
func planStatusText(ctx context.Context, status string) string {
	if status == "none" || status == "" {
		return T(ctx, "web.progress.no_plan")
	}
	return Tf(ctx, "web.progress.plan", i18n.Args{"status": i18n.Text(langOf(ctx), "assessment.plan_status."+status, nil)})
}
