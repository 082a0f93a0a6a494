package api

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"baove/budget"
	"baove/units"
)

// LedgerEntry is an entry of a ledger's page, with the other side of its
// reversal.
type LedgerEntry struct {
	Disbursement
	ReversedBy *ReversalRef `json:"reversed_by,omitempty" doc:"The reversal that cancels this payment"`
	Reverses   *PaymentRef  `json:"reverses,omitempty" doc:"The payment this reversal cancels"`
}

// ReversalRef is the reversal of a payment.
type ReversalRef struct {
	ID         int64  `json:"id" example:"977"`
	ReversedOn string `json:"reversed_on" format:"date"`
	Reason     string `json:"reason" example:"Chứng từ ghi sai số tiền"`
	Actor      string `json:"actor" example:"finance.dienbien"`
}

// PaymentRef is the payment a reversal cancels.
type PaymentRef struct {
	ID        int64  `json:"id" example:"901"`
	PaidOn    string `json:"paid_on" format:"date"`
	VoucherNo string `json:"voucher_no,omitempty" example:"PC-2026-0042"`
	Amount    string `json:"amount" example:"250000000"`
}

func ledgerEntryOf(e budget.Entry) LedgerEntry {
	out := LedgerEntry{Disbursement: disbursementOf(e.Disbursement)}
	if r := e.ReversedBy; r != nil {
		out.ReversedBy = &ReversalRef{ID: r.ID, ReversedOn: r.ReversedOn.String(), Reason: r.Reason, Actor: r.Actor}
	}
	if p := e.Reverses; p != nil {
		out.Reverses = &PaymentRef{ID: p.ID, PaidOn: p.PaidOn.String(), VoucherNo: p.VoucherNo, Amount: p.Amount.String()}
	}
	return out
}

// PageQuery pages a ledger and filters it.
type PageQuery struct {
	Q      Search   `query:"q" doc:"Voucher numbers and descriptions, ignoring case and marks: \"chung tu\" finds \"Chứng từ\""`
	From   string   `query:"from" format:"date" doc:"Entries dated on or after this day (a payment's paid_on, a reversal's date)"`
	To     string   `query:"to" format:"date" doc:"Entries dated on or before this day"`
	Kind   string   `query:"kind" enum:"payment,reversal" doc:"Payments or reversals only"`
	Limit  PageSize `query:"limit" doc:"Entries a page"`
	Cursor string   `query:"cursor" maxLength:"200" doc:"Where the page starts: the next_cursor of the page before, as it was sent; absent for the first page"`
}

// filter returns q as the domain's filter.
func (q PageQuery) filter() (budget.LedgerFilter, error) {
	f := budget.LedgerFilter{Search: string(q.Q), Kind: budget.EntryKind(q.Kind), Limit: int(q.Limit), Cursor: q.Cursor}
	var err error
	if q.From != "" {
		if f.From, err = parseDate("from", q.From); err != nil {
			return f, err
		}
	}
	if q.To != "" {
		f.To, err = parseDate("to", q.To)
	}
	return f, err
}

// values returns q's parameters as a query string holds them, with cursor
// for the next page.
func (q PageQuery) values(cursor string) url.Values {
	v := url.Values{}
	for name, value := range map[string]string{"q": string(q.Q), "from": q.From, "to": q.To, "kind": q.Kind} {
		if value != "" {
			v.Set(name, value)
		}
	}
	v.Set("limit", strconv.Itoa(int(q.Limit)))
	v.Set("cursor", cursor)
	return v
}

// LedgerPageOutput is a page of a ledger, newest first.
type LedgerPageOutput struct {
	Link string `header:"Link" doc:"The next page as rel=\"next\", absent on the last page"`
	Body struct {
		Items      []LedgerEntry `json:"items"`
		NextCursor string        `json:"next_cursor,omitempty" doc:"Opaque: send it as cursor for the next page; absent on the last"`
		Next       string        `json:"next,omitempty" doc:"The next page's path and query; absent on the last page"`
	}
}

// pageOutput answers page p, whose next page is at path with the
// parameters of next.
func pageOutput(p budget.Page, path string, next func(cursor string) url.Values) *LedgerPageOutput {
	out := &LedgerPageOutput{}
	out.Body.Items = make([]LedgerEntry, len(p.Entries))
	for i, e := range p.Entries {
		out.Body.Items[i] = ledgerEntryOf(e)
	}
	if p.Next != "" {
		out.Body.NextCursor = p.Next
		out.Body.Next = path + "?" + next(p.Next).Encode()
		out.Link = fmt.Sprintf(`<%s>; rel="next"`, out.Body.Next)
	}
	return out
}

// ProvinceLedgerInput selects a page of a province's ledger.
type ProvinceLedgerInput struct {
	Code   string     `path:"code" pattern:"^[0-9]{2}$" example:"11"`
	Year   YearFilter `query:"year" doc:"The budget year; absent for every year"`
	Line   int64      `query:"line" minimum:"0" doc:"A budget line's id: its entries across the plan's versions"`
	Source string     `query:"source" enum:"central,provincial,commune,other" doc:"One funding source only"`
	PageQuery
}

func (s *Server) provinceLedger(ctx context.Context, in *ProvinceLedgerInput) (*LedgerPageOutput, error) {
	f, err := in.filter()
	if err != nil {
		return nil, err
	}
	f.Province, f.Year = units.ProvinceCode(in.Code), int(in.Year)
	f.Line, f.Source = budget.LineID(in.Line), budget.FundingSource(in.Source)
	p, err := s.svc.Budget.LedgerPage(ctx, caller(ctx), f)
	if err != nil {
		return nil, err
	}
	return pageOutput(p, Prefix+"/provinces/"+in.Code+"/disbursements", func(cursor string) url.Values {
		v := in.values(cursor)
		for name, value := range map[string]int64{"year": int64(in.Year), "line": in.Line} {
			if value != 0 {
				v.Set(name, strconv.FormatInt(value, 10))
			}
		}
		if in.Source != "" {
			v.Set("source", in.Source)
		}
		return v
	}), nil
}

// LineLedgerInput selects a page of a budget line's ledger.
type LineLedgerInput struct {
	LinePath
	PageQuery
}

func (s *Server) lineLedger(ctx context.Context, in *LineLedgerInput) (*LedgerPageOutput, error) {
	f, err := in.filter()
	if err != nil {
		return nil, err
	}
	p, err := s.svc.Budget.LinePage(ctx, caller(ctx), budget.LineID(in.ID), f)
	if err != nil {
		return nil, err
	}
	return pageOutput(p, fmt.Sprintf("%s/budget-lines/%d/disbursements", Prefix, in.ID), in.values), nil
}
