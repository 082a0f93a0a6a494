package budget_test

import (
	"strings"
	"testing"

	"baove"
	"baove/budget"
	"baove/i18n"
	"baove/plans"
)

// The ledger's controls without a database: every limit at, below and above
// its boundary, and what the refusal says, in both languages.

var today = baove.NewDate(2026, 11, 28)

const (
	provincial budget.LineID = 1
	central    budget.LineID = 2
	draft      budget.LineID = 3
	admin      budget.LineID = 4 // a central line on task area 0, not eligible
	other      budget.LineID = 5 // a line of another province
)

// books returns Hà Nội's books for 2026: a provincial line of 1.000.000
// with 900.000 paid, a central line of 2.000.000 with 400.000 paid against
// 500.000 allocated, and the voucher PC-1 used.
func books() *budget.Books {
	line := func(id budget.LineID, lineage string, src budget.FundingSource, amount budget.VND, status plans.Status, eligible bool) budget.LedgerLine {
		return budget.LedgerLine{Line: budget.Line{ID: id, Lineage: lineage, TaskArea: "1.3", FundingSource: src, Amount: amount},
			Province: "01", Year: 2026, Status: status, CentralEligible: eligible}
	}
	y := budget.NewLedger(2026)
	y.Paid["p"], y.Paid["c"] = 900_000, 400_000
	y.Central = budget.CentralMoney{Allocated: 500_000, Disbursed: 400_000}
	y.Vouchers["pc-1"] = true
	b := &budget.Books{Province: "01", Today: today, Years: map[int]*budget.Ledger{2026: y}, Lines: map[budget.LineID]budget.LedgerLine{
		provincial: line(provincial, "p", budget.Provincial, 1_000_000, plans.Approved, true),
		central:    line(central, "c", budget.Central, 2_000_000, plans.Approved, true),
		draft:      line(draft, "d", budget.Provincial, 1_000_000, plans.Draft, true),
		admin:      line(admin, "a", budget.Central, 1_000_000, plans.Approved, false),
	}}
	o := line(other, "o", budget.Provincial, 1_000_000, plans.Approved, true)
	o.Province = "11"
	b.Lines[other] = o
	return b
}

func payment(amount budget.VND) budget.NewDisbursement {
	return budget.NewDisbursement{Amount: amount, PaidOn: baove.NewDate(2026, 5, 4), VoucherNo: "PC-2"}
}

// refusal is what a refused write must say.
type refusal struct {
	code       baove.Code
	field, key string
	en, vi     string // texts the English and Vietnamese messages contain
}

func check(t *testing.T, name string, problems []budget.Problem, want *refusal) {
	t.Helper()
	switch {
	case want == nil && len(problems) > 0:
		t.Errorf("%s: refused: %+v", name, problems)
	case want == nil:
	case len(problems) != 1:
		t.Errorf("%s: %d problems %+v, want one %s", name, len(problems), problems, want.key)
	default:
		p := problems[0]
		en, vi := p.Text(i18n.EN), p.Text(i18n.VI)
		if p.Code != want.code || p.Field != want.field || p.Key != want.key || !strings.Contains(en, want.en) || !strings.Contains(vi, want.vi) {
			t.Errorf("%s: %s %s %s\n  en: %s\n  vi: %s\nwant %s %s %s saying %q / %q", name, p.Code, p.Field, p.Key, en, vi,
				want.code, want.field, want.key, want.en, want.vi)
		}
	}
}

func TestPay_LineLimitAtBelowAndAbove(t *testing.T) {
	over := &refusal{baove.ECONFLICT, "amount", "ledger.over_line", "exceed line 1 by 1 đồng", "vượt dòng 1 1 đồng"}
	for _, c := range []struct {
		amount budget.VND
		want   *refusal
	}{{99_999, nil}, {100_000, nil}, {100_001, over}} {
		_, ps := pay(books(), provincial, payment(c.amount))
		check(t, c.amount.String(), ps, c.want)
	}
	_, ps := pay(books(), provincial, payment(1_600_000))
	check(t, "far over", ps, &refusal{baove.ECONFLICT, "amount", "ledger.over_line", "by 1,500,000 đồng", "1.500.000 đồng"})
	check(t, "what is left", ps, &refusal{baove.ECONFLICT, "amount", "ledger.over_line", "100,000 đồng is left", "còn lại 100.000 đồng"})
}

func TestPay_CentralAllocationsAtBelowAndAbove(t *testing.T) {
	over := &refusal{baove.ECONFLICT, "amount", "ledger.over_central", "exceed the central allocations of 2026 by 1 đồng",
		"vượt kinh phí trung ương được phân bổ năm 2026 1 đồng"}
	for _, c := range []struct {
		amount budget.VND
		want   *refusal
	}{{99_999, nil}, {100_000, nil}, {100_001, over}} {
		_, ps := pay(books(), central, payment(c.amount))
		check(t, c.amount.String(), ps, c.want)
	}
}

