package bench_test

import (
	"context"
	"fmt"
	"testing"

	"baove"
	"baove/bench"
	"baove/budget"
)

// ledgerCase is a page of the busiest province-year's ledger: the filter
// the service is asked, and the bare SQL of the same page.
type ledgerCase struct {
	name   string
	filter budget.LedgerFilter
	where  string // the page's conditions beyond the province and year, as the store writes them
	args   []any
}

// BenchmarkLedgerPage times pages of the ledger of the busiest
// province-year (budget.Store.LedgerPage, as a reviewer, pages of
// budget.DefaultPageSize entries) against the bare SQL of the same page: the
// first page; the last, reached by following every cursor from the first;
// a search for a voucher number, which looks at every entry of the year;
// a search for words without marks; a page of the central payments of a
// quarter; and a page of one line's entries.
func BenchmarkLedgerPage(b *testing.B) {
	bench.Engines(b, func(b *testing.B, s *bench.Services) {
		for _, c := range ledgerCases(b, s) {
			b.Run(c.name, func(b *testing.B) {
				c.filter.Province, c.filter.Year = s.Target.Province, s.Target.Year
				bench.Compare(b, func(ctx context.Context) error {
					p, err := s.Budget.LedgerPage(ctx, bench.Reviewer, c.filter)
					if err == nil && len(p.Entries) == 0 {
						err = fmt.Errorf("%s: an empty page", c.name)
					}
					return err
				}, func(ctx context.Context) error {
					return pageLimit(ctx, s, c)
				})
			})
		}
	})
}

// ledgerCases returns the pages the benchmark reads: the last page's
// cursor is found by following the pages, the searched voucher is the
// year's median entry's, the line is the one with most entries.
func ledgerCases(b *testing.B, s *bench.Services) []ledgerCase {
	b.Helper()
	ctx, t := context.Background(), s.Target
	all := budget.LedgerFilter{Province: t.Province, Year: t.Year}
	var at []any // where the last page starts: after the last entry of the page before
	pages := 1
	for {
		p, err := s.Budget.LedgerPage(ctx, bench.Reviewer, all)
		if err != nil {
			b.Fatal(err)
		}
		if p.Next == "" {
			break
		}
		end := p.Entries[len(p.Entries)-1]
		at, all.Cursor, pages = []any{end.PaidOn, end.ID}, p.Next, pages+1
	}
	last := all.Cursor
	var voucher, lineage string
	var line int64
	err := s.DB.NewRaw(`SELECT voucher_no FROM disbursements WHERE province_code = ? AND year = ? AND kind = 'payment'
		ORDER BY id LIMIT 1 OFFSET ?`, string(t.Province), t.Year, t.Entries/2).Scan(ctx, &voucher)
	if err == nil {
		err = s.DB.NewRaw(`SELECT line_lineage, max(budget_line_id) FROM disbursements WHERE province_code = ? AND year = ?
			GROUP BY line_lineage ORDER BY count(*) DESC LIMIT 1`, string(t.Province), t.Year).Scan(ctx, &lineage, &line)
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s/%d: %d entries, %d pages of %d; searching %s; line %d", t.Province, t.Year, t.Entries, pages,
		budget.DefaultPageSize, voucher, line)
	from, to := baove.NewDate(t.Year, 7, 1), baove.NewDate(t.Year, 9, 30)
	words := "boi duong cong tac vien"
	return []ledgerCase{
		{name: "first"},
		{name: "last", filter: budget.LedgerFilter{Cursor: last}, where: "(d.paid_on, d.id) < (?, ?)", args: at},
		{name: "voucher", filter: budget.LedgerFilter{Search: voucher}, where: `d.search_text LIKE ? ESCAPE '\'`,
			args: []any{"%" + budget.SearchText(voucher) + "%"}},
		{name: "words", filter: budget.LedgerFilter{Search: words}, where: `d.search_text LIKE ? ESCAPE '\'`,
			args: []any{"%" + words + "%"}},
		{name: "filtered", filter: budget.LedgerFilter{Source: budget.Central, Kind: budget.Payment, From: from, To: to},
			where: "d.funding_source = 'central' AND d.kind = 'payment' AND d.paid_on >= ? AND d.paid_on <= ?", args: []any{from, to}},
		{name: "line", filter: budget.LedgerFilter{Line: budget.LineID(line)}, where: "d.line_lineage = ?", args: []any{lineage}},
	}
}

// pageLimit reads c's page with bare SQL: the entries with the other side
// of their reversals, one more than a page, rows scanned into plain values.
func pageLimit(ctx context.Context, s *bench.Services, c ledgerCase) error {
	t := s.Target
	where := ""
	if c.where != "" {
		where = " AND " + c.where
	}
	sql := `SELECT d.*, coalesce(r.id, 0), r.paid_on, coalesce(r.description, ''), coalesce(r.actor, ''),
		o.paid_on, coalesce(o.voucher_no, ''), coalesce(o.amount, 0)
		FROM disbursements AS d LEFT JOIN disbursements AS r ON r.reverses_id = d.id
		LEFT JOIN disbursements AS o ON o.id = d.reverses_id
		WHERE d.province_code = ? AND d.year = ?` + where + ` ORDER BY d.paid_on DESC, d.id DESC LIMIT ?`
	args := append(append([]any{string(t.Province), t.Year}, c.args...), budget.DefaultPageSize+1)
	n, err := drain(ctx, s.DB, sql, args...)
	if err == nil && n == 0 {
		err = fmt.Errorf("%s: the limit read nothing", c.name)
	}
	return err
}
