package budget

import (
	"context"
	"fmt"
	"slices"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/plans"
	"baove/units"
	"baove/vn"
)

// ImportRow is one payment of an uploaded file.
type ImportRow struct {
	Row  int // the row's number in the file, for error messages
	Line LineID
	NewDisbursement
}

// ImportResult says what an import recorded.
type ImportResult struct {
	Recorded int `json:"recorded"`
	Total    VND `json:"total"`
}

// importLine is a line referenced by an import, with what limits it.
type importLine struct {
	Line
	province units.ProvinceCode
	year     int
	status   plans.Status
}

// ledgerState is what the limits of a batch are checked against, updated
// row by row as good rows are accepted.
type ledgerState struct {
	paid     map[string]VND // by province-year-lineage
	central  map[int]central
	vouchers map[string]bool // by year and voucher
	closed   map[int]bool    // the closed years, which take nothing
}

// ImportDisbursements records the payments of an uploaded file against the
// lines of province p, all or nothing, with the controls, audit entries and
// idempotency of Disburse: any bad row — malformed, of another province, on
// a line not in force, over a limit, a voucher used before or twice — makes
// the whole file EINVALID, naming every bad row ("rows[12].amount"), and
// nothing is recorded. key identifies the file (a hash of its bytes):
// uploading the same file again records nothing and returns the first
// result with replayed set.
func (s *Store) ImportDisbursements(ctx context.Context, c access.Caller, p units.ProvinceCode, rows []ImportRow, key string) (res ImportResult, replayed bool, err error) {
	if err := c.CanAct(p, access.Finance); err != nil {
		return res, false, err
	}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		lines, err := importLines(ctx, tx, rows)
		if err != nil {
			return err
		}
		closed, err := s.lockYears(ctx, tx, p, lines)
		if err != nil {
			return err
		}
		k := idempotency{user: c.UserID, key: key, hash: "import:" + key}
		if replayed, err = k.replay(ctx, tx, &res); replayed || err != nil {
			return err
		}
		entries, err := s.checkImport(ctx, tx, p, rows, lines, closed)
		if err != nil {
			return err
		}
		if res, err = s.record(ctx, tx, c, entries); err != nil {
			return err
		}
		return k.store(ctx, tx, s.clock.Now(), res)
	})
	return res, replayed, translate(err, "import disbursements")
}

// importLines reads every line the rows name, with its plan's state.
func importLines(ctx context.Context, tx bun.Tx, rows []ImportRow) (map[LineID]importLine, error) {
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, int64(r.Line))
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := map[LineID]importLine{}
	for start := 0; start < len(ids); start += 1000 {
		var found []struct {
			ID, PlanID, Amount int64
			Lineage, TaskArea  string
			FundingSource      FundingSource
			ProvinceCode       string
			Year               int
			Status             plans.Status
		}
		if err := tx.NewRaw(`SELECT l.id, l.plan_id, l.amount, l.lineage, a.task_area, l.funding_source, p.province_code, p.year, p.status
			FROM budget_lines AS l JOIN activities AS a ON a.id = l.activity_id JOIN plans AS p ON p.id = l.plan_id
			WHERE l.id IN (?)`, bun.In(ids[start:min(start+1000, len(ids))])).Scan(ctx, &found); err != nil {
			return nil, err
		}
		for _, f := range found {
			l := Line{ID: LineID(f.ID), PlanID: plans.ID(f.PlanID), Lineage: f.Lineage, TaskArea: f.TaskArea,
				FundingSource: f.FundingSource, Amount: VND(f.Amount)}
			out[l.ID] = importLine{l, units.ProvinceCode(f.ProvinceCode), f.Year, f.Status}
		}
	}
	return out, nil
}

// lockYears takes the locks of every year of p the import touches, in
// order, and tells which of those years are closed.
func (s *Store) lockYears(ctx context.Context, tx bun.Tx, p units.ProvinceCode, lines map[LineID]importLine) (map[int]bool, error) {
	var years []int
	for _, l := range lines {
		if l.province == p && !slices.Contains(years, l.year) {
			years = append(years, l.year)
		}
	}
	slices.Sort(years)
	closed := map[int]bool{}
	for _, y := range years {
		by, err := s.lockYear(ctx, tx, p, y)
		if err != nil {
			return nil, err
		}
		closed[y] = by.open() != nil
	}
	return closed, nil
}

// checkImport checks every row against the ledger as it stands plus the
// rows before it, and returns the entries to write or every problem.
func (s *Store) checkImport(ctx context.Context, tx bun.Tx, p units.ProvinceCode, rows []ImportRow, lines map[LineID]importLine,
	closed map[int]bool) ([]entryRow, error) {
	st, err := loadState(ctx, tx, p, lines, rows)
	if err != nil {
		return nil, err
	}
	st.closed = closed
	var probs baove.Problems
	entries := make([]entryRow, 0, len(rows))
	for _, r := range rows {
		at := fmt.Sprintf("rows[%d]", r.Row)
		l, ok := lines[r.Line]
		if !ok || l.province != p {
			probs.Add(at+".budget_line_id", fmt.Sprintf("province %s has no budget line %d", p, r.Line), r.Line)
			continue
		}
		if e, problem := st.accept(l, r); problem != nil {
			probs = append(probs, problem.withRow(at)...)
		} else {
			entries = append(entries, e)
		}
	}
	if len(probs) > 0 {
		return nil, &baove.Error{Code: baove.EINVALID, Message: fmt.Sprintf("problems in the file: %d; nothing was recorded", len(probs)),
			Fields: capProblems(probs)}
	}
	return entries, nil
}

type rowProblems baove.Problems

