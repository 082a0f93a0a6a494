package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"baove"
	"baove/access"
	"baove/budget"
	"baove/i18n"
	"baove/units"
)

// allocationView is the page of central allocations: one decision's amounts
// for many provinces in one form, beside what each was allocated so far.
type allocationView struct {
	Year  int
	Rows  []allocationRow
	Form  form
	Key   string // the form's idempotency key
	Done  string // what the last decision recorded, after the redirect
	Today baove.Date
}

// allocationRow is a province's line of the form.
type allocationRow struct {
	Code      units.ProvinceCode
	Name      string
	Allocated budget.VND
}

// Field returns the name (and id) of the row's amount in the form.
func (r allocationRow) Field() string { return "amount-" + string(r.Code) }

// allocationsPage shows the form of a decision for ?year=.
func (s *Server) allocationsPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := allocationView{}
	if n := q.Get("recorded"); n != "" {
		v.Done = Tf(r.Context(), "web.allocation.done", i18n.Args{"decision": q.Get("decision"), "n": atoi(n)})
	}
	s.renderAllocations(w, r, http.StatusOK, v)
}

func (s *Server) renderAllocations(w http.ResponseWriter, r *http.Request, status int, v allocationView) {
	ctx := r.Context()
	c := viewerOf(ctx).Caller
	if err := c.Require(access.Reviewer); err != nil {
		s.fail(w, r, err)
		return
	}
	year, err := yearParam(r, s.svc.Clock.Today().Year())
	if err == nil && v.Year == 0 {
		v.Year = year
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if v.Rows, err = s.allocationRows(r, v.Year); err != nil {
		s.fail(w, r, err)
		return
	}
	if v.Key == "" {
		v.Key = newKey()
	}
	v.Today = s.svc.Clock.Today()
	s.render(w, r, status, allocationsPage(s.page(r, T(ctx, "web.allocation.title")), v))
}

// allocationRows returns every province in official order with what it was
// allocated in year so far.
func (s *Server) allocationRows(r *http.Request, year int) ([]allocationRow, error) {
	ctx := r.Context()
	provinces, err := s.svc.Units.Provinces(ctx)
	if err != nil {
		return nil, err
	}
	sums, err := s.svc.Budget.YearFigures(ctx, viewerOf(ctx).Caller, year)
	if err != nil {
		return nil, err
	}
	rows := make([]allocationRow, len(provinces))
	for i, p := range provinces {
		rows[i] = allocationRow{Code: p.Code, Name: p.Name, Allocated: sums[p.Code].Total.Allocated}
	}
	return rows, nil
}

// allocate records the form's decision for every province given an amount,
// all or nothing; sent twice (the same idempotency key), it records once.
func (s *Server) allocate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in, err := readForm(r)
	v := allocationView{Form: form{Values: formValues(in)}, Key: in.Get("idempotency_key")}
	v.Year, _ = strconv.Atoi(in.Get("year"))
	var d budget.Decision
	var codes []units.ProvinceCode
	if err == nil {
		d, codes, err = s.decisionOf(r, in, v.Year)
	}
	if err == nil {
		_, _, err = s.svc.Budget.AllocateDecision(ctx, viewerOf(ctx).Caller, d, v.Key)
	}
	if err != nil {
		status, ok := s.refused(w, r, rowFields(err, codes), &v.Form)
		if !ok {
			s.fail(w, r, err)
			return
		}
		s.renderAllocations(w, r, status, v)
		return
	}
	seeOther(w, r, "/allocations?"+url.Values{"year": {strconv.Itoa(v.Year)}, "recorded": {strconv.Itoa(len(d.Shares))},
		"decision": {d.DecisionNo}}.Encode())
}

// decisionOf reads the decision of the form: its number and date, and a
// share for every province whose amount is filled in (in the reader's
// writing: 1.500.000 or 1500000), in official order with their codes.
func (s *Server) decisionOf(r *http.Request, in url.Values, year int) (budget.Decision, []units.ProvinceCode, error) {
	d := budget.Decision{Year: year, DecisionNo: in.Get("decision_no")}
	var p baove.Problems
	if raw := in.Get("decided_on"); raw != "" {
		var err error
		if d.DecidedOn, err = baove.ParseDate(raw); err != nil {
			p.AddKey("decided_on", "plan.issue.date_form", nil, raw)
		}
	}
	rows, err := s.allocationRows(r, year)
	if err != nil {
		return d, nil, err
	}
	var codes []units.ProvinceCode
	for _, row := range rows {
		raw := strings.TrimSpace(in.Get(row.Field()))
		if raw == "" {
			continue
		}
		amount, err := budget.ParseVND(row.Field(), plainDigits(langOf(r.Context()), raw), false)
		var e *baove.Error
		if errors.As(err, &e) {
			p = append(p, e.Fields...)
			continue
		}
		d.Shares = append(d.Shares, budget.Share{Province: row.Code, Amount: amount})
		codes = append(codes, row.Code)
	}
	return d, codes, p.Err()
}

// grouped matches an amount written with the reader's thousands mark.
var grouped = map[i18n.Lang]*regexp.Regexp{
	i18n.VI: regexp.MustCompile(`^\d{1,3}(\.\d{3})+$`),
	i18n.EN: regexp.MustCompile(`^\d{1,3}(,\d{3})+$`),
}

// plainDigits returns s without its thousands marks when it is written
// grouped the reader's way ("1.500.000" in Vietnamese), else s as it is.
func plainDigits(lang i18n.Lang, s string) string {
	if re, ok := grouped[lang]; ok && re.MatchString(s) {
		return strings.NewReplacer(".", "", ",", "").Replace(s)
	}
	return s
}

// rowFields renames the fields of the domain's error that name a share
// ("shares[1].amount") by the form's control of its province.
func rowFields(err error, codes []units.ProvinceCode) error {
	var e *baove.Error
	if !errors.As(err, &e) {
		return err
	}
	for i := range e.Fields {
		var n int
		var rest string
		if _, scan := fmt.Sscanf(e.Fields[i].Field, "shares[%d].%s", &n, &rest); scan == nil && n < len(codes) {
			e.Fields[i].Field = "amount-" + string(codes[n])
		}
	}
	return e
}

// newKey returns a fresh idempotency key for a form.
func newKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