func TestPay_SeesTheRowsBeforeIt(t *testing.T) {
	b := books()
	first := payment(60_000)
	if _, ps := pay(b, provincial, first); len(ps) > 0 {
		t.Fatal(ps)
	}
	second := payment(60_000)
	second.VoucherNo = "PC-3"
	_, ps := pay(b, provincial, second)
	check(t, "together over the line", ps, &refusal{baove.ECONFLICT, "amount", "ledger.over_line", "by 20,000 đồng", "20.000 đồng"})
	third := payment(1)
	_, ps = pay(b, provincial, third)
	check(t, "the voucher of a row before", ps, &refusal{baove.ECONFLICT, "voucher_no", "ledger.voucher_used", "PC-2", "PC-2"})
}

func TestPay_PaymentDateBoundaries(t *testing.T) {
	outside := &refusal{baove.EINVALID, "paid_on", "ledger.paid_on_outside_year", "31 January 2027", "31/01/2027"}
	future := &refusal{baove.EINVALID, "paid_on", "ledger.paid_on_future", "28 November 2026", "28/11/2026"}
	for _, c := range []struct {
		on    baove.Date
		today baove.Date
		want  *refusal
	}{
		{baove.NewDate(2025, 12, 31), today, outside},
		{baove.NewDate(2026, 1, 1), today, nil},
		{today, today, nil},
		{today.AddDays(1), today, future},
		{baove.NewDate(2027, 1, 31), baove.NewDate(2027, 3, 1), nil},
		{baove.NewDate(2027, 2, 1), baove.NewDate(2027, 3, 1), outside},
	} {
		b := books()
		b.Today = c.today
		n := payment(1)
		n.PaidOn = c.on
		_, ps := pay(b, provincial, n)
		check(t, c.on.String(), ps, c.want)
	}
}

func TestPay_StateRules(t *testing.T) {
	closed := books()
	closed.Years[2026].Closed = true
	_, ps := pay(closed, provincial, payment(1))
	check(t, "closed year", ps, &refusal{baove.ECONFLICT, "budget_line_id", "ledger.year_closed", "2026", "đã khóa sổ"})
	_, ps = pay(books(), draft, payment(1))
	check(t, "draft version", ps, &refusal{baove.ECONFLICT, "budget_line_id", "ledger.line_not_in_force", "draft", "dự thảo"})
	_, ps = pay(books(), admin, payment(1))
	check(t, "ineligible task area", ps, &refusal{baove.ECONFLICT, "budget_line_id", "ledger.central_ineligible", "task area 1.3", "nhiệm vụ 1.3"})
	_, ps = pay(books(), other, payment(1))
	check(t, "another province's line", ps, &refusal{baove.EINVALID, "budget_line_id", "ledger.no_line", "no budget line 5", "dòng ngân sách 5"})
	for _, v := range []string{"PC-1", "pc-1", "PC‐1", "PC-1\u200b", "ＰＣ－１"} {
		n := payment(1)
		n.VoucherNo = v
		_, ps = pay(books(), provincial, n)
		check(t, "voucher "+v, ps, &refusal{baove.ECONFLICT, "voucher_no", "ledger.voucher_used", v, v})
	}
}

func TestPay_MalformedFieldsAreNamedTogether(t *testing.T) {
	_, ps := pay(books(), provincial, budget.NewDisbursement{Amount: 0, VoucherNo: "a\tb", Description: strings.Repeat("x", 2001)})
	fields := map[string]bool{}
	for _, p := range ps {
		fields[p.Field] = p.Code == baove.EINVALID
	}
	for _, f := range []string{"amount", "paid_on", "voucher_no", "description"} {
		if !fields[f] {
			t.Errorf("%s is not named as invalid in %+v", f, ps)
		}
	}
}