func (p rowProblems) withRow(at string) baove.Problems {
	out := make(baove.Problems, len(p))
	for i, f := range p {
		out[i] = baove.FieldError{Field: at + "." + f.Field, Message: f.Message, Value: f.Value}
	}
	return out
}

// capProblems keeps the first 500 problems, so that a file of bad rows does
// not make an answer of megabytes.
func capProblems(p baove.Problems) baove.Problems {
	if len(p) <= 500 {
		return p
	}
	rest := len(p) - 500
	return append(p[:500:500], baove.FieldError{Field: "rows", Message: fmt.Sprintf("and %d more problems", rest)})
}

func loadState(ctx context.Context, tx bun.Tx, p units.ProvinceCode, lines map[LineID]importLine, rows []ImportRow) (ledgerState, error) {
	st := ledgerState{paid: map[string]VND{}, central: map[int]central{}, vouchers: map[string]bool{}}
	for _, l := range lines {
		if l.province != p {
			continue
		}
		if _, ok := st.central[l.year]; !ok {
			paid, err := disbursedByLineage(ctx, tx, p, l.year)
			if err != nil {
				return st, err
			}
			for lineage, v := range paid {
				st.paid[fmt.Sprint(l.year, lineage)] = v
			}
			if st.central[l.year], err = centralTotals(ctx, tx, p, l.year); err != nil {
				return st, err
			}
		}
	}
	var vouchers []string
	for _, r := range rows {
		vouchers = append(vouchers, r.VoucherNo)
	}
	for start := 0; start < len(vouchers); start += 1000 {
		var used []struct {
			Year      int
			VoucherNo string
		}
		if err := tx.NewSelect().Table("disbursements").Column("year", "voucher_no").Where("province_code = ?", string(p)).
			Where("voucher_no IN (?)", bun.In(vouchers[start:min(start+1000, len(vouchers))])).Scan(ctx, &used); err != nil {
			return st, err
		}
		for _, u := range used {
			st.vouchers[fmt.Sprint(u.Year, "\x00", u.VoucherNo)] = true
		}
	}
	return st, nil
}

// accept checks one row as Disburse would, and counts it when it passes.
func (st *ledgerState) accept(l importLine, r ImportRow) (entryRow, rowProblems) {
	n := r.NewDisbursement
	if err := n.check(l.year); err != nil {
		return entryRow{}, rowProblems(err.(*baove.Error).Fields)
	}
	var p baove.Problems
	if st.closed[l.year] {
		p.Add("budget_line_id", fmt.Sprintf("line %d belongs to the budget year %d, which is closed", l.ID, l.year), r.Line)
	}
	if l.status != plans.Approved {
		p.Add("budget_line_id", fmt.Sprintf("line %d belongs to a plan version that is %s: only the approved plan in force accepts payments", l.ID, l.status), r.Line)
	}
	lineKey, voucherKey := fmt.Sprint(l.year, l.Lineage), fmt.Sprint(l.year, "\x00", n.VoucherNo)
	if over := st.paid[lineKey] + n.Amount - l.Amount; over > 0 {
		p.Add("amount", fmt.Sprintf("would exceed line %d by %s đồng", l.ID, vn.Int(int64(over))), n.Amount.String())
	}
	c := st.central[l.year]
	if over := c.disbursed + n.Amount - c.allocated; l.FundingSource == Central && over > 0 {
		p.Add("amount", fmt.Sprintf("would exceed the central allocations of %d by %s đồng", l.year, vn.Int(int64(over))), n.Amount.String())
	}
	if st.vouchers[voucherKey] {
		p.Add("voucher_no", fmt.Sprintf("voucher %s is already recorded for %d", n.VoucherNo, l.year), n.VoucherNo)
	}
	if len(p) > 0 {
		return entryRow{}, rowProblems(p)
	}
	st.paid[lineKey] += n.Amount
	if l.FundingSource == Central {
		c.disbursed += n.Amount
		st.central[l.year] = c
	}
	st.vouchers[voucherKey] = true
	return entryRow{ProvinceCode: string(l.province), Year: l.year, BudgetLineID: int64(l.ID), LineLineage: l.Lineage,
		FundingSource: l.FundingSource, TaskArea: l.TaskArea, Kind: Payment, Amount: int64(n.Amount), PaidOn: n.PaidOn,
		VoucherNo: n.VoucherNo, Description: n.Description}, nil
}

// record writes the entries and their audit entries in batches, then the
// running totals.
func (s *Store) record(ctx context.Context, tx bun.Tx, c access.Caller, entries []entryRow) (ImportResult, error) {
	now := s.clock.Now()
	var res ImportResult
	for i := range entries {
		entries[i].CreatedAt, entries[i].ActorID, entries[i].Actor = now, c.UserID, c.Username
		res.Recorded++
		res.Total += VND(entries[i].Amount)
	}
	for start := 0; start < len(entries); start += 500 {
		chunk := entries[start:min(start+500, len(entries))]
		if _, err := tx.NewInsert().Model(&chunk).Returning("id").Exec(ctx); err != nil {
			return res, err
		}
		audits := make([]audit.Change, len(chunk))
		for i, e := range chunk {
			audits[i] = audit.Change{At: now, Actor: c.Actor(), Action: "disbursement.create", Entity: "disbursement",
				EntityID: fmt.Sprint(e.ID), ProvinceCode: e.ProvinceCode, AfterState: e.disbursement()}
		}
		if err := audit.RecordAll(ctx, tx, audits); err != nil {
			return res, err
		}
	}
	// After the entries: ledger_totals takes only the sums of what is written.
	return res, addToTotals(ctx, tx, entries)
}
