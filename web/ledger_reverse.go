package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"baove"
	"baove/budget"
	"baove/i18n"
)

// reverseView is what the page that reverses a payment shows.
type reverseView struct {
	Entry budget.Disbursement
	Form  form
}

// parseID reads a ledger entry's id; ENOTFOUND for anything else.
func parseID(raw string) (int64, error) {
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id < 1 {
		return 0, baove.E(baove.ENOTFOUND, "web.ledger.no_entry", nil)
	}
	return id, nil
}

// reversePage shows a payment and the form that reverses it, dated today
// unless the reader says otherwise.
func (s *Server) reversePage(w http.ResponseWriter, r *http.Request) {
	f := form{Values: map[string]string{"reversed_on": s.svc.Clock.Today().String()}}
	s.renderReverse(w, r, http.StatusOK, f)
}

// reverse reverses a payment as POST /disbursements/{id}/reversal does,
// with the date and reason of the form, and shows the ledger with it.
func (s *Server) reverse(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in, err := readForm(r)
	var rev budget.Disbursement
	if err == nil {
		var n budget.NewReversal
		if n, err = newReversal(chi.URLParam(r, "id"), in.Get); err == nil {
			rev, err = s.svc.Budget.Reverse(ctx, viewerOf(ctx).Caller, n)
		}
	}
	if err != nil {
		f := form{Values: map[string]string{"reversed_on": in.Get("reversed_on"), "reason": in.Get("reason")}}
		status, ok := s.refused(w, r, err, &f)
		if !ok || status == http.StatusNotFound {
			s.fail(w, r, err)
			return
		}
		s.renderReverse(w, r, status, f)
		return
	}
	seeOther(w, r, "/ledger?year="+strconv.Itoa(rev.Year)+"&reversed="+strconv.FormatInt(rev.ID, 10))
}

// newReversal decodes the reversal form: EINVALID naming a date that cannot
// be read (the rules of a reversal are the domain's).
func newReversal(rawID string, get func(string) string) (budget.NewReversal, error) {
	id, err := parseID(rawID)
	if err != nil {
		return budget.NewReversal{}, err
	}
	n := budget.NewReversal{Payment: id, Reason: get("reason")}
	if raw := get("reversed_on"); raw != "" {
		if n.On, err = baove.ParseDate(raw); err != nil {
			return n, baove.InvalidKey("reversed_on", "web.finance.date_invalid", nil, raw)
		}
	}
	return n, nil
}

func (s *Server) renderReverse(w http.ResponseWriter, r *http.Request, status int, f form) {
	ctx := r.Context()
	id, err := parseID(chi.URLParam(r, "id"))
	var e budget.Disbursement
	if err == nil {
		e, err = s.svc.Budget.Entry(ctx, viewerOf(ctx).Caller, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := Tf(ctx, "web.reverse.title", i18n.Args{"voucher": e.VoucherNo})
	s.render(w, r, status, reversePage(s.page(r, title), reverseView{Entry: e, Form: f}))
}
