package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"baove"
	"baove/i18n"
	"baove/indicators"
)

// saveValues records the figures of the page's period: every indicator
// with something typed, all or nothing (the domain's PutPeriodValues). A
// refusal shows the form again as typed, each message on its field.
func (s *Server) saveValues(w http.ResponseWriter, r *http.Request) {
	v, ok := s.valuesView(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	in, err := readForm(r)
	if err == nil {
		pv := indicators.PeriodValues{Province: v.Scope.Province.Code, Period: v.Period, Estimate: in.Get("estimate") != ""}
		pv.Items, err = readEntries(in, v.Entries)
		if err == nil {
			err = s.svc.Indicators.PutPeriodValues(ctx, viewerOf(ctx).Caller, pv)
		}
	}
	if err == nil {
		seeOther(w, r, valuesURL(v, url.Values{"saved": {"1"}}))
		return
	}
	status, ok := s.refused(w, r, err, &v.Form)
	if !ok {
		s.fail(w, r, err)
		return
	}
	for i := range v.Entries {
		for _, f := range v.Entries[i].Fields {
			v.Entries[i].Values[f.Field] = in.Get(v.Entries[i].id(f.Field))
		}
	}
	v.Form.Fields = entryErrors(r, v.Form.Fields, v.Entries)
	v.Estimate = in.Get("estimate") != ""
	s.renderValues(w, r, status, v)
}

// readEntries returns the entry of each indicator with something typed (an
// indicator left empty records nothing); EINVALID naming each control
// whose text is not a whole number. A number left empty is absent, which
// the domain refuses where it is needed.
func readEntries(in url.Values, entries []valuesEntry) ([]indicators.PeriodEntry, error) {
	var p baove.Problems
	var out []indicators.PeriodEntry
	for _, e := range entries {
		text := func(field string) string { return strings.TrimSpace(in.Get(e.id(field))) }
		pe := indicators.PeriodEntry{Indicator: e.Indicator.Code, Entry: indicators.Entry{Note: text("note")}}
		typed := pe.Note != ""
		for _, f := range []struct {
			field string
			to    **int64
		}{{"numerator", &pe.Numerator}, {"denominator", &pe.Denominator}, {"value", &pe.Count}} {
			t := text(f.field)
			if t == "" {
				continue
			}
			typed = true
			n, ok := readCount(t)
			if !ok {
				p.AddKey(e.id(f.field), "web.values.whole_number", nil, t)
			}
			*f.to = &n
		}
		if typed {
			out = append(out, pe)
		}
	}
	return out, p.Err()
}

var entryField = regexp.MustCompile(`^(?:items\[|v-)([A-Z0-9_]+)(?:\]\.|-)([a-z_]+)$`)

// entryErrors returns the messages of a refusal, each on the control of
// its field (v-CP_ABUSE_CASES-value for the domain's
// items[CP_ABUSE_CASES].value) and, in the summary, after the name of its
// indicator and its label; fields of no entry (period) as they are. Each
// entry keeps the messages of its own controls.
func entryErrors(r *http.Request, fields []fieldError, entries []valuesEntry) []fieldError {
	out := make([]fieldError, len(fields))
	for i, fe := range fields {
		out[i] = fe
		m := entryField.FindStringSubmatch(fe.Field)
		if m == nil {
			continue
		}
		for k, e := range entries {
			if string(e.Indicator.Code) == m[1] {
				entries[k].Errors[m[2]] = fe.Text
				out[i].Field = e.id(m[2])
				out[i].Text = Tf(r.Context(), "web.values.field_error",
					i18n.Args{"indicator": e.Name, "field": e.label(r.Context(), m[2]), "message": fe.Text})
			}
		}
	}
	return out
}
