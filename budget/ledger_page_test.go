package budget_test

import (
	"fmt"
	"slices"
	"testing"

	"baove"
	"baove/access"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/plans"
)

// payOn records a payment from line on day with voucher and description.
func (f *fixture) payOn(line budget.Line, day baove.Date, voucher, description string) budget.Disbursement {
	f.t.Helper()
	d, _, err := f.budget.Disburse(ctx, financeHN, budget.NewDisbursement{Line: line.ID, Amount: 1_000, PaidOn: day,
		VoucherNo: voucher, Description: description}, "")
	f.check(err)
	return d
}

// walk follows the pages of filter from the first to the last and returns
// every entry in the order the pages gave them.
func walk(t *testing.T, s *budget.Store, c access.Caller, filter budget.LedgerFilter) []budget.Entry {
	t.Helper()
	var all []budget.Entry
	for pages := 0; ; pages++ {
		p, err := s.LedgerPage(ctx, c, filter)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, p.Entries...)
		if p.Next == "" {
			return all
		}
		if pages > 100 {
			t.Fatal("the pages never end")
		}
		filter.Cursor = p.Next
	}
}

func ids(entries []budget.Entry) []int64 {
	out := make([]int64, len(entries))
	for i, e := range entries {
		out[i] = e.ID
	}
	return out
}

func TestLedgerPage_PagesNewestFirstByPaymentDateAndEndsExactly(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		var want []budget.Disbursement
		for i := range 10 {
			// entered out of date order, several on one day: the page orders by
			// the day paid, then by entry
			day := baove.NewDate(2026, 3, 1+(i*7)%5)
			want = append(want, f.payOn(f.central, day, fmt.Sprintf("PC-%02d", i), "Chi tập huấn"))
		}
		slices.SortFunc(want, func(a, b budget.Disbursement) int {
			if c := b.PaidOn.Time().Compare(a.PaidOn.Time()); c != 0 {
				return c
			}
			return int(b.ID - a.ID)
		})
		for _, limit := range []int{1, 3, 5, 10, 11} {
			got := walk(t, f.budget, financeHN, budget.LedgerFilter{Province: "01", Year: 2026, Limit: limit})
			if len(got) != len(want) {
				t.Fatalf("limit %d: %d entries, want %d", limit, len(got), len(want))
			}
			for i := range want {
				if got[i].ID != want[i].ID {
					t.Fatalf("limit %d: entry %d is %d (%s), want %d (%s)", limit, i, got[i].ID, got[i].PaidOn, want[i].ID, want[i].PaidOn)
				}
			}
		}
		p, err := f.budget.LedgerPage(ctx, reviewer, budget.LedgerFilter{Province: "01", Year: 2026, Limit: 10})
		if err != nil || len(p.Entries) != 10 || p.Next != "" {
			t.Fatalf("a page holding exactly the rest: %d entries, next %q, %v; want 10 and no next", len(p.Entries), p.Next, err)
		}
	})
}

func TestLedgerPage_ShowsEachEntryWithItsReversal(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		paid := f.payOn(f.central, baove.NewDate(2026, 4, 2), "PC-0042", "Chi hội nghị")
		rev, err := f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: paid.ID, On: baove.NewDate(2026, 4, 9), Reason: "Ghi sai số tiền"})
		f.check(err)
		got := walk(t, f.budget, financeHN, budget.LedgerFilter{Province: "01"})
		if len(got) != 2 || got[0].ID != rev.ID || got[1].ID != paid.ID {
			t.Fatalf("ledger %v, want the reversal then the payment", ids(got))
		}
		r, p := got[0].Reverses, got[1].ReversedBy
		if r == nil || r.ID != paid.ID || r.VoucherNo != "PC-0042" || r.PaidOn != paid.PaidOn || r.Amount != 1_000 {
			t.Errorf("the reversal shows the payment it reverses as %+v", r)
		}
		if p == nil || p.ID != rev.ID || p.ReversedOn != baove.NewDate(2026, 4, 9) || p.Reason != "Ghi sai số tiền" || p.Actor != "finance.hanoi" {
			t.Errorf("the payment shows its reversal as %+v", p)
		}
		if got[0].ReversedBy != nil || got[1].Reverses != nil {
			t.Errorf("a reversal reversed or a payment reversing: %+v", got)
		}
	})
}

