package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/i18n"
)

func TestBudget_ShowsTheYearBySourceAndTaskAreaAgainstTheEvenPace(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := financeServer(t, db)
		c := signIn(t, s, "finance.dienbien")
		sum, err := s.Services.Budget.Summary(context.Background(), financeDienBien, "11", 2026)
		if err != nil {
			t.Fatal(err)
		}
		res := get(t, s, "/budget", c)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("/budget answered %d: %s", res.StatusCode, res.body)
		}
		expected := budget.ExpectedPace(sum.Total.Planned, 2026, dbtest.Clock.Today())
		for _, want := range []string{"Ngân sách năm 2026", "Ngân sách trung ương", "Theo nhiệm vụ",
			i18n.Format(i18n.VI, sum.Total.Disbursed), i18n.Format(i18n.VI, sum.Total.Allocated), i18n.Format(i18n.VI, expected),
			`<svg class="chart" role="img"`, `class="chart-target"`, "Tháng 11", "Còn được chi", `href="/pay?line=`} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the budget page lacks %q", want)
			}
		}
		if strings.Contains(res.body, "style=") {
			t.Errorf("the budget page has a style attribute, which the CSP forbids")
		}
	})
}

func TestPay_ADoubleClickRecordsOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := financeServer(t, db)
		c := signIn(t, s, "finance.dienbien")
		line := lineWithLeft(t, s, 1_500_000)
		page := get(t, s, "/pay", c).body
		key := hidden(page, "idempotency_key")
		if key == "" || !strings.Contains(page, "<optgroup label=") || !strings.Contains(page, i18n.Format(i18n.VI, line.Remaining())) {
			t.Fatalf("the pay form lacks its key, its grouped lines or what they have left: %s", page)
		}
		form := url.Values{"idempotency_key": {key}, "budget_line_id": {strconv.FormatInt(int64(line.ID), 10)},
			"amount": {"1.500.000"}, "paid_on": {"2026-11-27"}, "voucher_no": {"PC-WEB-1"}, "description": {"Hỗ trợ"}}
		first, second := post(t, s, "/pay", form, c), post(t, s, "/pay", form, c)
		if first.StatusCode != http.StatusSeeOther || second.Header.Get("Location") != first.Header.Get("Location") {
			t.Fatalf("the two clicks answered %d %q and %d %q", first.StatusCode, first.Header.Get("Location"),
				second.StatusCode, second.Header.Get("Location"))
		}
		filter := budget.LedgerFilter{Province: "11", Search: "PC-WEB-1"}
		p, err := s.Services.Budget.LedgerPage(context.Background(), financeDienBien, filter)
		if err != nil || len(p.Entries) != 1 || p.Entries[0].Amount != 1_500_000 {
			t.Fatalf("the ledger holds %+v, %v; want one payment of 1.500.000", p.Entries, err)
		}
		done := get(t, s, first.Header.Get("Location"), c).body
		if !strings.Contains(done, "Đã ghi khoản chi 1.500.000 đồng, chứng từ PC-WEB-1") {
			t.Errorf("the page after paying does not say so: %s", done)
		}
	})
}

