package budget_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"baove"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/i18n"
)

func importRows(f *fixture, n int) []budget.ImportRow {
	rows := make([]budget.ImportRow, n)
	for i := range rows {
		line := f.central
		if i%2 == 1 {
			line = f.provinial
		}
		rows[i] = budget.ImportRow{Row: i + 2, NewDisbursement: budget.NewDisbursement{Line: line.ID, Amount: 1_000 + budget.VND(i),
			PaidOn: baove.NewDate(2026, time.Month(1+i%11), 1+i%28), VoucherNo: fmt.Sprintf("NK-%04d", i)}}
	}
	return rows
}

func TestImportDisbursements_OneBadRowRecordsNothingAndTheGoodFileRecordsOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 10_000_000, 10_000_000, 10_000_000)
		rows := importRows(f, 500)
		rows[249].PaidOn = baove.NewDate(2028, 1, 1) // spreadsheet row 251
		_, _, err := f.budget.ImportDisbursements(ctx, financeHN, budget.Import{Province: "01", Rows: rows, Key: "file-with-a-bad-row"})
		var e *baove.Error
		if !asError(err, &e) || e.Code != baove.EINVALID || len(e.Fields) != 1 || e.Fields[0].Field != "rows[251].paid_on" {
			t.Fatalf("one bad row: %v, want EINVALID naming rows[251].paid_on only", err)
		}
		if sum, _ := f.budget.Summary(ctx, reviewer, "01", 2026); sum.Total.Disbursed != 0 {
			t.Fatalf("a failed import recorded %d đồng", sum.Total.Disbursed)
		}
		rows[249].PaidOn = baove.NewDate(2026, 6, 1)
		res, replayed, err := f.budget.ImportDisbursements(ctx, financeHN, budget.Import{Province: "01", Rows: rows, Key: "corrected-file"})
		if err != nil || replayed || res.Recorded != 500 {
			t.Fatalf("corrected file: %+v, replayed %v, %v", res, replayed, err)
		}
		again, replayed, err := f.budget.ImportDisbursements(ctx, financeHN, budget.Import{Province: "01", Rows: rows, Key: "corrected-file"})
		if err != nil || !replayed || !reflect.DeepEqual(again, res) {
			t.Fatalf("the same file again: %+v, replayed %v, %v; want the first result replayed", again, replayed, err)
		}
		sum, _ := f.budget.Summary(ctx, reviewer, "01", 2026)
		if sum.Total.Disbursed != res.Total || res.Total != 500*1_000+499*500/2 {
			t.Fatalf("disbursed %d, import total %d", sum.Total.Disbursed, res.Total)
		}
	})
}

func TestImportDisbursements_AppliesTheLedgerControlsRowByRow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2026, 5_000, 10_000_000, 10_000_000)
		rows := importRows(f, 4)
		rows[0].Amount, rows[2].Amount = 3_000, 3_000 // together over the central line of 5.000
		rows[3].VoucherNo = rows[1].VoucherNo
		unknown := rows[1].NewDisbursement
		unknown.Line = 999_999
		rows = append(rows, budget.ImportRow{Row: 9, NewDisbursement: unknown})
		_, _, err := f.budget.ImportDisbursements(ctx, financeHN, budget.Import{Province: "01", Rows: rows, Key: "k"})
		var e *baove.Error
		if !asError(err, &e) || len(e.Fields) != 3 {
			t.Fatalf("err %v, want three problems", err)
		}
		got := fmt.Sprint(e.Fields)
		for _, want := range []string{"rows[4].amount", "rows[5].voucher_no", "rows[9].budget_line_id"} {
			if !strings.Contains(got, want) {
				t.Errorf("problems %s lack %s", got, want)
			}
		}
		_, _, err = f.budget.ImportDisbursements(ctx, financeDB, budget.Import{Province: "01", Rows: rows, Key: "k"})
		wantCode(t, "another province's finance officer", err, baove.EFORBIDDEN)
	})
}

func TestImportDisbursements_RefusesRowsOfAClosedYear(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2025, 10_000_000, 10_000_000, 10_000_000)
		rows := importRows(f, 3)
		for i := range rows {
			rows[i].PaidOn = baove.NewDate(2025, 5, 1+i)
		}
		_, err := f.budget.Close(ctx, financeHN, budget.YearEnd{Province: "01", Year: 2025, Disposition: budget.Return})
		f.check(err)
		_, _, err = f.budget.ImportDisbursements(ctx, financeHN, budget.Import{Province: "01", Rows: rows, Key: "late"})
		var e *baove.Error
		if !asError(err, &e) || len(e.Fields) != 3 || !strings.Contains(e.Fields[0].Text(i18n.EN), "closed") {
			t.Fatalf("rows of a closed year: %v, want each row refused", err)
		}
	})
}