func TestLedgerPage_SearchIgnoresCaseAndVietnameseMarks(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		day := baove.NewDate(2026, 5, 5)
		training := f.payOn(f.central, day, "PC-ĐB-0007", "Chứng từ tập huấn kỹ năng")
		hotline := f.payOn(f.central, day, "UNC-0008", "Tổng đài 111: cước tháng 4")
		percent := f.payOn(f.provinial, day, "PC-0009", "Phí 100% dịch vụ")
		rev, err := f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: hotline.ID, Reason: "Trùng chứng từ"})
		f.check(err)
		for q, want := range map[string][]int64{
			"chung tu":        {rev.ID, training.ID},
			"CHỨNG TỪ":        {rev.ID, training.ID},
			"  tập   huấn ":   {training.ID},
			"pc-db":           {training.ID},
			"pc‐đb-0007":      {training.ID}, // a Unicode hyphen, as vn.Key reads it
			"unc-0008":        {rev.ID, hotline.ID},
			"tong dai 111":    {rev.ID, hotline.ID}, // a reversal by its payment's description,
			"100%":            {percent.ID},
			"%":               {percent.ID}, // LIKE's wildcards are looked for as they are
			"_":               {},
			"không có ở đâu":  {},
			"0008 tong dai":   {rev.ID, hotline.ID}, // the voucher, then the description
			"ky nang":         {training.ID},
			"Kỹ Năng":         {training.ID},
			"PC":              {percent.ID, training.ID},
			"dich vu":         {percent.ID},
			"tổng đài 111: c": {rev.ID, hotline.ID},
		} {
			got := ids(walk(t, f.budget, reviewer, budget.LedgerFilter{Province: "01", Year: 2026, Search: q}))
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("q %q finds %v, want %v", q, got, want)
			}
		}
	})
}

func TestLedgerPage_FiltersByDaysLineAcrossVersionsSourceAndKind(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		march := f.payOn(f.central, baove.NewDate(2026, 3, 31), "A-1", "")
		april := f.payOn(f.provinial, baove.NewDate(2026, 4, 1), "A-2", "")
		rev, err := f.budget.Reverse(ctx, financeHN, budget.NewReversal{Payment: april.ID, On: baove.NewDate(2026, 4, 30), Reason: "sai"})
		f.check(err)
		v2, err := f.plans.Revise(ctx, plannerHN, f.plan.ID)
		f.check(err)
		_, err = f.plans.Submit(ctx, plannerHN, plans.Ref{ID: v2.ID})
		f.check(err)
		_, err = f.plans.Approve(ctx, approverHN, plans.Ref{ID: v2.ID}, f.issued())
		f.check(err)
		lines, err := f.budget.Lines(ctx, plannerHN, v2.ID)
		f.check(err)
		may := f.payOn(lines[0], baove.NewDate(2026, 5, 2), "A-3", "") // the central line's second version
		for what, c := range map[string]struct {
			filter budget.LedgerFilter
			want   []int64
		}{
			"from":                 {budget.LedgerFilter{From: baove.NewDate(2026, 4, 1)}, []int64{may.ID, rev.ID, april.ID}},
			"to":                   {budget.LedgerFilter{To: baove.NewDate(2026, 4, 1)}, []int64{april.ID, march.ID}},
			"one day":              {budget.LedgerFilter{From: baove.NewDate(2026, 3, 31), To: baove.NewDate(2026, 3, 31)}, []int64{march.ID}},
			"version 1's line":     {budget.LedgerFilter{Line: f.central.ID}, []int64{may.ID, march.ID}},
			"version 2's line":     {budget.LedgerFilter{Line: lines[0].ID}, []int64{may.ID, march.ID}},
			"source":               {budget.LedgerFilter{Source: budget.Provincial}, []int64{rev.ID, april.ID}},
			"reversals":            {budget.LedgerFilter{Kind: budget.Reversal}, []int64{rev.ID}},
			"payments":             {budget.LedgerFilter{Kind: budget.Payment}, []int64{may.ID, april.ID, march.ID}},
			"payments of a source": {budget.LedgerFilter{Kind: budget.Payment, Source: budget.Central}, []int64{may.ID, march.ID}},
			"another year":         {budget.LedgerFilter{Year: 2025}, []int64{}},
		} {
			c.filter.Province, c.filter.Limit = "01", 2
			if got := ids(walk(t, f.budget, financeHN, c.filter)); !slices.Equal(got, c.want) {
				t.Errorf("%s: %v, want %v", what, got, c.want)
			}
		}
		line, err := f.budget.LinePage(ctx, plannerHN, f.central.ID, budget.LedgerFilter{})
		if err != nil || !slices.Equal(ids(line.Entries), []int64{may.ID, march.ID}) {
			t.Fatalf("the line's ledger: %v, %v", ids(line.Entries), err)
		}
	})
}

