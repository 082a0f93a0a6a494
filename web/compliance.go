package web

import (
	"net/http"
	"strconv"

	"baove/assessment"
	"baove/i18n"
)

// complianceTones are the words and looks of each outcome of a check.
var complianceTones = map[assessment.CheckStatus]tone{
	assessment.Pass:          {"good", "✓", "web.compliance.status.pass"},
	assessment.Fail:          {"bad", "✗", "web.compliance.status.fail"},
	assessment.Warn:          {"warn", "!", "web.compliance.status.warn"},
	assessment.NotApplicable: {"none", "–", "web.compliance.status.not_applicable"},
}

// complianceRow is one check of the compliance page, in words.
type complianceRow struct {
	Item, Title, Evidence string
	Names                 []string // what the check names: communes, quarters, task areas
	Status                tone
}

// complianceView is what the compliance page shows.
type complianceView struct {
	Scope scope
	Today string
	Rows  []complianceRow
}

// compliancePage shows every check of the 2017 directive for the province
// and year, each with its outcome in words and why (the assessment's
// compliance).
func (s *Server) compliancePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := complianceView{Scope: sc}
	title := T(ctx, "web.compliance.title")
	if sc.Province.Code != "" {
		c, err := s.svc.Assessment.Compliance(ctx, viewerOf(ctx).Caller, sc.Province.Code, sc.Year)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Today = Tf(ctx, "web.compliance.as_of", i18n.Args{"date": c.Today})
		for _, res := range c.Results {
			v.Rows = append(v.Rows, complianceRowOf(langOf(ctx), res))
		}
		title = Tf(ctx, "web.compliance.title_of", i18n.Args{"province": sc.Province.Name, "year": strconv.Itoa(sc.Year)})
	}
	s.render(w, r, http.StatusOK, compliancePage(s.page(r, title), v))
}

func complianceRowOf(lang i18n.Lang, res assessment.Result) complianceRow {
	row := complianceRow{Item: res.Item, Title: res.TitleVI, Evidence: res.Evidence.Text(lang), Status: complianceTones[res.Status]}
	if lang == i18n.EN {
		row.Title = res.TitleEN
	}
	for _, it := range res.Evidence.Items {
		name := it.Code // a quarter: 2026-Q1
		if it.Name != "" {
			name = it.NameIn(lang) + " (" + it.Code + ")"
		}
		row.Names = append(row.Names, name)
	}
	if row.Status.Key == "" {
		row.Status = tone{"none", "?", "web.compliance.status.not_applicable"}
	}
	return row
}
