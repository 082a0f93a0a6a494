package budget

import (
	"baove"
	"baove/i18n"
	"baove/plans"
	"baove/units"
	"baove/vn"
)

// The ledger's controls, in one place and without SQL. The store loads the
// Books of a province once, under the locks of the years a write touches
// (lock.go), and runs these rules on them: a single payment is checked as
// a file of one row, every row of an import in turn (each seeing the rows
// before it), a reversal, an allocation or correction, and the close. gen
// makes its data with the same rules. A rule broken by a single payment and
// by a row of a file gives the same code and the same message.

// Books are a province's ledgers as the controls see them.
type Books struct {
	Province units.ProvinceCode
	// Today is the current day in the service's zone.
	Today baove.Date
	// Lines are the budget lines the writes name, by id, whatever their
	// province (a line of another province is refused).
	Lines map[LineID]LedgerLine
	// Years are the ledgers of the years the writes touch.
	Years map[int]*Ledger
}

// LedgerLine is a budget line with what the controls need of its plan.
type LedgerLine struct {
	Line
	Province units.ProvinceCode
	Year     int
	// Status is the status of the line's plan version: only the approved
	// version in force takes payments.
	Status plans.Status
	// CentralEligible reports whether the line's task area may take central
	// funds in Year (directive 3.2).
	CentralEligible bool
}

// Ledger is one province-year's money as it stands.
type Ledger struct {
	Year   int
	Closed bool
	// Paid is the net amount paid by line lineage, across plan versions.
	Paid map[string]VND
	// Central is the year's central money.
	Central CentralMoney
	// Vouchers holds the keys (vn.Key) of the voucher numbers used.
	Vouchers map[string]bool
}

// CentralMoney sums a province-year's central money.
type CentralMoney struct {
	Allocated VND // decisions, corrections and carried-in funds
	Disbursed VND // net central payments
}

// NewLedger returns the empty ledger of year.
func NewLedger(year int) *Ledger {
	return &Ledger{Year: year, Paid: map[string]VND{}, Vouchers: map[string]bool{}}
}

// Problem is one broken rule: its code (EINVALID for input that cannot be
// right, ECONFLICT for what the ledger's state forbids) and what it says of
// which field.
type Problem struct {
	Code baove.Code
	baove.FieldError
}

func invalid(field, key string, args i18n.Args, value any) Problem {
	return Problem{baove.EINVALID, baove.FieldError{Field: field, Key: key, Args: args, Value: value}}
}

func conflict(field, key string, args i18n.Args, value any) Problem {
	return Problem{baove.ECONFLICT, baove.FieldError{Field: field, Key: key, Args: args, Value: value}}
}

// AdjustmentEnd is the last day payments of a budget year may be made: the
// adjustment period runs to 31 January of the next year.
func AdjustmentEnd(year int) baove.Date { return baove.NewDate(year+1, 1, 31) }

// Pay checks a payment of n from line id and, when every rule holds,
// counts it in the books (so that the next row of a file sees it) and
// returns the entry to record; otherwise it returns every broken rule and
// counts nothing. Rules: the line is the province's; the amount, date,
// voucher and description are well formed, the date is not after today and
// falls in the line's year or its adjustment period; the year is open; the
// line belongs to the approved plan in force; central funds go only to a
// task area eligible for them that year; the line's payments stay within
// its amount and the year's central payments within its central
// allocations; a voucher number is used once in a province-year.
func (b *Books) Pay(n NewDisbursement) (Disbursement, []Problem) {
	id := n.Line
	l, ok := b.Lines[id]
	if !ok || l.Province != b.Province {
		return Disbursement{}, []Problem{invalid("budget_line_id", "ledger.no_line", i18n.Args{"province": b.Province, "line": int64(id)}, int64(id))}
	}
	n.normalize()
	if ps := n.check(l.Year, b.Today); len(ps) > 0 {
		return Disbursement{}, ps
	}
	y, key := b.Years[l.Year], vn.Key(n.VoucherNo)
	ps := y.payable(b.Province, l, n, key)
	if len(ps) > 0 {
		return Disbursement{}, ps
	}
	y.count(l.Lineage, l.FundingSource, n.Amount)
	y.Vouchers[key] = true
	return Disbursement{Province: b.Province, Year: l.Year, LineID: l.ID, Lineage: l.Lineage,
		FundingSource: l.FundingSource, TaskArea: l.TaskArea, Kind: Payment, Amount: n.Amount, PaidOn: n.PaidOn,
		VoucherNo: n.VoucherNo, VoucherKey: key, Description: n.Description, SearchText: SearchText(n.VoucherNo, n.Description)}, nil
}