func TestLedgerPage_RefusesBadFiltersAndOtherProvinces(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		f.payOn(f.central, baove.NewDate(2026, 3, 1), "B-1", "")
		admin := access.Caller{Username: "admin", Role: access.Admin}
		for what, c := range map[string]struct {
			caller access.Caller
			filter budget.LedgerFilter
			code   baove.Code
			field  string
		}{
			"another province's finance officer": {financeDB, budget.LedgerFilter{Province: "01"}, baove.EFORBIDDEN, ""},
			"an administrator":                   {admin, budget.LedgerFilter{Province: "01"}, baove.EFORBIDDEN, ""},
			"an unknown province":                {reviewer, budget.LedgerFilter{Province: "99"}, baove.ENOTFOUND, ""},
			"an unknown province and a line":     {reviewer, budget.LedgerFilter{Province: "99", Line: f.central.ID}, baove.ENOTFOUND, ""},
			"another province's line":            {reviewer, budget.LedgerFilter{Province: "11", Line: f.central.ID}, baove.EINVALID, "line"},
			"no such line":                       {reviewer, budget.LedgerFilter{Province: "01", Line: 999_999}, baove.EINVALID, "line"},
			"a made-up cursor":                   {reviewer, budget.LedgerFilter{Province: "01", Cursor: "MjAyNi0wMy0wMQ"}, baove.EINVALID, "cursor"},
			"a cursor that is not base64":        {reviewer, budget.LedgerFilter{Province: "01", Cursor: "!!"}, baove.EINVALID, "cursor"},
			"a limit too large":                  {reviewer, budget.LedgerFilter{Province: "01", Limit: budget.MaxPageSize + 1}, baove.EINVALID, "limit"},
			"days the wrong way round": {reviewer, budget.LedgerFilter{Province: "01", From: baove.NewDate(2026, 3, 2),
				To: baove.NewDate(2026, 3, 1)}, baove.EINVALID, "to"},
			"an unknown kind":   {reviewer, budget.LedgerFilter{Province: "01", Kind: "refund"}, baove.EINVALID, "kind"},
			"an unknown source": {reviewer, budget.LedgerFilter{Province: "01", Source: "district"}, baove.EINVALID, "source"},
		} {
			p, err := f.budget.LedgerPage(ctx, c.caller, c.filter)
			var e *baove.Error
			if baove.ErrorCode(err) != c.code || len(p.Entries) != 0 {
				t.Errorf("%s: %d entries, %v; want %s", what, len(p.Entries), err, c.code)
			} else if c.field != "" && (!asError(err, &e) || len(e.Fields) == 0 || e.Fields[0].Field != c.field) {
				t.Errorf("%s: %v, want it to name %s", what, err, c.field)
			}
		}
		_, err := f.budget.LinePage(ctx, financeDB, f.central.ID, budget.LedgerFilter{})
		wantCode(t, "another province's line's ledger", err, baove.ENOTFOUND)
	})
}
