package budget

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/i18n"
	"baove/units"
)

// LedgerPage returns a page of province f.Province's ledger: the entries f
// selects, newest first (by payment date, then by entry), each with the
// other side of its reversal, and the cursor of the next page. A reviewer
// reads every province; a planner or finance officer their own
// (EFORBIDDEN otherwise). It returns ENOTFOUND for an unknown province and
// EINVALID naming each bad filter (see LedgerFilter), f.Line when it is not
// a line of the province.
func (s *Store) LedgerPage(ctx context.Context, c access.Caller, f LedgerFilter) (Page, error) {
	if err := c.CanRead(f.Province); err != nil {
		return Page{}, err
	}
	f, at, err := f.check()
	if err != nil {
		return Page{}, err
	}
	lineage := ""
	if f.Line != 0 {
		if lineage, err = s.lineageIn(ctx, f.Province, f.Line); err != nil {
			return Page{}, err
		}
	}
	return s.page(ctx, pageQuery{filter: f, at: at, lineage: lineage})
}

// LinePage returns a page of budget line id's ledger, across its plan's
// versions, as LedgerPage does for the line's province (f.Province and
// f.Line are the line's). The caller must be able to read the line's plan
// (ENOTFOUND otherwise).
func (s *Store) LinePage(ctx context.Context, c access.Caller, id LineID, f LedgerFilter) (Page, error) {
	l, p, err := s.Line(ctx, c, id)
	if err != nil {
		return Page{}, err
	}
	f.Province, f.Line = p.Province, id
	f, at, err := f.check()
	if err != nil {
		return Page{}, err
	}
	return s.page(ctx, pageQuery{filter: f, at: at, lineage: l.Lineage})
}

// lineageIn returns the lineage of line id when it is a line of province p;
// EINVALID naming line otherwise, the same whether the line is another
// province's or none (ENOTFOUND when p itself is unknown).
func (s *Store) lineageIn(ctx context.Context, p units.ProvinceCode, id LineID) (string, error) {
	var lineage []string
	err := s.db.NewRaw(`SELECT l.lineage FROM budget_lines AS l JOIN plans AS p ON p.id = l.plan_id
		WHERE l.id = ? AND p.province_code = ?`, int64(id), string(p)).Scan(ctx, &lineage)
	if err != nil {
		return "", fmt.Errorf("budget: line %d: %w", id, err)
	}
	if len(lineage) == 0 {
		if err := provinceExists(ctx, s.db, p); err != nil {
			return "", err
		}
		return "", baove.InvalidKey("line", "ledger.no_line", i18n.Args{"province": p, "line": int64(id)}, int64(id))
	}
	return lineage[0], nil
}

// pageQuery is a checked filter, where its page starts (nil for the first)
// and the lineage of its line ("" for every line).
type pageQuery struct {
	filter  LedgerFilter
	at      *position
	lineage string
}

// entryRow is a ledger entry with the other side of its reversal, as the
// page's query reads it.
type entryRow struct {
	Disbursement `bun:",extend"`

	RevOn       baove.Date `bun:",scanonly"`
	RevReason   string     `bun:",scanonly"`
	RevActor    string     `bun:",scanonly"`
	OrigPaidOn  baove.Date `bun:",scanonly"`
	OrigVoucher string     `bun:",scanonly"`
	OrigAmount  int64      `bun:",scanonly"`
}

// page reads one page of q: one entry more than the page holds, to know
// whether another page follows. An empty page asks whether the province
// exists.
func (s *Store) page(ctx context.Context, q pageQuery) (Page, error) {
	f := q.filter
	var rows []entryRow
	if err := s.selectPage(&rows, q).Scan(ctx); err != nil {
		return Page{}, fmt.Errorf("budget: ledger of %s: %w", f.Province, err)
	}
	if len(rows) == 0 {
		return Page{Entries: []Entry{}}, provinceExists(ctx, s.db, f.Province)
	}
	out := Page{Entries: make([]Entry, 0, min(len(rows), f.Limit))}
	for i, r := range rows {
		if i == f.Limit {
			out.Next = cursorOf(rows[i-1].Disbursement)
			break
		}
		out.Entries = append(out.Entries, r.entry())
	}
	return out, nil
}

// selectPage selects q's page, in the ledger's order, and one entry more.
func (s *Store) selectPage(rows *[]entryRow, q pageQuery) *bun.SelectQuery {
	f := q.filter
	sel := s.db.NewSelect().Model(rows).ColumnExpr("d.*").
		ColumnExpr("coalesce(r.id, 0) AS reversed_by_id, r.paid_on AS rev_on").
		ColumnExpr("coalesce(r.description, '') AS rev_reason, coalesce(r.actor, '') AS rev_actor").
		ColumnExpr("o.paid_on AS orig_paid_on, coalesce(o.voucher_no, '') AS orig_voucher, coalesce(o.amount, 0) AS orig_amount").
		Join("LEFT JOIN disbursements AS r ON r.reverses_id = d.id").
		Join("LEFT JOIN disbursements AS o ON o.id = d.reverses_id").
		Where("d.province_code = ?", string(f.Province))
	for _, w := range q.conditions() {
		sel = sel.Where(w.sql, w.args...)
	}
	return sel.OrderExpr("d.paid_on DESC, d.id DESC").Limit(int64(f.Limit) + 1)
}

// condition is one WHERE clause with its arguments.
type condition struct {
	sql  string
	args []any
}

// conditions returns the clauses of q's filter beyond its province.
func (q pageQuery) conditions() []condition {
	f := q.filter
	var out []condition
	add := func(sql string, args ...any) { out = append(out, condition{sql, args}) }
	if f.Year != 0 {
		add("d.year = ?", f.Year)
	}
	if !f.From.IsZero() {
		add("d.paid_on >= ?", f.From)
	}
	if !f.To.IsZero() {
		add("d.paid_on <= ?", f.To)
	}
	if q.lineage != "" {
		add("d.line_lineage = ?", q.lineage)
	}
	if f.Source != "" {
		add("d.funding_source = ?", string(f.Source))
	}
	if f.Kind != "" {
		add("d.kind = ?", string(f.Kind))
	}
	if f.Search != "" {
		add(`d.search_text LIKE ? ESCAPE '\'`, likePattern(f.Search))
	}
	if q.at != nil {
		add("(d.paid_on, d.id) < (?, ?)", q.at.paidOn, q.at.id) // a row value: both engines seek the index to it
	}
	return out
}

// entry returns the row as an Entry.
func (r entryRow) entry() Entry {
	e := Entry{Disbursement: r.Disbursement}
	if r.ReversedByID != 0 {
		e.ReversedBy = &ReversalRef{ID: r.ReversedByID, ReversedOn: r.RevOn, Reason: r.RevReason, Actor: r.RevActor}
	}
	if r.ReversesID != 0 {
		e.Reverses = &PaymentRef{ID: r.ReversesID, PaidOn: r.OrigPaidOn, VoucherNo: r.OrigVoucher, Amount: VND(r.OrigAmount)}
	}
	return e
}
