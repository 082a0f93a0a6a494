package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"baove/demo"
	"baove/web/webtest"
)

// The finance officer's pages driven as a person would, on both engines.

// setDate sets the date control id to day (YYYY-MM-DD): typing into a date
// control depends on the browser's locale.
func setDate(b *webtest.Browser, id, day string) {
	b.Eval(`document.getElementById(`+strconv.Quote(id)+`).value = `+strconv.Quote(day)+`; true`, nil)
}

// chooseFile puts a file named name holding content in the file control
// id, as choosing it in the browser's dialog would.
func chooseFile(b *webtest.Browser, id, name, content string) {
	b.Eval(`(() => { const dt = new DataTransfer();
		dt.items.add(new File([`+strconv.Quote(content)+`], `+strconv.Quote(name)+`, {type: "text/csv"}));
		document.getElementById(`+strconv.Quote(id)+`).files = dt.files; return true; })()`, nil)
}

func TestBrowser_FinancePaysOnceForADoubleClickAndReversesWithADate(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		loadDemo(t, s)
		line := strconv.FormatInt(int64(lineWithLeft(t, s, 1_500_000).ID), 10)
		b := s.Browser(t)
		b.SignIn("finance.dienbien", demo.Password)
		b.CheckAccessibility()
		if status := b.Open("/pay"); status != http.StatusOK {
			t.Fatalf("the pay page answered %d", status)
		}
		b.CheckAccessibility()
		b.Eval(`document.getElementById("budget_line_id").value = `+strconv.Quote(line)+`; true`, nil)
		b.FillByLabel("Số tiền (đồng)", "1.500.000")
		setDate(b, "paid_on", "2026-11-20")
		b.FillByLabel("Số chứng từ", "PC-TRINH-1")
		// The first click's request goes out and its answer is lost (as when
		// the button is clicked twice); the second click sends the same form.
		var first string
		b.Eval(`fetch("/pay", {method: "POST", body: new URLSearchParams(new FormData(document.querySelector('form[action="/pay"]'))),
			redirect: "manual"}).then(r => r.type)`, &first)
		if first != "opaqueredirect" {
			t.Fatalf("the first click was answered %q, want a redirect (the payment recorded)", first)
		}
		if status := b.Click("Ghi khoản chi"); status != http.StatusOK || !strings.HasPrefix(b.Path(), "/pay?paid=") {
			t.Fatalf("paying landed on %s with %d", b.Path(), status)
		}
		if msg := b.Text(".notice.success"); !strings.Contains(msg, "Đã ghi khoản chi 1.500.000 đồng, chứng từ PC-TRINH-1") {
			t.Errorf("the page after paying says %q", msg)
		}
		b.Open("/ledger?q=PC-TRINH-1")
		var rows int
		b.Eval(`document.querySelectorAll("table.ledger tbody tr").length`, &rows)
		if rows != 1 {
			t.Fatalf("the ledger holds %d entries of the payment, want 1", rows)
		}
		b.CheckAccessibility()
		var reverse string
		b.Eval(`document.querySelector('table.ledger a[href$="/reverse"]').getAttribute("href")`, &reverse)
		b.Open(reverse)
		b.CheckAccessibility()
		setDate(b, "reversed_on", "2026-11-25")
		b.FillByLabel("Lý do hủy", "Ghi nhầm dòng kinh phí")
		if status := b.Click("Hủy khoản chi"); status != http.StatusOK || !strings.HasPrefix(b.Path(), "/ledger") {
			t.Fatalf("reversing landed on %s with %d", b.Path(), status)
		}
		if msg := b.Text(".notice.success"); !strings.Contains(msg, "bằng bút toán ngày 25/11/2026") {
			t.Errorf("the ledger after the reversal says %q", msg)
		}
		b.Open("/ledger?q=PC-TRINH-1")
		if text := b.Text("table.ledger"); !strings.Contains(text, "Đã hủy ngày 25/11/2026") || !strings.Contains(text, "-1.500.000") {
			t.Errorf("the ledger does not show the payment with its reversal: %q", text)
		}
	})
}

func TestBrowser_FinanceImportsAFileAfterFixingItsBadRow(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		loadDemo(t, s)
		id := strconv.FormatInt(int64(lineWithLeft(t, s, 100_000).ID), 10)
		csv := func(amount string) string {
			return "budget_line_id,amount,paid_on,voucher_no,description\n" + id + ",25.000,2026-11-02,NK-B-1,Một\n" +
				id + "," + amount + ",2026-11-03,NK-B-2,Hai\n"
		}
		b := s.Browser(t)
		b.SignIn("finance.dienbien", demo.Password)
		b.Open("/imports")
		b.CheckAccessibility()
		chooseFile(b, "file", "chi.csv", csv("25.5"))
		if status := b.Click("Xem trước"); status != http.StatusUnprocessableEntity {
			t.Fatalf("a file with a bad row answered %d", status)
		}
		if rows := b.Text("table.bad-rows tbody"); !strings.HasPrefix(rows, "3") || !strings.Contains(rows, "Số tiền (đồng)") {
			t.Errorf("the bad row is not shown on its row: %q", rows)
		}
		b.CheckAccessibility()
		chooseFile(b, "file", "chi.csv", csv("30.000"))
		if status := b.Click("Xem trước"); status != http.StatusOK {
			t.Fatalf("the fixed file answered %d", status)
		}
		if text := b.Text("main"); !strings.Contains(text, "Tệp sẽ ghi 2 khoản chi, tổng 55.000 đồng") {
			t.Errorf("the preview says %q", text)
		}
		b.CheckAccessibility()
		if status := b.Click("Ghi sổ 2 khoản chi"); status != http.StatusOK || !strings.HasPrefix(b.Path(), "/imports?recorded=2") {
			t.Fatalf("recording landed on %s with %d", b.Path(), status)
		}
		if msg := b.Text(".notice.success"); !strings.Contains(msg, "Đã ghi sổ 2 khoản chi, tổng 55.000 đồng") {
			t.Errorf("the page after recording says %q", msg)
		}
	})
}

func TestBrowser_FinanceClosesAPastYearAfterSeeingWhatTheCloseDoes(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		loadDemo(t, s)
		b := s.Browser(t)
		b.SignIn("finance.hcm", demo.Password)
		if status := b.Click("Năm 2025 đã kết thúc nhưng chưa khóa sổ: xem và khóa sổ"); status != http.StatusOK {
			t.Fatalf("the home's close link answered %d", status)
		}
		b.CheckAccessibility()
		if text := b.Text("main"); !strings.Contains(text, "Chưa giải ngân") || !strings.Contains(text, "hạn nộp 28/12/2026") {
			t.Errorf("the close page does not show what the close does: %q", text)
		}
		b.Eval(`document.getElementById("disposition-carry").click(); true`, nil)
		if status := b.Click("Khóa sổ năm 2025"); status != http.StatusOK {
			t.Fatalf("closing answered %d", status)
		}
		if msg := b.Text(".notice.success"); msg != "Đã khóa sổ năm 2025." {
			t.Errorf("the page after the close says %q", msg)
		}
		if text := b.Text("main"); !strings.Contains(text, "đã chuyển nguồn sang năm 2026") {
			t.Errorf("the closed year does not say where its funds went: %q", text)
		}
		b.CheckAccessibility()
		b.Open("/budget")
		b.CheckAccessibility()
	})
}
