package budget

import (
	"context"
	"maps"
	"slices"

	"github.com/uptrace/bun"

	"baove"
	"baove/plans"
	"baove/units"
	"baove/vn"
)

// Loading the Books the controls check. Each loader runs inside the write's
// transaction, after the years it reads are locked, so that what it reads
// stays true until the write commits.

// paymentState is what one statement reads for a single payment: the line
// with its plan's status and its task area's eligibility, what was paid on
// its lineage, the year's central money, whether the voucher is used, and
// the first answer to the caller's idempotency key.
type paymentState struct {
	ID, PlanID, Amount int64
	Lineage, TaskArea  string
	FundingSource      FundingSource
	Status             plans.Status
	Eligible           bool   // the task area's open-ended eligibility for central funds
	Eligibility        string // its spans by year (plans.CentralEligibleIn)
	Paid               int64
	Allocated          int64
	CentralPaid        int64
	VoucherUsed        int
	KeyHash, KeyResult *string
}

// paymentQuery asks for the books of one payment: the locked year of its
// line, today, the payment and its idempotency key.
type paymentQuery struct {
	year    YearRecord
	today   baove.Date
	payment NewDisbursement
	key     idempotency
}

// loadPayment reads the books of q's payment, and its key's first answer
// (nil when the key is new).
func loadPayment(ctx context.Context, tx bun.IDB, q paymentQuery) (*Books, *keyRow, error) {
	y, today, id, voucher, k := q.year, q.today, q.payment.Line, q.payment.VoucherNo, q.key
	var st paymentState
	err := tx.NewRaw(`SELECT l.id, l.plan_id, l.amount, l.lineage, a.task_area, l.funding_source, p.status,
		ta.eligible_for_central_funds AS eligible, ta.central_eligibility AS eligibility,
		(SELECT coalesce(sum(t.amount), 0) FROM ledger_totals AS t
			WHERE t.province_code = p.province_code AND t.year = p.year AND t.line_lineage = l.lineage) AS paid,
		(SELECT coalesce(sum(al.amount), 0) FROM allocations AS al WHERE al.province_code = p.province_code AND al.year = p.year) AS allocated,
		(SELECT coalesce(sum(t.amount), 0) FROM ledger_totals AS t
			WHERE t.province_code = p.province_code AND t.year = p.year AND t.funding_source = 'central') AS central_paid,
		(SELECT count(*) FROM disbursements AS d WHERE d.province_code = p.province_code AND d.year = p.year AND d.voucher_key = ?) AS voucher_used,
		(SELECT k.request_hash FROM idempotency_keys AS k WHERE k.user_id = ? AND k.idem_key = ?) AS key_hash,
		(SELECT k.result FROM idempotency_keys AS k WHERE k.user_id = ? AND k.idem_key = ?) AS key_result
		FROM budget_lines AS l JOIN activities AS a ON a.id = l.activity_id JOIN plans AS p ON p.id = l.plan_id
		JOIN task_areas AS ta ON ta.code = a.task_area WHERE l.id = ?`,
		vn.Key(voucher), k.user, k.key, k.user, k.key, int64(id)).Scan(ctx, &st)
	if isNoRows(err) {
		return nil, nil, lineNotFound(id)
	} else if err != nil {
		return nil, nil, err
	}
	p := units.ProvinceCode(y.ProvinceCode)
	led := &Ledger{Year: y.Year, Closed: y.closed(), Paid: map[string]VND{st.Lineage: VND(st.Paid)},
		Central: CentralMoney{Allocated: VND(st.Allocated), Disbursed: VND(st.CentralPaid)}, Vouchers: map[string]bool{}}
	if st.VoucherUsed > 0 {
		led.Vouchers[vn.Key(voucher)] = true
	}
	eligible, err := plans.CentralEligibleIn(st.Eligibility, st.Eligible, y.Year)
	if err != nil {
		return nil, nil, err
	}
	line := LedgerLine{Line: Line{ID: LineID(st.ID), PlanID: plans.ID(st.PlanID), Lineage: st.Lineage, TaskArea: st.TaskArea,
		FundingSource: st.FundingSource, Amount: VND(st.Amount)}, Province: p, Year: y.Year, Status: st.Status, CentralEligible: eligible}
	books := &Books{Province: p, Today: today, Lines: map[LineID]LedgerLine{line.ID: line}, Years: map[int]*Ledger{y.Year: led}}
	var first *keyRow
	if st.KeyHash != nil && st.KeyResult != nil {
		first = &keyRow{UserID: k.user, IdemKey: k.key, RequestHash: *st.KeyHash, Result: *st.KeyResult}
	}
	return books, first, nil
}

// batch is how many keys an IN list holds.
const batch = 1000

