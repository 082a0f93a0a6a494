package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"baove/attachments"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/i18n"
	"baove/web/webtest"
)

func TestLedger_FiltersByALineOfThePlanInForce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := financeServer(t, db)
		c := signIn(t, s, "finance.dienbien")
		line := lineWithLeft(t, s, 0)
		id := strconv.FormatInt(int64(line.ID), 10)
		if b := get(t, s, "/budget", c).body; !strings.Contains(b, `href="/ledger?year=2026&amp;line=`+id+`"`) {
			t.Errorf("the budget page does not link line %s to its entries", id)
		}
		res := get(t, s, "/ledger?year=2026&line="+id, c)
		label := line.Activity + " — " + sourceNameVI(line.FundingSource) + " — " + i18n.Format(i18n.VI, line.Amount) + " đ"
		if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `<option value="`+id+`" selected>`+label) {
			t.Fatalf("the line filter is not chosen and labelled %q: %d", label, res.StatusCode)
		}
		want, err := s.Services.Budget.LedgerPage(context.Background(), financeDienBien,
			budget.LedgerFilter{Province: "11", Year: 2026, Line: line.ID, Limit: 50})
		if err != nil || len(want.Entries) == 0 {
			t.Fatalf("line %s has no entries (%v)", id, err)
		}
		if got := strings.Count(res.body, `<tr id="entry-`); got != len(want.Entries) {
			t.Errorf("the page lists %d entries, the line has %d", got, len(want.Entries))
		}
		if want.Next != "" && !strings.Contains(res.body, "line="+id+"&amp;year=2026") {
			t.Errorf("the next page's link forgets the line")
		}
		if bad := get(t, s, "/ledger?line=abc", c); bad.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(bad.body, `id="line-error"`) {
			t.Errorf("a line that is no number: %d", bad.StatusCode)
		}
	})
}

func sourceNameVI(src budget.FundingSource) string {
	return i18n.Text(i18n.VI, "web.plan.source."+string(src), nil)
}

// postScan sends a scan named name to the entry's upload form.
func postScan(t *testing.T, s *webtest.Server, path, name string, content []byte, c *http.Cookie) answer {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("kind", "payment_voucher")
	mw.WriteField("title", "Phiếu chi số 12")
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, s.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(c)
	res, err := s.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{Response: res, body: string(b)}
}

func TestEntry_FinanceAttachesTheVoucherScanAndReadersSeeIt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := financeServer(t, db)
		c := signIn(t, s, "finance.dienbien")
		p, err := s.Services.Budget.LedgerPage(context.Background(), financeDienBien,
			budget.LedgerFilter{Province: "11", Year: 2026, Kind: budget.Payment, Limit: 1})
		if err != nil || len(p.Entries) == 0 {
			t.Fatal(err)
		}
		path := "/ledger/" + strconv.FormatInt(p.Entries[0].ID, 10)
		if b := get(t, s, "/ledger?year=2026", c).body; !strings.Contains(b, `href="`+path+`"`) {
			t.Errorf("the ledger does not link its entries to their page")
		}
		page := get(t, s, path, c)
		if page.StatusCode != http.StatusOK || !strings.Contains(page.body, `enctype="multipart/form-data"`) {
			t.Fatalf("the entry's page: %d %s", page.StatusCode, page.body)
		}
		wrong := postScan(t, s, path+"/attachments", "phieu-chi.pdf", []byte("MZ not a scan"), c)
		if wrong.StatusCode != http.StatusUnsupportedMediaType || !strings.Contains(wrong.body, `id="file-error"`) {
			t.Errorf("a file that is no scan: %d %s", wrong.StatusCode, wrong.body)
		}
		big := append([]byte("%PDF-1.7\n"), make([]byte, attachments.MaxSize)...)
		if res := postScan(t, s, path+"/attachments", "lon.pdf", big, c); res.StatusCode != http.StatusRequestEntityTooLarge ||
			!strings.Contains(res.body, `id="file-error"`) {
			t.Errorf("a scan over %d bytes: %d", attachments.MaxSize, res.StatusCode)
		}
		scan := []byte("%PDF-1.7\n% phiếu chi\n%%EOF\n")
		res := postScan(t, s, path+"/attachments", "phieu-chi-12.pdf", scan, c)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the upload answered %d: %s", res.StatusCode, res.body)
		}
		done := get(t, s, res.Header.Get("Location"), c).body
		if !strings.Contains(done, "Đã đính kèm phieu-chi-12.pdf") || !strings.Contains(done, `href="/api/v1/attachments/`) {
			t.Fatalf("the page after the upload: %s", done)
		}
		approver := signIn(t, s, "approver.dienbien")
		seen := get(t, s, path, approver).body
		if !strings.Contains(seen, "phieu-chi-12.pdf") || strings.Contains(seen, `enctype="multipart/form-data"`) {
			t.Errorf("the approver should see the scan and no upload form")
		}
		if res := postScan(t, s, path+"/attachments", "x.pdf", scan, approver); res.StatusCode != http.StatusForbidden {
			t.Errorf("the approver's upload answered %d, want 403", res.StatusCode)
		}
		i := strings.Index(done, `href="/api/v1/attachments/`) + len(`href="`)
		link := done[i : i+strings.Index(done[i:], `"`)]
		if dl := get(t, s, link, c); dl.StatusCode != http.StatusOK || dl.body != string(scan) {
			t.Errorf("the download through the session: %d %q", dl.StatusCode, dl.body)
		}
	})
}