func TestPay_RefusalsAreShownOnTheirFieldsWithTheNumbers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := financeServer(t, db)
		c := signIn(t, s, "finance.dienbien")
		line := lineWithLeft(t, s, 1)
		id := strconv.FormatInt(int64(line.ID), 10)
		form := url.Values{"idempotency_key": {"k1"}, "budget_line_id": {id}, "amount": {"1,5"}, "paid_on": {"2026-11-27"},
			"voucher_no": {"PC-WEB-2"}}
		res := post(t, s, "/pay", form, c)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="amount-error"`) ||
			!strings.Contains(res.body, "1.500.000") {
			t.Errorf("an amount with a comma: %d %s", res.StatusCode, res.body)
		}
		over := line.Remaining() + 1
		form.Set("amount", i18n.Format(i18n.VI, over))
		form.Set("idempotency_key", "k2")
		res = post(t, s, "/pay", form, c)
		want := fmt.Sprintf("khoản chi vượt dòng %s 1 đồng", id)
		if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, want) || !strings.Contains(res.body, `aria-invalid="true"`) ||
			!strings.Contains(res.body, "còn lại "+i18n.Format(i18n.VI, line.Remaining())+" đồng") {
			t.Errorf("an amount over the line: %d, want 409 saying %q on the field: %s", res.StatusCode, want, res.body)
		}
		if !strings.Contains(res.body, `value="`+i18n.Format(i18n.VI, over)+`"`) {
			t.Errorf("the amount typed was not kept")
		}
	})
}

func TestLedger_SearchesAndReversesWithADateAndAReason(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := financeServer(t, db)
		c := signIn(t, s, "finance.dienbien")
		line := lineWithLeft(t, s, 2_000)
		d, _, err := s.Services.Budget.Disburse(context.Background(), financeDienBienUser(t, s), budget.NewDisbursement{Line: line.ID,
			Amount: 2_000, PaidOn: dbtest.Clock.Today().AddDays(-10), VoucherNo: "PC-TIM-9", Description: "Tập huấn cán bộ"}, "")
		if err != nil {
			t.Fatal(err)
		}
		found := get(t, s, "/ledger?q=tap+huan+can+bo", c)
		path := "/ledger/" + strconv.FormatInt(d.ID, 10) + "/reverse"
		if found.StatusCode != 200 || !strings.Contains(found.body, "PC-TIM-9") || !strings.Contains(found.body, path) {
			t.Fatalf("the search without marks: %d %s", found.StatusCode, found.body)
		}
		if first := get(t, s, "/ledger", c).body; !strings.Contains(first, `rel="next"`) {
			t.Errorf("a year of payments fits on one page: no next link")
		}
		res := post(t, s, path, url.Values{"reversed_on": {"2026-11-25"}, "reason": {""}}, c)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="reason-error"`) {
			t.Errorf("a reversal without a reason: %d", res.StatusCode)
		}
		res = post(t, s, path, url.Values{"reversed_on": {"2026-11-25"}, "reason": {"Chi nhầm dòng"}}, c)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the reversal answered %d: %s", res.StatusCode, res.body)
		}
		after := get(t, s, "/ledger?q=PC-TIM-9", c).body
		if !strings.Contains(after, "Đã hủy ngày 25/11/2026 (finance.dienbien): Chi nhầm dòng") ||
			!strings.Contains(after, "Hủy khoản chi PC-TIM-9 ngày 18/11/2026") {
			t.Errorf("the ledger does not show the payment with its reversal: %s", after)
		}
	})
}

