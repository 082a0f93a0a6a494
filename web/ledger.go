package web

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"strconv"

	"baove"
	"baove/budget"
	"baove/i18n"
	"baove/units"

	"github.com/a-h/templ"
)

// ledgerPageSize is how many entries a page of the ledger shows.
const ledgerPageSize = 50

// ledgerView is what a page of the province's ledger shows.
type ledgerView struct {
	Year    int
	Filters form
	Page    budget.Page
	// Next and First are the links to the next page and back to the first
	// ("" when there is none).
	Next, First string
	// Reversed is the reversal just recorded; nil otherwise.
	Reversed *budget.Disbursement
	// Lines are the choices of the line filter: the plan in force's lines.
	Lines []option
}

// ledgerFields are the ledger page's filters, as its query names them.
var ledgerFields = []string{"year", "q", "from", "to", "line", "source", "kind"}

// ledgerPage shows a page of the province's ledger, newest first,
// searched and filtered as the query says, each payment with its reversal.
func (s *Server) ledgerPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	v := ledgerView{Filters: form{Values: map[string]string{}}}
	for _, name := range ledgerFields {
		v.Filters.Values[name] = q.Get(name)
	}
	p, year, err := s.pageContext(r)
	v.Year = cmp.Or(year, s.thisYear())
	if err == nil {
		v.Filters.Values["year"] = strconv.Itoa(year)
	}
	var f budget.LedgerFilter
	if err == nil {
		f, err = ledgerFilter(q)
	}
	if err == nil {
		v.Lines, err = s.lineChoices(ctx, p, year, f.Line)
	}
	if err == nil {
		f.Province, f.Year, f.Limit, f.Cursor = p, year, ledgerPageSize, q.Get("cursor")
		v.Page, err = s.svc.Budget.LedgerPage(ctx, viewerOf(ctx).Caller, f)
	}
	status := http.StatusOK
	if err != nil {
		var ok bool
		if status, ok = s.refused(w, r, err, &v.Filters); !ok || status != http.StatusUnprocessableEntity {
			s.fail(w, r, err)
			return
		}
	}
	if v.Reversed, err = s.justRecorded(r, "reversed"); err != nil {
		s.fail(w, r, err)
		return
	}
	v.Next, v.First = ledgerLinks(q, v.Page.Next)
	s.render(w, r, status, ledgerPage(s.page(r, Tf(ctx, "web.ledger.title", i18n.Args{"year": year})), v))
}

// ledgerFilter decodes the ledger page's filters: EINVALID naming a date
// that cannot be read (the filter's rules are the domain's).
func ledgerFilter(q url.Values) (budget.LedgerFilter, error) {
	f := budget.LedgerFilter{Search: q.Get("q"), Source: budget.FundingSource(q.Get("source")),
		Kind: budget.EntryKind(q.Get("kind"))}
	var p baove.Problems
	if raw := q.Get("line"); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id < 1 {
			p.AddKey("line", "web.ledger.line_invalid", nil, raw)
		}
		f.Line = budget.LineID(id)
	}
	for name, d := range map[string]*baove.Date{"from": &f.From, "to": &f.To} {
		if raw := q.Get(name); raw != "" {
			var err error
			if *d, err = baove.ParseDate(raw); err != nil {
				p.AddKey(name, "web.finance.date_invalid", nil, raw)
			}
		}
	}
	return f, p.Err()
}

// ledgerLinks returns the links to the page after (at cursor next) and to
// the first page, keeping the filters of q.
func ledgerLinks(q url.Values, next string) (string, string) {
	keep := url.Values{}
	for _, name := range ledgerFields {
		if v := q.Get(name); v != "" {
			keep.Set(name, v)
		}
	}
	var nextURL, firstURL string
	if q.Get("cursor") != "" {
		firstURL = "/ledger?" + keep.Encode()
	}
	if next != "" {
		keep.Set("cursor", next)
		nextURL = "/ledger?" + keep.Encode()
	}
	return nextURL, firstURL
}

// justRecorded returns the ledger entry that the query's parameter name
// says was just recorded, or nil when it names none.
func (s *Server) justRecorded(r *http.Request, name string) (*budget.Disbursement, error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return nil, nil
	}
	id, err := parseID(raw)
	if err != nil {
		return nil, err
	}
	d, err := s.svc.Budget.Entry(r.Context(), viewerOf(r.Context()).Caller, id)
	return &d, err
}

// sourceChoices are the funding sources to filter by, and "all".
func sourceChoices(ctx context.Context) []option {
	out := []option{{"", T(ctx, "web.ledger.source_all")}}
	for _, src := range budget.Sources {
		out = append(out, option{string(src), sourceName(ctx, src)})
	}
	return out
}

// lineChoices are the line filter's choices: every line, then the lines of
// province p's plan in force in year, each as "activity — source —
// amount", and the line chosen when it is not one of them (a line of an
// older version).
func (s *Server) lineChoices(ctx context.Context, p units.ProvinceCode, year int, chosen budget.LineID) ([]option, error) {
	lines, _, err := s.svc.Budget.LinesInForce(ctx, viewerOf(ctx).Caller, p, year)
	if err != nil {
		return nil, err
	}
	out := []option{{"", T(ctx, "web.ledger.line_all")}}
	found := chosen == 0
	for _, l := range lines {
		out = append(out, option{strconv.FormatInt(int64(l.ID), 10), Tf(ctx, "web.ledger.line_choice",
			i18n.Args{"activity": l.Activity, "source": sourceName(ctx, l.FundingSource), "amount": l.Amount})})
		found = found || l.ID == chosen
	}
	if !found {
		out = append(out, option{strconv.FormatInt(int64(chosen), 10), Tf(ctx, "web.ledger.line", i18n.Args{"id": int64(chosen)})})
	}
	return out, nil
}

// lineEntries is the link to the ledger of year filtered to line.
func lineEntries(year int, line budget.LineID) templ.SafeURL {
	return templ.SafeURL("/ledger?year=" + strconv.Itoa(year) + "&line=" + strconv.FormatInt(int64(line), 10))
}