// loadBooks locks the years of province p that the lines of rows belong
// to and reads the books of those lines: the lines with their plans, what was
// paid by lineage, the central money, and which of the rows' vouchers are
// used. A
// line of another province or of none is left out (the controls refuse
// it). The statements are a constant number per batch of ids and
// vouchers, not one per row.
func loadBooks(ctx context.Context, tx bun.IDB, p units.ProvinceCode, today baove.Date, rows []ImportRow) (*Books, error) {
	ids, vouchers := make([]LineID, len(rows)), make([]string, len(rows))
	for i, r := range rows {
		ids[i], vouchers[i] = r.Line, r.VoucherNo
	}
	years, err := lineYears(ctx, tx, p, ids)
	if err != nil {
		return nil, err
	}
	locked, err := lockYears(ctx, tx, p, years)
	if err != nil {
		return nil, err
	}
	b := &Books{Province: p, Today: today, Lines: map[LineID]LedgerLine{}, Years: map[int]*Ledger{}}
	for year, y := range locked {
		b.Years[year] = NewLedger(year)
		b.Years[year].Closed = y.closed()
	}
	if err := b.readLines(ctx, tx, ids); err != nil {
		return nil, err
	}
	if err := b.readMoney(ctx, tx, years); err != nil {
		return nil, err
	}
	return b, b.readVouchers(ctx, tx, vouchers)
}

// lineYears returns the years of the plans of province p that lines ids
// belong to.
func lineYears(ctx context.Context, tx bun.IDB, p units.ProvinceCode, ids []LineID) ([]int, error) {
	var years []int
	for chunk := range slices.Chunk(uniqueIDs(ids), batch) {
		var found []int
		if err := tx.NewRaw(`SELECT DISTINCT p.year FROM budget_lines AS l JOIN plans AS p ON p.id = l.plan_id
			WHERE p.province_code = ? AND l.id IN (?)`, string(p), bun.In(chunk)).Scan(ctx, &found); err != nil {
			return nil, err
		}
		years = append(years, found...)
	}
	slices.Sort(years)
	return slices.Compact(years), nil
}

func uniqueIDs(ids []LineID) []int64 {
	out := make([]int64, len(ids))
	for i, id := range ids {
		out[i] = int64(id)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// readLines reads lines ids with their plans' status and their task areas'
// eligibility.
func (b *Books) readLines(ctx context.Context, tx bun.IDB, ids []LineID) error {
	for chunk := range slices.Chunk(uniqueIDs(ids), batch) {
		var found []struct {
			paymentState
			ProvinceCode string
			Year         int
		}
		if err := tx.NewRaw(`SELECT l.id, l.plan_id, l.amount, l.lineage, a.task_area, l.funding_source, p.status,
			ta.eligible_for_central_funds AS eligible, ta.central_eligibility AS eligibility, p.province_code, p.year
			FROM budget_lines AS l JOIN activities AS a ON a.id = l.activity_id JOIN plans AS p ON p.id = l.plan_id
			JOIN task_areas AS ta ON ta.code = a.task_area WHERE l.id IN (?)`, bun.In(chunk)).Scan(ctx, &found); err != nil {
			return err
		}
		for _, f := range found {
			eligible, err := plans.CentralEligibleIn(f.Eligibility, f.Eligible, f.Year)
			if err != nil {
				return err
			}
			b.Lines[LineID(f.ID)] = LedgerLine{Line: Line{ID: LineID(f.ID), PlanID: plans.ID(f.PlanID), Lineage: f.Lineage,
				TaskArea: f.TaskArea, FundingSource: f.FundingSource, Amount: VND(f.Amount)},
				Province: units.ProvinceCode(f.ProvinceCode), Year: f.Year, Status: f.Status, CentralEligible: eligible}
		}
	}
	return nil
}

// readMoney reads what was paid by lineage and the central allocations of
// the books' years.
func (b *Books) readMoney(ctx context.Context, tx bun.IDB, years []int) error {
	if len(years) == 0 {
		return nil
	}
	var paid []struct {
		Year          int
		LineLineage   string
		FundingSource FundingSource
		Sum           int64
	}
	if err := tx.NewRaw(`SELECT year, line_lineage, funding_source, sum(amount) AS sum FROM ledger_totals
		WHERE province_code = ? AND year IN (?) GROUP BY year, line_lineage, funding_source`,
		string(b.Province), bun.In(years)).Scan(ctx, &paid); err != nil {
		return err
	}
	for _, r := range paid {
		b.Years[r.Year].count(r.LineLineage, r.FundingSource, VND(r.Sum))
	}
	var allocated []struct {
		Year int
		Sum  int64
	}
	if err := tx.NewRaw(`SELECT year, sum(amount) AS sum FROM allocations WHERE province_code = ? AND year IN (?) GROUP BY year`,
		string(b.Province), bun.In(years)).Scan(ctx, &allocated); err != nil {
		return err
	}
	for _, r := range allocated {
		b.Years[r.Year].Central.Allocated = VND(r.Sum)
	}
	return nil
}

// readVouchers marks which of vouchers are used in the books' years.
func (b *Books) readVouchers(ctx context.Context, tx bun.IDB, vouchers []string) error {
	keys := make([]string, 0, len(vouchers))
	for _, v := range vouchers {
		keys = append(keys, vn.Key(v))
	}
	slices.Sort(keys)
	years := slices.Sorted(maps.Keys(b.Years))
	if len(years) == 0 {
		return nil
	}
	for chunk := range slices.Chunk(slices.Compact(keys), batch) {
		var used []struct {
			Year       int
			VoucherKey string
		}
		if err := tx.NewRaw(`SELECT year, voucher_key FROM disbursements WHERE province_code = ? AND year IN (?) AND voucher_key IN (?)`,
			string(b.Province), bun.In(years), bun.In(chunk)).Scan(ctx, &used); err != nil {
			return err
		}
		for _, u := range used {
			if y := b.Years[u.Year]; y != nil {
				y.Vouchers[u.VoucherKey] = true
			}
		}
	}
	return nil
}