func TestImports_PreviewShowsEveryBadRowThenRecordsOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := financeServer(t, db)
		c := signIn(t, s, "finance.dienbien")
		id := strconv.FormatInt(int64(lineWithLeft(t, s, 100_000).ID), 10)
		file := func(second string) []byte {
			return []byte("budget_line_id,amount,paid_on,voucher_no,description\n" +
				id + ",25.000,2026-11-02,NK-1,Một\n" + id + "," + second + ",2026-11-03,NK-2,Hai\n")
		}
		bad := postFile(t, s, "/imports/preview", filePost{File: file("hai mươi")}, c)
		if bad.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.body, "<td>3</td>") ||
			!strings.Contains(bad.body, "Số tiền (đồng)") || strings.Contains(bad.body, `name="file_data"`) {
			t.Fatalf("a file with a bad row 3: %d %s", bad.StatusCode, bad.body)
		}
		good := postFile(t, s, "/imports/preview", filePost{File: file("30000")}, c)
		if good.StatusCode != http.StatusOK || !strings.Contains(good.body, "Tệp sẽ ghi 2 khoản chi, tổng 55.000 đồng") {
			t.Fatalf("the preview: %d %s", good.StatusCode, good.body)
		}
		p, _ := s.Services.Budget.LedgerPage(context.Background(), financeDienBien, budget.LedgerFilter{Province: "11", Search: "NK-1"})
		if len(p.Entries) != 0 {
			t.Fatalf("the preview recorded %d entries", len(p.Entries))
		}
		carried := url.Values{"file_data": {hidden(good.body, "file_data")}, "file_sha256": {hidden(good.body, "file_sha256")}}
		rec := postFile(t, s, "/imports", filePost{Fields: carried}, c)
		if rec.StatusCode != http.StatusSeeOther || rec.Header.Get("Location") != "/imports?recorded=2&total=55000" {
			t.Fatalf("recording answered %d %q: %s", rec.StatusCode, rec.Header.Get("Location"), rec.body)
		}
		if done := get(t, s, rec.Header.Get("Location"), c).body; !strings.Contains(done, "Đã ghi sổ 2 khoản chi, tổng 55.000 đồng") {
			t.Errorf("the page after recording does not say what was recorded")
		}
		again := postFile(t, s, "/imports", filePost{Fields: carried}, c)
		if !strings.Contains(again.Header.Get("Location"), "replayed=1") {
			t.Errorf("the same file twice: %q", again.Header.Get("Location"))
		}
		if page := get(t, s, again.Header.Get("Location"), c).body; !strings.Contains(page, "không ghi thêm gì") {
			t.Errorf("the page after the same file twice does not say nothing was recorded")
		}
		p, _ = s.Services.Budget.LedgerPage(context.Background(), financeDienBien, budget.LedgerFilter{Province: "11", Search: "NK-"})
		if len(p.Entries) != 2 {
			t.Errorf("the ledger holds %d entries of the file, want 2", len(p.Entries))
		}
		other := postFile(t, s, "/imports", filePost{Fields: url.Values{"file_data": carried["file_data"], "file_sha256": {"00"}}}, c)
		if other.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a file not previewed: %d", other.StatusCode)
		}
	})
}

func TestClose_ShowsWhatItWillDoBeforeTheConfirmation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := financeServer(t, db)
		c := signIn(t, s, "finance.hcm")
		home := get(t, s, "/", c).body
		if !strings.Contains(home, "Năm 2025 đã kết thúc nhưng chưa khóa sổ") || !strings.Contains(home, "Việc cần làm về tài chính") {
			t.Errorf("the finance officer's home does not say 2025 waits to be closed: %s", home)
		}
		cp, err := s.Services.Budget.ClosePreview(context.Background(), financeDienBien, "11", 2025)
		if err != nil || cp.Refusal == nil {
			t.Fatalf("Điện Biên's 2025 should be closed by the demo: %+v %v", cp, err)
		}
		page := get(t, s, "/close?year=2025", c)
		if page.StatusCode != 200 || !strings.Contains(page.body, "chuyển nguồn sang năm 2026") ||
			!strings.Contains(page.body, "hạn nộp 28/12/2026 (30 ngày sau khi khóa sổ)") {
			t.Fatalf("the close page: %d %s", page.StatusCode, page.body)
		}
		res := post(t, s, "/close", url.Values{"year": {"2025"}}, c)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a close without a choice: %d", res.StatusCode)
		}
		res = post(t, s, "/close", url.Values{"year": {"2025"}, "unspent_central": {budget.Return}}, c)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the close answered %d: %s", res.StatusCode, res.body)
		}
		closed := get(t, s, res.Header.Get("Location"), c).body
		if !strings.Contains(closed, "Đã khóa sổ năm 2025.") || !strings.Contains(closed, "phải nộp trả ngân sách trung ương trước 28/12/2026") ||
			strings.Contains(closed, `name="unspent_central"`) {
			t.Errorf("the closed year's page: %s", closed)
		}
	})
}
