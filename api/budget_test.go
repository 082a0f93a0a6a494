package api_test

import (
	"fmt"
	"strings"
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

// approvedLine gives Điện Biên an approved 2026 plan with one central line
// of 1.000.000 đồng and 800.000 đồng of central allocations.
func (e *env) approvedLine(t *testing.T) api.BudgetLine {
	t.Helper()
	p := e.planFor(t)
	base := fmt.Sprintf("/api/v1/plans/%d", p.ID)
	var line api.BudgetLine
	res := e.do("planner.dienbien", "POST", base+"/budget-lines",
		map[string]any{"activity_id": p.Activities[0].ID, "funding_source": "central", "amount": "1000000", "budget_item": "7049"}, &line)
	if res.StatusCode != 201 {
		t.Fatalf("add line: %d", res.StatusCode)
	}
	e.step(t, "planner.dienbien", "submit", p.ID, nil, "submitted")
	e.step(t, "approver.dienbien", "approve", p.ID, issuance("45/KH-UBND"), "approved")
	if res := e.do("reviewer", "POST", "/api/v1/allocations", map[string]any{"province_code": "11", "year": 2026,
		"amount": "800000", "decision_no": "55/QĐ-BYT", "decided_on": "2026-01-15"}, nil); res.StatusCode != 201 {
		t.Fatalf("allocate: %d", res.StatusCode)
	}
	return line
}

func TestBudgetAPI_IdempotentRetryRecordsOnePayment(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		line := e.approvedLine(t)
		path := fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", line.ID)
		body := map[string]any{"amount": "300000", "paid_on": "2026-04-02", "voucher_no": "PC-0042"}
		send := func(b map[string]any) response {
			res, _ := e.send("finance.dienbien", "POST", path, b, map[string]string{"Idempotency-Key": "7c1e-retry"})
			return res
		}
		first, again := send(body), send(body)
		if first.StatusCode != 201 || again.StatusCode != 201 || again.Header.Get("Idempotent-Replayed") != "true" || string(first.body) != string(again.body) {
			t.Fatalf("first %d %s; retry %d (replayed %q) %s", first.StatusCode, first.body, again.StatusCode, again.Header.Get("Idempotent-Replayed"), again.body)
		}
		body["amount"] = "310000"
		if res := send(body); res.StatusCode != 422 {
			t.Fatalf("same key, other body: %d, want 422", res.StatusCode)
		}
		var ledger struct{ Items []api.Disbursement }
		e.do("finance.dienbien", "GET", path, nil, &ledger)
		if len(ledger.Items) != 1 {
			t.Fatalf("ledger has %d entries, want 1", len(ledger.Items))
		}
	})
}

func TestBudgetAPI_BadAmountsNameTheField(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		line := e.approvedLine(t)
		path := fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", line.ID)
		for _, amount := range []string{"1.5", "-100", "mười nghìn", "1000000000000000", ""} {
			p := e.expectProblem("finance.dienbien", "POST", path, map[string]any{"amount": amount, "paid_on": "2026-04-02", "voucher_no": "V-" + amount}, 422)
			if len(p.Errors) != 1 || p.Errors[0].Location != "amount" {
				t.Errorf("amount %q: %+v, want one error on amount", amount, p.Errors)
			}
		}
		e.expectProblem("finance.dienbien", "POST", path, map[string]any{"amount": "900000", "paid_on": "2026-04-02", "voucher_no": "V-over"}, 409)
		e.expectProblem("finance.dienbien", "POST", path, map[string]any{"amount": "10", "paid_on": "2026-13-02", "voucher_no": "V-date"}, 422)
		var sum api.BudgetSummary
		e.do("reviewer", "GET", "/api/v1/provinces/11/budget/2026", nil, &sum)
		if sum.BySource[0].Allocated != "800000" || sum.BySource[0].Rate == nil || *sum.BySource[0].Rate != "0.00" || sum.Total.Planned != "251000000" {
			t.Fatalf("summary %+v", sum)
		}
	})
}

// TestBudgetAPI_AnAmountIsDigitsOnly: "25.000" is 25,000 đồng in a
// Vietnamese file and 25 as a decimal; the JSON API takes neither reading
// and says, in the caller's language, how to write the amount.
func TestBudgetAPI_AnAmountIsDigitsOnly(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		line := e.approvedLine(t)
		path := fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", line.ID)
		for lang, want := range map[string]string{"vi": `chỉ bằng chữ số, ví dụ "1500000"`, "en": `digits only, e.g. "1500000"`} {
			for _, amount := range []string{"25.000", "1e3", "1.5e1", "5.", "100.0", "00100"} {
				res, _ := e.send("finance.dienbien", "POST", path, map[string]any{"amount": amount, "paid_on": "2026-04-02", "voucher_no": "V-1"},
					map[string]string{"Accept-Language": lang})
				var p problem
				decode(t, res.body, &p)
				if res.StatusCode != 422 || len(p.Errors) != 1 || p.Errors[0].Location != "amount" || !strings.Contains(p.Errors[0].Message, want) {
					t.Errorf("amount %q in %s: %d %+v, want 422 on amount saying %s", amount, lang, res.StatusCode, p.Errors, want)
				}
			}
		}
		var paid api.Disbursement
		if res := e.do("finance.dienbien", "POST", path, map[string]any{"amount": "25000", "paid_on": "2026-04-02", "voucher_no": "V-1"}, &paid); res.StatusCode != 201 || paid.Amount != "25000" {
			t.Fatalf("amount 25000: %d %+v", res.StatusCode, paid)
		}
	})
}