// payable returns the rules of the ledger's state that a payment of n from
// l, its voucher's key being key, would break.
func (y *Ledger) payable(p units.ProvinceCode, l LedgerLine, n NewDisbursement, key string) []Problem {
	var ps []Problem
	if y.Closed {
		return []Problem{conflict("budget_line_id", "ledger.year_closed", i18n.Args{"year": y.Year, "province": p}, int64(l.ID))}
	}
	if l.Status != plans.Approved {
		ps = append(ps, conflict("budget_line_id", "ledger.line_not_in_force", i18n.Args{"line": int64(l.ID), "status": l.Status}, int64(l.ID)))
	}
	if l.FundingSource == Central && !l.CentralEligible {
		ps = append(ps, conflict("budget_line_id", "ledger.central_ineligible", i18n.Args{"area": l.TaskArea, "year": y.Year}, int64(l.ID)))
	}
	paid := y.Paid[l.Lineage]
	if over := paid + n.Amount - l.Amount; over > 0 {
		ps = append(ps, conflict("amount", "ledger.over_line", i18n.Args{"line": int64(l.ID), "over": over, "amount": l.Amount,
			"paid": paid, "left": max(l.Amount-paid, 0)}, n.Amount.String()))
	}
	if over := y.Central.Disbursed + n.Amount - y.Central.Allocated; l.FundingSource == Central && over > 0 {
		ps = append(ps, conflict("amount", "ledger.over_central", i18n.Args{"year": y.Year, "over": over, "allocated": y.Central.Allocated,
			"paid": y.Central.Disbursed, "left": max(y.Central.Allocated-y.Central.Disbursed, 0)}, n.Amount.String()))
	}
	if y.Vouchers[key] {
		ps = append(ps, conflict("voucher_no", "ledger.voucher_used", i18n.Args{"voucher": n.VoucherNo, "year": y.Year}, n.VoucherNo))
	}
	return ps
}

// count adds a net amount paid from a line lineage of source.
func (y *Ledger) count(lineage string, source FundingSource, amount VND) {
	y.Paid[lineage] += amount
	if source == Central {
		y.Central.Disbursed += amount
	}
}

// normalize puts the texts of n in NFC.
func (n *NewDisbursement) normalize() {
	n.VoucherNo, n.Description = vn.NFC(n.VoucherNo), vn.NFC(n.Description)
}

// check returns the problems of n's own fields for a line of year, on
// today: the amount is positive and below MaxVND, the payment date is not
// after today and falls in the year or its adjustment period, the voucher
// is named in one line of at most 64 characters, the description has at
// most MaxDescription.
func (n NewDisbursement) check(year int, today baove.Date) []Problem {
	var ps []Problem
	if n.Amount <= 0 || n.Amount >= MaxVND {
		ps = append(ps, invalid("amount", "ledger.amount_positive", nil, n.Amount.String()))
	}
	first, last := baove.NewDate(year, 1, 1), AdjustmentEnd(year)
	switch {
	case n.PaidOn.IsZero() || n.PaidOn.Before(first) || n.PaidOn.After(last):
		ps = append(ps, invalid("paid_on", "ledger.paid_on_outside_year", i18n.Args{"year": year, "first": first, "last": last}, n.PaidOn.String()))
	case n.PaidOn.After(today):
		ps = append(ps, invalid("paid_on", "ledger.paid_on_future", i18n.Args{"today": today}, n.PaidOn.String()))
	}
	if l := len([]rune(n.VoucherNo)); l == 0 || l > 64 || !singleLine(n.VoucherNo) {
		ps = append(ps, invalid("voucher_no", "ledger.voucher_form", nil, n.VoucherNo))
	}
	if len([]rune(n.Description)) > MaxDescription {
		ps = append(ps, invalid("description", "field.too_long", i18n.Args{"max": i18n.Count(MaxDescription)}, nil))
	}
	return ps
}

