package api_test

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

// importRows is how many payments each of the concurrent imports holds: the
// most a file may hold (100,000 rows with the header), as in the report,
// unless BAOVE_TEST_IMPORT_ROWS says otherwise; 10,000 with -short.
func importRows(t *testing.T) int {
	if n, err := strconv.Atoi(os.Getenv("BAOVE_TEST_IMPORT_ROWS")); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return 10_000
	}
	return 99_999
}

// TestSQLiteUnderWriteLoad_NoWriteFailsAndEveryAnswerIsKept sends three
// large imports at once while other users keep making small writes, on
// SQLite, whose one writer at a time made them fail with 500
// (SQLITE_BUSY). Every answer must be 2xx, or 503 with Retry-After when a
// write waited its whole turn; what was answered 2xx must be recorded.
func TestSQLiteUnderWriteLoad_NoWriteFailsAndEveryAnswerIsKept(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	e := newEnv(t, db)
	p := e.planFor(t)
	e.step(t, "planner.dienbien", "submit", p.ID, nil, "submitted")
	e.step(t, "approver.dienbien", "approve", p.ID, issuance("45/KH-UBND"), "approved")
	var lines struct{ Items []api.BudgetLine }
	e.do("finance.dienbien", "GET", fmt.Sprintf("/api/v1/plans/%d/budget-lines", p.ID), nil, &lines)
	line := lines.Items[0].ID // provincial, 250.000.000 đồng: room for every payment of 1 đồng

	n := importRows(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed []string
	imported, paid, reports, reported, busy := 0, 0, 0, 0, 0
	check := func(what string, res response, ok int) bool {
		switch {
		case res.StatusCode == ok:
			return true
		case res.StatusCode == 503 && res.Header.Get("Retry-After") != "":
			mu.Lock()
			busy++
			mu.Unlock()
			return false
		}
		mu.Lock()
		failed = append(failed, fmt.Sprintf("%s: %d %.200s", what, res.StatusCode, res.body))
		mu.Unlock()
		return false
	}
	started := time.Now()
	for _, prefix := range []string{"A", "B", "C"} {
		wg.Go(func() {
			res, _ := e.sendRaw("finance.dienbien", "POST", "/api/v1/provinces/11/disbursements/import", paymentsCSV(line, prefix, n), "text/csv")
			if check("import "+prefix, res, 200) {
				mu.Lock()
				imported += n
				mu.Unlock()
			}
		})
	}
	stop := make(chan struct{})
	small := sync.WaitGroup{}
	small.Go(func() { // payments on the same line, one at a time
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
			res, _ := e.send("finance.dienbien", "POST", fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", line),
				map[string]any{"amount": "1", "paid_on": "2026-04-02", "voucher_no": fmt.Sprintf("S-%d", i)}, nil)
			if check("payment", res, 201) {
				mu.Lock()
				paid++
				mu.Unlock()
			}
		}
	})
	small.Go(func() { // another province's indicator values, unrelated
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
			res, _ := e.send(planner, "PUT", "/api/v1/provinces/01/indicator-values/CP_ABUSE_CASES/2026-Q3", map[string]any{"value": i}, nil)
			if check("indicator value", res, 200) {
				mu.Lock()
				reports, reported = reports+1, i
				mu.Unlock()
			}
		}
	})
	wg.Wait()
	close(stop)
	small.Wait()
	elapsed := time.Since(started)
	for _, f := range failed {
		t.Error(f)
	}

	var entries int
	if err := db.NewRaw("SELECT count(*) FROM disbursements WHERE budget_line_id = ?", line).Scan(t.Context(), &entries); err != nil {
		t.Fatal(err)
	}
	if entries != imported+paid {
		t.Errorf("the ledger holds %d entries; the answers promised %d imported and %d paid", entries, imported, paid)
	}
	var values struct{ Items []api.IndicatorValue }
	e.do(planner, "GET", "/api/v1/provinces/01/indicator-values?year=2026", nil, &values)
	if reports > 0 && (len(values.Items) != 1 || values.Items[0].Value != strconv.Itoa(reported)) {
		t.Errorf("the last value answered 2xx was %d; stored: %+v", reported, values.Items)
	}
	t.Logf("%d rows × 3 imports: %d rows imported, %d payments and %d value reports answered 2xx, %d answers 503, in %s",
		n, imported, paid, reports, busy, elapsed.Round(time.Millisecond))
	if imported == 0 || paid == 0 {
		t.Errorf("nothing got through: %d imported, %d paid", imported, paid)
	}
}

// paymentsCSV is an import of n payments of 1 đồng on line, vouchers
// prefix-0 to prefix-(n-1).
func paymentsCSV(line int64, prefix string, n int) []byte {
	var b bytes.Buffer
	b.WriteString("budget_line_id,amount,paid_on,voucher_no\n")
	for i := range n {
		fmt.Fprintf(&b, "%d,1,2026-03-01,%s-%d\n", line, prefix, i)
	}
	return b.Bytes()
}

// TestPostgresBulkStaffing_OppositeOrdersNeverAnswer500 sends two bulk
// staffing PUTs at once over the same new communes, one in the opposite
// order of the other, ten times: they deadlocked on PostgreSQL (one 500
// each time). Each answer must be 200, or 409 when the other request
// recorded the same communes first, or 503 with Retry-After.
func TestPostgresBulkStaffing_OppositeOrdersNeverAnswer500(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.Postgres))
	var communes struct{ Items []api.Commune }
	e.do(planner, "GET", "/api/v1/provinces/01/communes", nil, &communes)
	answers := map[int]int{}
	for round := range 10 {
		var forward, backward []any
		for _, c := range communes.Items[round*12 : round*12+12] {
			forward = append(forward, item(c.Code, 5))
			backward = append([]any{item(c.Code, 4)}, backward...)
		}
		results := make(chan response, 2)
		for _, items := range [][]any{forward, backward} {
			go func() {
				res, _ := e.raw(planner, "PUT", "/api/v1/provinces/01/staffing/2026", map[string]any{"items": items})
				results <- res
			}()
		}
		for range 2 {
			res := <-results
			answers[res.StatusCode]++
			if res.StatusCode != 200 && res.StatusCode != 409 && (res.StatusCode != 503 || res.Header.Get("Retry-After") == "") {
				t.Errorf("round %d: %d %s", round+1, res.StatusCode, res.body)
			}
		}
	}
	t.Logf("answers by status: %v", answers)
}
