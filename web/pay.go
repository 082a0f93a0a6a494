package web

import (
	"crypto/rand"
	"errors"
	"net/http"
	"strconv"

	"baove"
	"baove/budget"
	"baove/i18n"
)

// payView is what the pay page shows.
type payView struct {
	Year   int
	Groups []lineGroup
	Form   form
	// Key is the form's idempotency key: made when the form is shown, so
	// that the same form sent twice (a double click, a retry) records once.
	Key string
	// Paid is the payment just recorded; nil otherwise.
	Paid *budget.Disbursement
}

// lineGroup is an activity of the plan in force and its lines, as the line
// picker groups them.
type lineGroup struct {
	Activity string
	Lines    []lineOption
}

// lineOption is a line in the picker, with what it has left.
type lineOption struct {
	ID       string
	Label    string
	Selected bool
}

// payPage shows the payment form for the lines of ?year= (this year by
// default: last year's lines take payments in its adjustment period); ?line=
// picks a line, ?paid= tells of the payment just recorded.
func (s *Server) payPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := form{Values: map[string]string{"budget_line_id": q.Get("line"), "paid_on": s.svc.Clock.Today().String()}}
	var paid *budget.Disbursement
	if id, err := strconv.ParseInt(q.Get("paid"), 10, 64); err == nil {
		d, err := s.svc.Budget.Entry(r.Context(), viewerOf(r.Context()).Caller, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		paid = &d
	}
	s.renderPay(w, r, http.StatusOK, f, paid)
}

// pay records a payment as POST /budget-lines/{id}/disbursements does,
// with the form's idempotency key; a refusal is shown on the form's fields.
func (s *Server) pay(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in, err := readForm(r, "description")
	var d budget.Disbursement
	if err == nil {
		var n budget.NewDisbursement
		if n, err = newDisbursement(in.Get); err == nil {
			d, _, err = s.svc.Budget.Disburse(ctx, viewerOf(ctx).Caller, n, in.Get("idempotency_key"))
		}
	}
	if err != nil {
		f := form{Values: map[string]string{}}
		for k := range in {
			f.Values[k] = in.Get(k)
		}
		status, ok := s.refused(w, r, err, &f)
		if !ok {
			s.fail(w, r, err)
			return
		}
		s.renderPay(w, r, status, f, nil)
		return
	}
	seeOther(w, r, "/pay?paid="+strconv.FormatInt(d.ID, 10))
}

// newDisbursement decodes the pay form's fields: EINVALID naming each that
// cannot be read (the rules of a payment are the domain's).
func newDisbursement(get func(string) string) (budget.NewDisbursement, error) {
	var p baove.Problems
	n := budget.NewDisbursement{VoucherNo: get("voucher_no"), Description: get("description")}
	if id, err := strconv.ParseInt(get("budget_line_id"), 10, 64); err == nil && id > 0 {
		n.Line = budget.LineID(id)
	} else {
		p.AddKey("budget_line_id", "web.pay.line_required", nil, nil)
	}
	amount, err := budget.ParseTypedVND("amount", get("amount"))
	if e := (*baove.Error)(nil); errors.As(err, &e) {
		p = append(p, e.Fields...)
	}
	n.Amount = amount
	if n.PaidOn, err = baove.ParseDate(get("paid_on")); err != nil {
		p.AddKey("paid_on", "web.finance.date_invalid", nil, get("paid_on"))
	}
	return n, p.Err()
}

func (s *Server) renderPay(w http.ResponseWriter, r *http.Request, status int, f form, paid *budget.Disbursement) {
	ctx := r.Context()
	p, err := provinceOf(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	year, err := yearOf(r, s.thisYear())
	var lines []budget.PlanLine
	if err == nil {
		lines, year, err = s.svc.Budget.LinesInForce(ctx, viewerOf(ctx).Caller, p, year)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := payView{Year: year, Form: f, Key: rand.Text(), Paid: paid, Groups: lineGroups(r, lines, f.value("budget_line_id"))}
	s.render(w, r, status, payPage(s.page(r, T(ctx, "web.pay.title")), v))
}

// lineGroups groups lines by activity, in the plan's order, each labelled
// with its source, description and what it has left.
func lineGroups(r *http.Request, lines []budget.PlanLine, selected string) []lineGroup {
	ctx := r.Context()
	var out []lineGroup
	for _, l := range lines {
		if len(out) == 0 || out[len(out)-1].Activity != l.Activity {
			out = append(out, lineGroup{Activity: l.Activity})
		}
		id := strconv.FormatInt(int64(l.ID), 10)
		label := Tf(ctx, "web.pay.line_option", i18n.Args{"id": int64(l.ID), "source": sourceName(ctx, l.FundingSource),
			"left": l.Remaining()})
		if l.Description != "" {
			label += " — " + l.Description
		}
		g := &out[len(out)-1]
		g.Lines = append(g.Lines, lineOption{ID: id, Label: label, Selected: id == selected})
	}
	return out
}
