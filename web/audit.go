package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"baove"
	"baove/audit"
	"baove/units"
	"baove/vn"
)

// auditPageSize is how many entries a page of the trail shows.
const auditPageSize = 20

// auditView is a page of the audit trail: its filters, and the entries
// they find, newest first.
type auditView struct {
	Filters   form
	Provinces []option
	Entries   []auditEntry
	// Older and Newest are the links to the older entries and back to the
	// newest ("" when there is none).
	Older, Newest string
}

// auditEntry is one entry of the trail as the page shows it.
type auditEntry struct {
	audit.Entry
	// When is its instant in the service's zone; Province its province's
	// name.
	When, Province string
	Fields         []audit.Field
}

// auditFields are the trail's filters, as its query names them.
var auditFields = []string{"actor", "entity", "entity_id", "province", "from", "to"}

// auditPage shows the part of the audit trail the reader may read (the
// administrator's: accounts, units and catalogues; a reviewer's: all of
// it; a province's officers': their province's), filtered as the query
// says, a page at a time going back.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	v := auditView{Filters: form{Values: map[string]string{}}}
	for _, name := range auditFields {
		v.Filters.Values[name] = q.Get(name)
	}
	provinces, err := s.provinceList(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Provinces = provinces.options(option{"", T(ctx, "web.audit.province_all")})
	f, err := s.auditFilter(q)
	var es []audit.Entry
	if err == nil {
		es, err = s.svc.Audit.List(ctx, viewerOf(ctx).Caller, f)
	}
	status := http.StatusOK
	if err != nil {
		var ok bool
		if status, ok = s.refused(w, r, err, &v.Filters); !ok || status != http.StatusUnprocessableEntity {
			s.fail(w, r, err)
			return
		}
	}
	v.Entries, v.Older = s.auditEntries(ctx, es, provinces), auditLinks(q, es)
	if q.Get("before") != "" {
		v.Newest = "/audit?" + keepAuditFilters(q).Encode()
	}
	s.render(w, r, status, auditPage(s.page(r, T(ctx, "web.audit.title")), v))
}

// auditFilter decodes the trail's filters: the days from and to (both
// included) in the service's zone. It returns EINVALID naming a value that
// cannot be read.
func (s *Server) auditFilter(q url.Values) (audit.Filter, error) {
	f := audit.Filter{Actor: q.Get("actor"), Entity: q.Get("entity"), EntityID: q.Get("entity_id"),
		Province: q.Get("province"), Limit: auditPageSize + 1}
	var p baove.Problems
	for _, name := range auditFields {
		if fault := vn.TextFault(q.Get(name), false); fault != "" {
			p.AddKey(name, "text."+fault, nil, nil)
		}
	}
	if d, ok := auditDay(q, "from", &p); ok {
		f.Since = s.svc.Clock.StartOf(d)
	}
	if d, ok := auditDay(q, "to", &p); ok {
		f.Until = s.svc.Clock.StartOf(d.AddDays(1)) // the day "to" is included
	}
	if raw := q.Get("before"); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id < 1 {
			p.AddKey("before", "web.audit.before_invalid", nil, raw)
		}
		f.BeforeID = id
	}
	return f, p.Err()
}

// auditDay returns the day of q's parameter name, when it is set; a value
// that is not a day is a problem of p.
func auditDay(q url.Values, name string, p *baove.Problems) (baove.Date, bool) {
	raw := q.Get(name)
	if raw == "" {
		return baove.Date{}, false
	}
	d, err := baove.ParseDate(raw)
	if err != nil {
		p.AddKey(name, "web.finance.date_invalid", nil, raw)
	}
	return d, err == nil
}

// auditEntries returns the entries of a page as it shows them: at most
// auditPageSize of es.
func (s *Server) auditEntries(ctx context.Context, es []audit.Entry, provinces provinceList) []auditEntry {
	out := make([]auditEntry, 0, min(len(es), auditPageSize))
	for _, e := range es[:min(len(es), auditPageSize)] {
		out = append(out, auditEntry{Entry: e, When: s.when(ctx, e.At), Province: provinces.name(units.ProvinceCode(e.ProvinceCode)), Fields: e.Fields()})
	}
	return out
}

// auditLinks returns the link to the entries older than the page's, when
// the page found more than it shows.
func auditLinks(q url.Values, es []audit.Entry) string {
	if len(es) <= auditPageSize {
		return ""
	}
	keep := keepAuditFilters(q)
	keep.Set("before", strconv.FormatInt(es[auditPageSize-1].ID, 10))
	return "/audit?" + keep.Encode()
}

// keepAuditFilters returns the filters of q that are set.
func keepAuditFilters(q url.Values) url.Values {
	keep := url.Values{}
	for _, name := range auditFields {
		if v := q.Get(name); v != "" {
			keep.Set(name, v)
		}
	}
	return keep
}
