package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"baove/budget"
	"baove/i18n"
	"baove/indicators"
	"baove/plans"
)

// planRead is a plan version as the approver's review page and the
// reviewer's plan page show it, read only: its content, its budget lines by
// activity, its history and comments, and what changed since the version
// in force.
type planRead struct {
	Plan     plans.Plan
	Province string
	Lines    map[plans.ActivityID][]budget.Line
	Total    budget.VND
	// Indicators names the indicators of the targets, in the reader's
	// language.
	Indicators map[indicators.Code]string
	Comments   []plans.Comment
	// Against is the version in force that Changes compare with; 0 when
	// there is none (a first version) or the version is itself in force.
	Against int
	Changes []changeRow
	// When writes an instant as the reader reads it.
	When func(time.Time) string
}

// readPlan loads plan version id as the reader may see it: ENOTFOUND for
// another province's plan, as the domain says.
func (s *Server) readPlan(ctx context.Context, id plans.ID) (planRead, error) {
	c := viewerOf(ctx).Caller
	p, err := s.svc.Plans.Plan(ctx, c, id)
	if err != nil {
		return planRead{}, err
	}
	v := planRead{Plan: p, Lines: map[plans.ActivityID][]budget.Line{}, Indicators: map[indicators.Code]string{},
		When: func(t time.Time) string { return s.when(ctx, t) }}
	prov, err := s.svc.Units.Province(ctx, p.Province)
	if err != nil {
		return v, err
	}
	v.Province = prov.Name
	if err := s.readLines(ctx, &v); err != nil {
		return v, err
	}
	if err := s.readIndicators(ctx, &v); err != nil {
		return v, err
	}
	if v.Comments, err = s.svc.Plans.Comments(ctx, c, id); err != nil {
		return v, err
	}
	return v, s.readChanges(ctx, &v)
}

func (s *Server) readLines(ctx context.Context, v *planRead) error {
	lines, err := s.svc.Budget.Lines(ctx, viewerOf(ctx).Caller, v.Plan.ID)
	if err != nil {
		return err
	}
	for _, l := range lines {
		v.Lines[l.ActivityID] = append(v.Lines[l.ActivityID], l)
		v.Total += l.Amount
	}
	return nil
}

func (s *Server) readIndicators(ctx context.Context, v *planRead) error {
	cat, err := s.svc.Indicators.Catalogue(ctx)
	if err != nil {
		return err
	}
	for _, ind := range cat {
		v.Indicators[ind.Code] = pickLang(ctx, ind.NameVI, ind.NameEN)
	}
	return nil
}

// readChanges compares the version with the version in force of its plan,
// when there is another one.
func (s *Server) readChanges(ctx context.Context, v *planRead) error {
	c := viewerOf(ctx).Caller
	versions, err := s.svc.Plans.Versions(ctx, c, v.Plan.ID)
	if err != nil {
		return err
	}
	for _, other := range versions {
		if other.Status == plans.Approved && other.Version != v.Plan.Version {
			v.Against = other.Version
		}
	}
	if v.Against == 0 {
		return nil
	}
	diffs, err := s.svc.Plans.Diff(ctx, c, v.Plan.ID, v.Against)
	if err != nil {
		return err
	}
	v.Changes = changeRows(ctx, diffs, v.Indicators)
	return nil
}

// pickLang returns vi or en, by the reader's language.
func pickLang(ctx context.Context, vi, en string) string {
	if langOf(ctx) == i18n.EN {
		return en
	}
	return vi
}

// idParam returns the path parameter name as a positive id; false when it
// is not one.
func idParam(r *http.Request, name string) (int64, bool) {
	n, err := strconv.ParseInt(chi.URLParam(r, name), 10, 64)
	return n, err == nil && n > 0
}

// submittedBy returns the last submission of p: who and when; nil when it
// was never submitted.
func submittedBy(p plans.Plan) *plans.Event {
	for i := len(p.History) - 1; i >= 0; i-- {
		if p.History[i].Action == "submit" {
			return &p.History[i]
		}
	}
	return nil
}

// sourceWords names a funding source in the reader's language.
func sourceWords(ctx context.Context, src budget.FundingSource) string {
	switch src {
	case budget.Central:
		return T(ctx, "web.review.source.central")
	case budget.Provincial:
		return T(ctx, "web.review.source.provincial")
	case budget.Commune:
		return T(ctx, "web.review.source.commune")
	}
	return T(ctx, "web.review.source.other")
}

// versionWords names a plan's version: "phiên bản 2".
func versionWords(ctx context.Context, version int) string {
	return Tf(ctx, "web.review.version_n", i18n.Args{"version": version})
}

// issuanceWords says how a version was issued: its number, date and signer.
func issuanceWords(ctx context.Context, is plans.Issuance) string {
	return Tf(ctx, "web.review.issued", i18n.Args{"number": is.DocumentNoText(langOf(ctx)), "date": is.IssuedOn,
		"signer": is.SignerName, "title": is.SignerTitle})
}

// withDefault returns f with value shown in field when nothing was typed
// in it.
func withDefault(f form, field, value string) form {
	if f.value(field) != "" {
		return f
	}
	values := map[string]string{field: value}
	for k, v := range f.Values {
		values[k] = v
	}
	f.Values = values
	return f
}
