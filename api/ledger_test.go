package api_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

// ledgerPage is a page of a ledger as the API answers it.
type ledgerPage struct {
	Items      []api.LedgerEntry
	NextCursor string `json:"next_cursor"`
	Next       string
}

// pay7 records seven payments from line, the fourth reversed, and returns
// the ids of the payments and of the reversal.
func (e *env) pay7(t *testing.T, line api.BudgetLine) ([]int64, int64) {
	t.Helper()
	var paid []int64
	for i := range 7 {
		var d api.Disbursement
		res := e.do("finance.dienbien", "POST", fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", line.ID),
			map[string]any{"amount": "1000", "paid_on": fmt.Sprintf("2026-04-%02d", 1+i), "voucher_no": fmt.Sprintf("PC-%d", i),
				"description": fmt.Sprintf("Chứng từ số %d", i)}, &d)
		if res.StatusCode != 201 {
			t.Fatalf("pay: %d", res.StatusCode)
		}
		paid = append(paid, d.ID)
	}
	var rev api.Disbursement
	if res := e.do("finance.dienbien", "POST", fmt.Sprintf("/api/v1/disbursements/%d/reverse", paid[3]),
		map[string]any{"reason": "Ghi sai", "reversed_on": "2026-04-20"}, &rev); res.StatusCode != 201 {
		t.Fatalf("reverse: %d", res.StatusCode)
	}
	return paid, rev.ID
}

// follow reads the pages from path on, by their next links, as the user as,
// checking that the Link header says what next says.
func (e *env) follow(t *testing.T, as, path string) []api.LedgerEntry {
	t.Helper()
	var all []api.LedgerEntry
	for path != "" {
		var p ledgerPage
		res := e.do(as, "GET", path, nil, &p)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		link := ""
		for _, l := range res.Header.Values("Link") { // Huma adds a link to the answer's schema
			if strings.HasSuffix(l, `rel="next"`) {
				link = l
			}
		}
		if (p.Next == "") != (link == "") || (p.Next != "" && link != "<"+p.Next+`>; rel="next"`) ||
			(p.Next != "" && !strings.Contains(p.Next, "cursor="+url.QueryEscape(p.NextCursor))) {
			t.Fatalf("GET %s: next %q, cursor %q, Link %q", path, p.Next, p.NextCursor, link)
		}
		all = append(all, p.Items...)
		path = p.Next
	}
	return all
}

func TestLedgerAPI_AProvincesLedgerPagesByNextLinksWithEachReversal(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		paid, rev := e.pay7(t, e.approvedLine(t))
		all := e.follow(t, "finance.dienbien", "/api/v1/provinces/11/disbursements?year=2026&limit=3")
		want := []int64{rev, paid[6], paid[5], paid[4], paid[3], paid[2], paid[1], paid[0]} // by date, newest first
		got := make([]int64, len(all))
		for i, it := range all {
			got[i] = it.ID
		}
		if !slices.Equal(got, want) {
			t.Fatalf("ledger %v, want %v", got, want)
		}
		if r := all[0].Reverses; r == nil || r.ID != paid[3] || r.VoucherNo != "PC-3" || r.PaidOn != "2026-04-04" || r.Amount != "1000" {
			t.Errorf("the reversal shows %+v", r)
		}
		if r := all[4].ReversedBy; r == nil || r.ID != rev || r.ReversedOn != "2026-04-20" || r.Reason != "Ghi sai" {
			t.Errorf("the reversed payment shows %+v", r)
		}
		found := e.follow(t, "reviewer", "/api/v1/provinces/11/disbursements?q="+url.QueryEscape("CHUNG TU SO 3"))
		if len(found) != 2 || found[0].ID != rev || found[1].ID != paid[3] {
			t.Errorf("q finds %+v, want the payment and its reversal", found)
		}
		kinds := e.follow(t, "reviewer", "/api/v1/provinces/11/disbursements?kind=reversal&source=central&from=2026-04-20&to=2026-04-20&limit=1")
		if len(kinds) != 1 || kinds[0].ID != rev {
			t.Errorf("the reversals of one day: %+v", kinds)
		}
	})
}

func TestLedgerAPI_ALinesLedgerPagesTheSameWay(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		line := e.approvedLine(t)
		paid, rev := e.pay7(t, line)
		path := fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", line.ID)
		if all := e.follow(t, "planner.dienbien", path+"?limit=2"); len(all) != 8 || all[0].ID != rev || all[7].ID != paid[0] {
			t.Fatalf("the line's ledger by pages of 2: %+v", all)
		}
		var first ledgerPage
		e.do("planner.dienbien", "GET", path, nil, &first)
		if len(first.Items) != 8 || first.Next != "" {
			t.Fatalf("without a limit: %d entries, next %q; want a page of up to 100", len(first.Items), first.Next)
		}
		if all := e.follow(t, "planner.dienbien", path+"?q=so+6"); len(all) != 1 || all[0].ID != paid[6] {
			t.Fatalf("a search in the line's ledger: %+v", all)
		}
	})
}

func TestLedgerAPI_BadParametersAre422NamingThem(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		e.pay7(t, e.approvedLine(t))
		var hanoi ledgerPage
		e.do("reviewer", "GET", "/api/v1/provinces/01/disbursements", nil, &hanoi)
		for query, location := range map[string]string{
			"limit=0":                       "query.limit",
			"limit=501":                     "query.limit",
			"from=2026-13-01":               "query.from",
			"kind=refund":                   "query.kind",
			"source=district":               "query.source",
			"year=1":                        "year",
			"cursor=!!":                     "cursor",
			"cursor=MjAyNi0wNC0wMQ":         "cursor",
			"from=2026-04-02&to=2026-04-01": "to",
			"line=999999":                   "line",
			"q=" + strings.Repeat("x", 201): "query.q",
		} {
			p := e.expectProblem("finance.dienbien", "GET", "/api/v1/provinces/11/disbursements?"+query, nil, 422)
			if len(p.Errors) == 0 || p.Errors[0].Location != location {
				t.Errorf("%s: %+v, want it to name %s", query, p.Errors, location)
			}
		}
		res, _ := e.send("finance.dienbien", "GET", "/api/v1/provinces/11/disbursements?cursor=x", nil, map[string]string{"Accept-Language": "vi"})
		if res.StatusCode != 422 || !strings.Contains(string(res.body), "con trỏ trang") {
			t.Errorf("a bad cursor in Vietnamese: %d %s", res.StatusCode, res.body)
		}
		if len(hanoi.Items) != 0 {
			t.Errorf("Hà Nội's ledger holds Điện Biên's entries: %+v", hanoi.Items)
		}
	})
}
