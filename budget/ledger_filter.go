package budget

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"baove"
	"baove/i18n"
	"baove/units"
)

// The ledger's pages: which entries a finance officer looks for and where a
// page starts, without SQL (the store's query is in ledger_page.go).

// Page sizes of the ledger.
const (
	DefaultPageSize = 100 // entries a page when the caller names none
	MaxPageSize     = 500
	MaxSearch       = 200 // characters of a search
)

// LedgerFilter selects entries of a province's ledger, newest first (by
// payment date, then by entry), and one page of them.
type LedgerFilter struct {
	Province units.ProvinceCode
	// Year is the budget year; 0 selects every year.
	Year int
	// Search matches voucher numbers and descriptions without regard to
	// case or Vietnamese marks ("chung tu" finds "Chứng từ"); a reversal is
	// found by the voucher and description of the payment it reverses too.
	Search string
	// From and To bound the entries' dates (a payment's paid_on, a
	// reversal's date), inclusive; a zero date leaves that side open.
	From, To baove.Date
	// Line selects the entries of a budget line, across its plan's
	// versions (its lineage); 0 selects every line.
	Line   LineID
	Source FundingSource // "" for every source
	Kind   EntryKind     // "" for payments and reversals
	// Limit is how many entries a page holds: DefaultPageSize when 0, at
	// most MaxPageSize.
	Limit int
	// Cursor is where the page starts: a Page's Next, "" for the first.
	Cursor string
}

// Page is one page of the ledger.
type Page struct {
	Entries []Entry
	// Next is the cursor of the next page; "" on the last.
	Next string
}

// Entry is a ledger entry as the ledger's pages show it: with the other
// side of its reversal.
type Entry struct {
	Disbursement
	// ReversedBy is the reversal that cancels a payment; nil when none.
	ReversedBy *ReversalRef
	// Reverses is the payment a reversal cancels; nil for a payment.
	Reverses *PaymentRef
}

// ReversalRef is the reversal of a payment, as the payment's entry shows it.
type ReversalRef struct {
	ID         int64
	ReversedOn baove.Date
	Reason     string
	Actor      string
}

// PaymentRef is the payment a reversal cancels, as the reversal's entry
// shows it.
type PaymentRef struct {
	ID        int64
	PaidOn    baove.Date
	VoucherNo string
	Amount    VND
}

// position is where a page starts: after the entry paid on paidOn with id,
// in the ledger's order (paid_on, then id, both descending).
type position struct {
	paidOn baove.Date
	id     int64
}

// cursorOf returns the opaque cursor of the page after entry e.
func cursorOf(e Disbursement) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%s/%d", e.PaidOn, e.ID))
}

// parseCursor reads a cursor made by cursorOf; anything else is EINVALID
// naming cursor.
func parseCursor(s string) (position, error) {
	bad := baove.InvalidKey("cursor", "ledger.cursor_invalid", nil, s)
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return position{}, bad
	}
	day, id, ok := strings.Cut(string(raw), "/")
	d, dayErr := baove.ParseDate(day)
	n, idErr := strconv.ParseInt(id, 10, 64)
	if !ok || dayErr != nil || idErr != nil || n < 1 {
		return position{}, bad
	}
	return position{paidOn: d, id: n}, nil
}

// check returns the filter with its limit set and its search folded, and
// where its page starts (nil for the first page); EINVALID naming each bad
// field: the year, a search too long, an unknown source or kind, From
// after To, a limit out of range, a cursor not made by a page.
func (f LedgerFilter) check() (LedgerFilter, *position, error) {
	var p baove.Problems
	if f.Year != 0 {
		if err := baove.CheckYear("year", f.Year); err != nil {
			return f, nil, err
		}
	}
	if len([]rune(f.Search)) > MaxSearch {
		p.AddKey("q", "field.too_long", i18n.Args{"max": i18n.Count(MaxSearch)}, nil)
	}
	if f.Source != "" && !f.Source.Valid() {
		p.AddKey("source", "ledger.filter_source", nil, string(f.Source))
	}
	if f.Kind != "" && f.Kind != Payment && f.Kind != Reversal {
		p.AddKey("kind", "ledger.filter_kind", nil, string(f.Kind))
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		p.AddKey("to", "ledger.filter_dates", i18n.Args{"from": f.From}, f.To.String())
	}
	if f.Limit < 0 || f.Limit > MaxPageSize {
		p.AddKey("limit", "ledger.page_size", i18n.Args{"max": i18n.Count(MaxPageSize)}, f.Limit)
	}
	if err := p.Err(); err != nil {
		return f, nil, err
	}
	f.Limit = cmp.Or(f.Limit, DefaultPageSize)
	f.Search = SearchText(f.Search)
	if f.Cursor == "" {
		return f, nil, nil
	}
	at, err := parseCursor(f.Cursor)
	return f, &at, err
}
