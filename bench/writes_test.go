package bench_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/bench"
	"baove/budget"
	"baove/exports"
	"baove/units"
)

// importRows is the size of the file the import benchmark uploads.
const importRows = 10_000

// BenchmarkImportDisbursements times importing a file of 10,000 payments
// into a province's current year as the upload endpoint does
// (exports.ImportDisbursements: reading the XLSX, checking every cell, and
// recording it with every control, audit entry and the idempotency of the
// file), against a multi-row INSERT of the same rows. The file is written
// (exports.WriteXLSX) outside the timing. Every iteration adds 10,000
// entries to the ledger of Target.ImportProvince, which the reads never
// look at.
func BenchmarkImportDisbursements(b *testing.B) {
	bench.Engines(b, func(b *testing.B, s *bench.Services) {
		t := s.Target
		lines := roomyLines(b, s.DB, t.ImportProvince, t.ImportYear)
		finance := access.Caller{Username: "bench.finance", Role: access.Finance, Province: t.ImportProvince, RequestID: "bench"}
		run := fmt.Sprintf("%x", time.Now().UnixNano())
		var imported, limit time.Duration
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			file, rows := uploadFile(b, lines, t.ImportYear, fmt.Sprintf("NK%s-%d-", run, i))
			start := time.Now()
			f := budget.PaymentsFile{Province: t.ImportProvince, File: file}
			if res, _, err := s.Budget.ImportFile(context.Background(), finance, f); err != nil || res.Recorded != importRows {
				b.Fatalf("import recorded %d rows: %v", res.Recorded, err)
			}
			imported, start = imported+time.Since(start), time.Now()
			insertLimit(b, s, t.ImportProvince, t.ImportYear, lines, rows, fmt.Sprintf("LM%s-%d-", run, i))
			limit += time.Since(start)
		}
		bench.Report(b, imported, limit)
	})
}

// line is a budget line the import pays from.
type line struct {
	ID                               int64
	Lineage, FundingSource, TaskArea string
}

// roomyLines returns the non-central lines of the plan in force of a
// province-year with room for many imports: at least 100 million đồng not
// yet paid.
func roomyLines(b *testing.B, db bun.IDB, p units.ProvinceCode, year int) []line {
	b.Helper()
	var out []line
	err := db.NewRaw(`SELECT l.id, l.lineage, l.funding_source, a.task_area FROM budget_lines AS l
		JOIN plans AS p ON p.id = l.plan_id JOIN activities AS a ON a.id = l.activity_id
		WHERE p.province_code = ? AND p.year = ? AND p.status = 'approved' AND l.funding_source <> 'central'
		AND l.amount - (SELECT coalesce(sum(d.amount), 0) FROM disbursements AS d WHERE d.province_code = p.province_code
		AND d.year = p.year AND d.line_lineage = l.lineage) >= 100000000 ORDER BY l.id`, string(p), year).Scan(context.Background(), &out)
	if err != nil || len(out) == 0 {
		b.Fatalf("no line of %s/%d with room for the import (%v)", p, year, err)
	}
	return out
}

// uploadFile writes an XLSX file of importRows payments of 1.000 to
// 10.000 đồng spread over the lines and the year so far, in the columns of
// the import template, and returns it with its rows.
func uploadFile(b *testing.B, lines []line, year int, voucher string) ([]byte, []budget.ImportRow) {
	b.Helper()
	cols := make([]exports.Column, len(budget.ImportFields))
	for i, f := range budget.ImportFields {
		cols[i] = exports.Column{Title: f.Title, Kind: f.Kind}
	}
	first := baove.NewDate(year, 1, 1)
	span := max(min(time.Now().YearDay(), 365)-1, 1)
	if time.Now().Year() > year {
		span = 365
	}
	rows := make([][]any, importRows)
	parsed := make([]budget.ImportRow, importRows)
	for j := range rows {
		l, amount, paid, voucher := lines[j%len(lines)].ID, int64(1_000*(1+j%10)), first.AddDays(j%span), fmt.Sprintf("%s%05d", voucher, j)
		rows[j] = []any{l, amount, paid, voucher, "Chi hỗ trợ hoạt động (nhập từ tệp)"}
		parsed[j] = budget.ImportRow{Row: j + 2, NewDisbursement: budget.NewDisbursement{Line: budget.LineID(l), Amount: budget.VND(amount),
			PaidOn: paid, VoucherNo: voucher, Description: "Chi hỗ trợ hoạt động (nhập từ tệp)"}}
	}
	var buf bytes.Buffer
	sheet := exports.Sheet{Name: "Giải ngân", Table: exports.Table{Columns: cols, Rows: rows}}
	if err := exports.WriteXLSX(&buf, exports.Workbook{Sheets: []exports.Sheet{sheet}}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes(), parsed
}

// errRollback ends the limit's transaction without a commit.
var errRollback = errors.New("bench: roll back")

// limitEntry is a ledger row as the limit writes it.
type limitEntry struct {
	bun.BaseModel `bun:"table:disbursements"`

	ID            int64 `bun:",pk,autoincrement"`
	ProvinceCode  string
	Year          int
	BudgetLineID  int64
	LineLineage   string
	FundingSource string
	TaskArea      string
	Kind          string
	Amount        int64
	PaidOn        baove.Date
	VoucherNo     string
	Description   string
	CreatedAt     time.Time
	Actor         string
}

// insertLimit writes the same rows, under other vouchers, with one
// multi-row INSERT in a transaction: no checks, no audit, no running
// totals. The transaction is rolled back, so that the ledger keeps equal to
// its running totals (the database refuses totals that are not the
// ledger's sums): the limit is the INSERT without its commit, a little
// faster than a commit would make it.
func insertLimit(b *testing.B, s *bench.Services, p units.ProvinceCode, year int, lines []line, rows []budget.ImportRow, voucher string) {
	b.Helper()
	byID := make(map[int64]line, len(lines))
	for _, l := range lines {
		byID[l.ID] = l
	}
	now := time.Now().UTC()
	entries := make([]limitEntry, len(rows))
	for i, r := range rows {
		l := byID[int64(r.Line)]
		entries[i] = limitEntry{ProvinceCode: string(p), Year: year, BudgetLineID: l.ID, LineLineage: l.Lineage, FundingSource: l.FundingSource,
			TaskArea: l.TaskArea, Kind: "payment", Amount: int64(r.Amount), PaidOn: r.PaidOn, VoucherNo: fmt.Sprintf("%s%05d", voucher, i),
			Description: r.Description, CreatedAt: now, Actor: "bench.limit"}
	}
	err := s.DB.RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&entries).Exec(ctx); err != nil {
			return err
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		b.Fatal(err)
	}
}