// singleLine reports whether s holds no control character.
func singleLine(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

// Reverse checks the reversal of payment orig on the day on (today when
// zero) and, when every rule holds, counts it and returns the entry to
// record; otherwise it returns every broken rule. Rules: a reason is given;
// orig is a payment, not yet reversed; its year is open; the day is not
// before the payment, not after today, and within the payment's year or
// its adjustment period.
func (b *Books) Reverse(orig Disbursement, on baove.Date, reason string) (Disbursement, []Problem) {
	reason = vn.NFC(reason)
	if on.IsZero() {
		on = b.Today
	}
	var ps []Problem
	if reason == "" {
		ps = append(ps, invalid("reason", "ledger.reversal_reason", nil, nil))
	}
	if len([]rune(reason)) > MaxDescription {
		ps = append(ps, invalid("reason", "field.too_long", i18n.Args{"max": i18n.Count(MaxDescription)}, nil))
	}
	y := b.Years[orig.Year]
	if y.Closed { // nothing else matters
		return Disbursement{}, []Problem{conflict("id", "ledger.year_closed", i18n.Args{"year": y.Year, "province": b.Province}, orig.ID)}
	}
	switch last := AdjustmentEnd(orig.Year); {
	case on.Before(orig.PaidOn):
		ps = append(ps, invalid("reversed_on", "ledger.reversed_before_payment", i18n.Args{"paid_on": orig.PaidOn}, on.String()))
	case on.After(last):
		ps = append(ps, invalid("reversed_on", "ledger.reversed_after_year", i18n.Args{"year": orig.Year, "last": last}, on.String()))
	case on.After(b.Today):
		ps = append(ps, invalid("reversed_on", "ledger.date_future", i18n.Args{"today": b.Today}, on.String()))
	}
	switch {
	case orig.Kind != Payment:
		ps = append(ps, conflict("id", "ledger.reversal_of_reversal", i18n.Args{"id": orig.ID}, orig.ID))
	case orig.ReversedByID != 0:
		ps = append(ps, conflict("id", "ledger.already_reversed", i18n.Args{"id": orig.ID, "by": orig.ReversedByID}, orig.ID))
	}
	if len(ps) > 0 {
		return Disbursement{}, ps
	}
	y.count(orig.Lineage, orig.FundingSource, -orig.Amount)
	return Disbursement{Province: orig.Province, Year: orig.Year, LineID: orig.LineID, Lineage: orig.Lineage,
		FundingSource: orig.FundingSource, TaskArea: orig.TaskArea, Kind: Reversal, Amount: -orig.Amount, ReversesID: orig.ID,
		PaidOn: on, Description: reason, SearchText: SearchText(orig.VoucherNo, orig.Description, reason)}, nil
}

// Allocate checks a central allocation or, with a negative amount, a
// correction, for the books' province and n.Year, and when every rule holds
// counts it and returns the entry to record. Rules: the fields are well
// formed (an allocation names its decision, a correction gives a reason);
// the decision is dated no later than today, from the year before to the
// end of the adjustment period; the year is open; a correction leaves the
// allocations at or above what was already paid from central funds.
func (b *Books) Allocate(n NewAllocation) (Allocation, []Problem) {
	n.normalize()
	ps := n.check(b.Today)
	if len(ps) > 0 {
		return Allocation{}, ps
	}
	y := b.Years[n.Year]
	switch after := y.Central.Allocated + n.Amount; {
	case y.Closed:
		return Allocation{}, []Problem{conflict("year", "ledger.year_closed", i18n.Args{"year": y.Year, "province": b.Province}, n.Year)}
	case n.Amount < 0 && after < y.Central.Disbursed:
		return Allocation{}, []Problem{conflict("amount", "ledger.correction_below_paid", i18n.Args{"year": y.Year,
			"allocated": y.Central.Allocated, "paid": y.Central.Disbursed, "after": after,
			"room": max(y.Central.Allocated-y.Central.Disbursed, 0)}, n.Amount.String())}
	}
	kind := Allocated
	if n.Amount < 0 {
		kind = Correction
	}
	y.Central.Allocated += n.Amount
	return Allocation{Province: b.Province, Year: n.Year, Kind: kind, Amount: n.Amount,
		DecisionNo: n.DecisionNo, DecidedOn: n.DecidedOn, Reason: n.Reason}, nil
}

// normalize puts the texts of n in NFC.
func (n *NewAllocation) normalize() {
	n.DecisionNo, n.Reason = vn.NFC(n.DecisionNo), vn.NFC(n.Reason)
}

// check returns the problems of n's own fields on today.
func (n NewAllocation) check(today baove.Date) []Problem {
	var ps []Problem
	if n.Year < baove.FirstYear || n.Year > baove.LastYear {
		ps = append(ps, invalid("year", "year.out_of_range", baove.YearRange(), n.Year))
	}
	switch {
	case n.Amount == 0 || n.Amount <= -MaxVND || n.Amount >= MaxVND:
		ps = append(ps, invalid("amount", "ledger.amount_nonzero", nil, n.Amount.String()))
	case n.Amount < 0 && n.Reason == "":
		ps = append(ps, invalid("reason", "ledger.correction_reason", nil, nil))
	case n.Amount > 0 && n.DecisionNo == "":
		ps = append(ps, invalid("decision_no", "ledger.decision_required", nil, nil))
	}
	if len([]rune(n.DecisionNo)) > 100 || !singleLine(n.DecisionNo) {
		ps = append(ps, invalid("decision_no", "ledger.decision_form", nil, n.DecisionNo))
	}
	first, last := baove.NewDate(n.Year-1, 1, 1), AdjustmentEnd(n.Year)
	switch {
	case n.DecidedOn.IsZero():
		ps = append(ps, invalid("decided_on", "field.required", nil, nil))
	case n.DecidedOn.After(today):
		ps = append(ps, invalid("decided_on", "ledger.date_future", i18n.Args{"today": today}, n.DecidedOn.String()))
	case n.DecidedOn.Before(first) || n.DecidedOn.After(last):
		ps = append(ps, invalid("decided_on", "ledger.decided_outside", i18n.Args{"year": n.Year, "first": first, "last": last}, n.DecidedOn.String()))
	}
	return ps
}

// Close checks the close of year with disposition and, when the rules
// hold, marks the year closed and returns the unspent central funds
// (allocated − disbursed, never below zero). Rules: the disposition is
// CarryOver or Return; the year has ended; it is not closed yet; unspent
// funds carried over need the next year open (its ledger must be in the
// books).
func (b *Books) Close(year int, disposition string) (VND, []Problem) {
	if disposition != CarryOver && disposition != Return {
		return 0, []Problem{invalid("unspent_central", "ledger.disposition", nil, disposition)}
	}
	y := b.Years[year]
	switch {
	case b.Today.Year() <= year:
		return 0, []Problem{conflict("year", "ledger.close_too_early", i18n.Args{"year": year, "last": baove.NewDate(year, 12, 31)}, year)}
	case y.Closed:
		return 0, []Problem{conflict("year", "ledger.year_closed", i18n.Args{"year": year, "province": b.Province}, year)}
	}
	unspent := max(y.Central.Allocated-y.Central.Disbursed, 0)
	if next := b.Years[year+1]; disposition == CarryOver && unspent > 0 && (next == nil || next.Closed) {
		return 0, []Problem{conflict("unspent_central", "ledger.year_closed", i18n.Args{"year": year + 1, "province": b.Province}, disposition)}
	}
	y.Closed = true
	if disposition == CarryOver && unspent > 0 {
		b.Years[year+1].Central.Allocated += unspent
	}
	return unspent, nil
}
