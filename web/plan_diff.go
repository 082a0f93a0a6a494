package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"baove"
	"baove/access"
	"baove/budget"
	"baove/i18n"
	"baove/plans"
)

// diffView is two versions of a plan side by side: what changed from the
// older to the newer, by section.
type diffView struct {
	Plan     plans.Plan // the newer version
	From, To int
	Sections []diffSection
}

// diffSection is the changes of one section of the plan.
type diffSection struct {
	Title   string
	Changes []diffItem
}

// diffItem is one thing added, removed or changed, with its fields in both
// versions.
type diffItem struct {
	Name   string
	Kind   string // plans.Added, plans.Removed or plans.Changed
	Fields []diffField
}

// diffField is a field in both versions; Changed marks one that differs.
type diffField struct {
	Name, From, To string
	Changed        bool
}

// planDiff shows what changed from version ?from= (by default the one
// before) to plan id's version, side by side.
func (s *Server) planDiff(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c := callerOf(r)
	id, ok := planID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	to, err := s.svc.Plans.Plan(ctx, c, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	from, err := strconv.Atoi(r.URL.Query().Get("from"))
	if err != nil {
		from = to.Version - 1
	}
	changes, err := s.svc.Plans.Diff(ctx, c, id, from)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	names, err := s.activityNames(ctx, c, to, from)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	view := diffView{Plan: to, From: from, To: to.Version, Sections: diffSections(ctx, changes, names)}
	title := Tf(ctx, "web.diff.title", i18n.Args{"from": strconv.Itoa(from), "to": strconv.Itoa(to.Version)})
	s.render(w, r, http.StatusOK, diffPage(s.page(r, title), view))
}

// activityNames returns the titles of the activities of both versions, by
// lineage, which budget lines name.
func (s *Server) activityNames(ctx context.Context, c access.Caller, to plans.Plan, from int) (map[string]string, error) {
	names := map[string]string{}
	versions, err := s.svc.Plans.Versions(ctx, c, to.ID)
	if err != nil {
		return nil, err
	}
	for _, v := range versions {
		if v.Version != from {
			continue
		}
		old, err := s.svc.Plans.Plan(ctx, c, v.ID)
		if err != nil {
			return nil, err
		}
		for _, a := range old.Activities {
			names[a.Lineage] = a.Title
		}
	}
	for _, a := range to.Activities {
		names[a.Lineage] = a.Title
	}
	return names, nil
}

// diffSections groups changes by section, in the order the plan page
// shows them, in words.
func diffSections(ctx context.Context, changes []plans.Difference, names map[string]string) []diffSection {
	order := []struct{ section, key string }{{"plan", "web.diff.section.plan"}, {"activities", "web.plan.activities"},
		{"budget_lines", "web.diff.section.budget_lines"}, {"targets", "web.plan.targets"}}
	var out []diffSection
	for _, o := range order {
		sec := diffSection{Title: T(ctx, o.key)}
		for _, d := range changes {
			if d.Section == o.section {
				sec.Changes = append(sec.Changes, diffItemOf(ctx, d, names))
			}
		}
		if len(sec.Changes) > 0 {
			out = append(out, sec)
		}
	}
	return out
}

func diffItemOf(ctx context.Context, d plans.Difference, names map[string]string) diffItem {
	item := diffItem{Kind: d.Kind, Name: d.Key}
	switch d.Section {
	case "plan":
		item.Name = T(ctx, "web.diff.section.plan")
	case "activities":
		item.Name = names[d.Key]
	case "budget_lines":
		item.Name = names[fmt.Sprint(pick(d, "activity"))]
	}
	for _, f := range diffFieldNames(d) {
		from, to := diffValue(ctx, f, d.From), diffValue(ctx, f, d.To)
		item.Fields = append(item.Fields, diffField{Name: fieldName(ctx, f), From: from, To: to, Changed: from != to})
	}
	return item
}

// diffFieldNames returns the fields of a change in the order its forms
// show them.
func diffFieldNames(d plans.Difference) []string {
	var out []string
	for _, fields := range [][]string{{"title", "narrative"}, activityFields, lineFields, {"value"}} {
		for _, f := range fields {
			if _, ok := d.From[f]; ok {
				out = append(out, f)
			} else if _, ok := d.To[f]; ok {
				out = append(out, f)
			}
		}
	}
	return uniq(out)
}

func uniq(in []string) []string {
	seen, out := map[string]bool{}, in[:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func pick(d plans.Difference, f string) any {
	if v, ok := d.To[f]; ok {
		return v
	}
	return d.From[f]
}

// diffValue writes a field of one version as the reader reads it: money
// grouped, a funding source in words; "" when the version lacks the item.
func diffValue(ctx context.Context, field string, item map[string]any) string {
	v, ok := item[field]
	if !ok || v == nil {
		return ""
	}
	s := fmt.Sprint(v)
	switch field {
	case "amount":
		if n, err := budget.ParseVND(field, s, false); err == nil {
			return money(ctx, n)
		}
	case "funding_source":
		return sourceName(ctx, budget.FundingSource(s))
	case "starts_on", "ends_on":
		if d, err := baove.ParseDate(s); err == nil {
			return Num(ctx, d)
		}
	}
	return s
}
