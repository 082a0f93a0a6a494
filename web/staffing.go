package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"baove/i18n"
	"baove/indicators"
	"baove/units"
)

// staffingColumn is one column of the staffing grid: the domain's field
// name, which names the control of each row too.
type staffingColumn struct {
	Field string
	Key   string // its heading in the catalogue
	Note  bool   // text, not a count
}

// staffingColumns are the grid's columns after the commune's code, name and
// kind, in the order of the import template.
var staffingColumns = []staffingColumn{
	{Field: "full_time", Key: "web.staffing.full_time"},
	{Field: "part_time", Key: "web.staffing.part_time"},
	{Field: "collaborators", Key: "web.staffing.collaborators"},
	{Field: "villages", Key: "web.staffing.villages"},
	{Field: "villages_with_collaborator", Key: "web.staffing.villages_with_collaborator"},
	{Field: "note", Key: "web.staffing.note", Note: true},
}

// kindKeys name each kind of commune in words.
var kindKeys = map[units.Kind]string{
	units.Xa:     "web.staffing.kind.xa",
	units.Phuong: "web.staffing.kind.phuong",
	units.DacKhu: "web.staffing.kind.dac_khu",
}

// staffingRow is one commune of the grid: what it holds (or what was
// typed), by column of staffingColumns, and the messages of its fields
// (by field) after a refusal.
type staffingRow struct {
	Code   units.CommuneCode
	Name   string
	Kind   string
	Values []string
	Errors map[string]string
}

// id returns the id (and name) of the control of column field in row:
// c03151-full_time (no dot, so that it is a CSS selector as it is).
func (r staffingRow) id(field string) string { return "c" + string(r.Code) + "-" + field }

// staffingCell is one control of the grid as the page writes it.
type staffingCell struct {
	ID, Label, Value, Error string
	Note                    bool // text, not a count
}

// cells returns the controls of row, each labelled with its column's
// heading (headings, in the order of staffingColumns) and the commune.
func (r staffingRow) cells(ctx context.Context, headings []string) []staffingCell {
	out := make([]staffingCell, len(staffingColumns))
	args := i18n.Args{"commune": r.Name}
	for i, c := range staffingColumns {
		args["column"] = headings[i]
		out[i] = staffingCell{ID: r.id(c.Field), Label: Tf(ctx, "web.staffing.cell", args), Value: r.Values[i],
			Error: r.Errors[c.Field], Note: c.Note}
	}
	return out
}

// staffingView is what the staffing page shows.
type staffingView struct {
	Scope    scope
	Headings []string // of staffingColumns, in the reader's words
	Rows     []staffingRow
	Coverage string // "42 of 45 communes have a worker (93,33 %)"
	Form     form   // the grid's refusal
	Upload   form   // the file's refusal; its Fields are by row of the file
	Saved    string
	Template string
}

// staffingPage shows the staffing of the communes of the province in force
// in the year, as a grid that its planner edits.
func (s *Server) staffingPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.staffingView(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	if n, err := strconv.Atoi(q.Get("saved")); err == nil {
		v.Saved = Tf(ctx, "web.staffing.saved", i18n.Args{"n": i18n.Count(n)})
	} else if n, err := strconv.Atoi(q.Get("imported")); err == nil {
		v.Saved = Tf(ctx, "web.staffing.imported", i18n.Args{"n": i18n.Count(n)})
	}
	s.renderStaffing(w, r, http.StatusOK, v)
}

// staffingView reads the scope and the staffing of its year; on a failure
// it answers the error page and reports false.
func (s *Server) staffingView(w http.ResponseWriter, r *http.Request) (staffingView, bool) {
	ctx := r.Context()
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return staffingView{}, false
	}
	v := staffingView{Scope: sc}
	if sc.Province.Code == "" {
		return v, true
	}
	c, err := s.svc.Indicators.Coverage(ctx, viewerOf(ctx).Caller, sc.Province.Code, sc.Year)
	if err != nil {
		s.fail(w, r, err)
		return staffingView{}, false
	}
	v.Coverage = coverageText(ctx, c)
	v.Template = "/api/v1/provinces/" + string(sc.Province.Code) + "/staffing/" + strconv.Itoa(sc.Year) + "/import-template.xlsx"
	for _, c := range staffingColumns {
		v.Headings = append(v.Headings, T(ctx, c.Key))
	}
	kinds := map[units.Kind]string{}
	for k, key := range kindKeys {
		kinds[k] = T(ctx, key)
	}
	v.Rows = make([]staffingRow, len(c.Communes))
	for i, cs := range c.Communes {
		v.Rows[i] = staffingRowOf(cs, kinds)
	}
	return v, true
}

// coverageText says how many communes have a worker.
func coverageText(ctx context.Context, c indicators.Coverage) string {
	args := i18n.Args{"covered": i18n.Count(c.Covered), "total": i18n.Count(c.Total), "recorded": i18n.Count(c.Recorded)}
	if d, ok := c.Workers().Rounded(2); ok {
		args["percent"] = d
		return Tf(ctx, "web.staffing.coverage", args)
	}
	return Tf(ctx, "web.staffing.coverage_none", args)
}

// staffingRowOf returns the row of a commune, its kind named by kinds.
func staffingRowOf(cs indicators.CommuneStaffing, kinds map[units.Kind]string) staffingRow {
	row := staffingRow{Code: cs.Commune.Code, Name: cs.Commune.Name, Kind: string(cs.Commune.Kind),
		Values: make([]string, len(staffingColumns))}
	if kind, ok := kinds[cs.Commune.Kind]; ok {
		row.Kind = kind
	}
	if st := cs.Staffing; st != nil {
		for i, n := range []int{st.FullTime, st.PartTime, st.Collaborators, st.Villages, st.VillagesWithCollaborator} {
			row.Values[i] = strconv.Itoa(n) // the columns' order
		}
		row.Values[len(staffingColumns)-1] = st.Note
	}
	return row
}

func (s *Server) renderStaffing(w http.ResponseWriter, r *http.Request, status int, v staffingView) {
	ctx := r.Context()
	title := T(ctx, "web.staffing.title")
	if v.Scope.Province.Code != "" {
		title = Tf(ctx, "web.staffing.title_of", i18n.Args{"province": v.Scope.Province.Name, "year": strconv.Itoa(v.Scope.Year)})
	}
	s.render(w, r, status, staffingPage(s.page(r, title), v))
}

// staffingURL is where the staffing page of sc shows the result of a
// change: what changed, by name.
func staffingURL(sc scope, result string, n int) string {
	return sc.url("/staffing", url.Values{result: {strconv.Itoa(n)}})
}