func TestReverse_DateBoundariesAndState(t *testing.T) {
	paid := budget.Disbursement{ID: 7, Province: "01", Year: 2026, Lineage: "p", FundingSource: budget.Provincial, Kind: budget.Payment,
		Amount: 50_000, PaidOn: baove.NewDate(2026, 5, 4)}
	for _, c := range []struct {
		on   baove.Date
		want *refusal
	}{
		{baove.NewDate(2026, 5, 3), &refusal{baove.EINVALID, "reversed_on", "ledger.reversed_before_payment", "4 May 2026", "04/05/2026"}},
		{baove.NewDate(2026, 5, 4), nil},
		{baove.Date{}, nil}, // today
		{today.AddDays(1), &refusal{baove.EINVALID, "reversed_on", "ledger.date_future", "28 November 2026", "28/11/2026"}},
	} {
		b := books()
		e, ps := b.Reverse(paid, c.on, "Sai số tiền")
		check(t, "reversed on "+c.on.String(), ps, c.want)
		if c.want == nil && (e.Amount != -50_000 || b.Years[2026].Paid["p"] != 850_000 || e.PaidOn.IsZero()) {
			t.Errorf("reversal %+v, paid %d", e, b.Years[2026].Paid["p"])
		}
	}
	late := books()
	late.Today = baove.NewDate(2027, 3, 1)
	_, ps := late.Reverse(paid, baove.NewDate(2027, 2, 1), "x")
	check(t, "after the adjustment period", ps, &refusal{baove.EINVALID, "reversed_on", "ledger.reversed_after_year", "31 January 2027", "31/01/2027"})
	reversed := paid
	reversed.ReversedByID = 9
	_, ps = books().Reverse(reversed, baove.Date{}, "x")
	check(t, "twice", ps, &refusal{baove.ECONFLICT, "id", "ledger.already_reversed", "entry 9", "bút toán 9"})
	_, ps = books().Reverse(paid, baove.Date{}, " ")
	check(t, "without a reason", ps, &refusal{baove.EINVALID, "reason", "ledger.reversal_reason", "why", "lý do"})
}

func TestAllocate_CorrectionAtBelowAndAboveWhatWasPaid(t *testing.T) {
	correction := func(amount budget.VND) budget.NewAllocation {
		return budget.NewAllocation{Province: "01", Year: 2026, Amount: amount, DecidedOn: baove.NewDate(2026, 6, 1), Reason: "Điều chỉnh"}
	}
	below := &refusal{baove.ECONFLICT, "amount", "ledger.correction_below_paid", "at most 100,000 đồng", "tối đa 100.000 đồng"}
	for _, c := range []struct {
		amount budget.VND
		want   *refusal
	}{{-99_999, nil}, {-100_000, nil}, {-100_001, below}} {
		_, ps := books().Allocate(correction(c.amount))
		check(t, c.amount.String(), ps, c.want)
	}
	_, ps := books().Allocate(correction(-100_001))
	check(t, "the numbers", ps, &refusal{baove.ECONFLICT, "amount", "ledger.correction_below_paid", "to 399,999 đồng, below the 400,000 đồng",
		"còn 399.999 đồng, thấp hơn 400.000 đồng"})
}

func TestAllocate_DecisionDateBoundaries(t *testing.T) {
	outside := &refusal{baove.EINVALID, "decided_on", "ledger.decided_outside", "1 January 2025", "01/01/2025"}
	for _, c := range []struct {
		on, today baove.Date
		want      *refusal
	}{
		{baove.NewDate(2024, 12, 31), today, outside},
		{baove.NewDate(2025, 1, 1), today, nil},
		{today, today, nil},
		{today.AddDays(1), today, &refusal{baove.EINVALID, "decided_on", "ledger.date_future", "28 November 2026", "28/11/2026"}},
		{baove.NewDate(2027, 1, 31), baove.NewDate(2027, 2, 10), nil},
		{baove.NewDate(2027, 2, 1), baove.NewDate(2027, 2, 10), outside},
	} {
		b := books()
		b.Today = c.today
		_, ps := b.Allocate(budget.NewAllocation{Province: "01", Year: 2026, Amount: 1_000, DecisionNo: "1/QĐ-BYT", DecidedOn: c.on})
		check(t, c.on.String(), ps, c.want)
	}
}

func TestClose_OnlyAfterTheYearAndOnce(t *testing.T) {
	_, ps := books().Close(2026, budget.Return)
	check(t, "before the year's end", ps, &refusal{baove.ECONFLICT, "year", "ledger.close_too_early", "31 December 2026", "31/12/2026"})
	b := books()
	b.Today = baove.NewDate(2027, 1, 5)
	b.Years[2027] = budget.NewLedger(2027)
	unspent, ps := b.Close(2026, budget.CarryOver)
	if len(ps) > 0 || unspent != 100_000 || b.Years[2027].Central.Allocated != 100_000 || !b.Years[2026].Closed {
		t.Fatalf("close: %d %+v", unspent, ps)
	}
	_, ps = b.Close(2026, budget.CarryOver)
	check(t, "twice", ps, &refusal{baove.ECONFLICT, "year", "ledger.year_closed", "2026", "2026"})
	_, ps = books().Close(2026, "burn")
	check(t, "an unknown disposition", ps, &refusal{baove.EINVALID, "unspent_central", "ledger.disposition", "carry_over", "chuyển nguồn"})
}

// pay asks the books for a payment of n from line.
func pay(b *budget.Books, line budget.LineID, n budget.NewDisbursement) (budget.Disbursement, []budget.Problem) {
	n.Line = line
	return b.Pay(n)
}
