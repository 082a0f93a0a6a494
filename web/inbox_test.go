package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"baove/database/dbtest"
	"baove/i18n"
	"baove/notify"
	"baove/web/webtest"
)

var openAction = regexp.MustCompile(`action="/inbox/(\d+)/open"`)

// tellApprovers records a submission of Hà Nội's plan for its approver,
// about link ("" for none).
func tellApprovers(t *testing.T, s *webtest.Server, version int, link string) {
	t.Helper()
	err := s.Services.DB.RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error {
		return notify.Record(ctx, tx, notify.Event{Kind: notify.PlanSubmitted, Province: "01", Link: link,
			Args: i18n.Args{"year": 2026, "version": version}, At: dbtest.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestInbox_ShowsTheUnreadCountAndOpeningMarksRead(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		tellApprovers(t, s, 1, "/plans/7")
		tellApprovers(t, s, 2, "")
		c := signIn(t, s, "approver.hanoi")
		if home := get(t, s, "/", c).body; !strings.Contains(home, `aria-label="Thông báo chưa đọc: 2">2</span>`) {
			t.Errorf("the header does not show 2 unread:\n%s", home)
		}
		page := get(t, s, "/inbox", c).body
		for _, want := range []string{"Thành phố Hà Nội: kế hoạch năm 2026 (phiên bản 2) đã được trình, chờ ban hành.",
			"phiên bản 1", "2 chưa đọc", "Đánh dấu đã đọc", ">Mở<"} {
			if !strings.Contains(page, want) {
				t.Errorf("the inbox lacks %q", want)
			}
		}
		ids := openAction.FindAllStringSubmatch(page, -1)
		if len(ids) != 2 {
			t.Fatalf("the inbox has %d open buttons, want 2", len(ids))
		}
		newest, oldest := ids[0][1], ids[1][1]
		other := signIn(t, s, "approver.dienbien")
		if res := post(t, s, "/inbox/"+oldest+"/open", nil, other); res.StatusCode != http.StatusNotFound {
			t.Errorf("another province's approver opened it: %d", res.StatusCode)
		}
		if res := post(t, s, "/inbox/"+oldest+"/open", nil, c); res.StatusCode != http.StatusSeeOther ||
			res.Header.Get("Location") != "/review/7" {
			t.Errorf("opening the submitted plan: %d to %q, want 303 to its review, /review/7", res.StatusCode, res.Header.Get("Location"))
		}
		if res := post(t, s, "/inbox/"+newest+"/open", nil, c); res.Header.Get("Location") != "/inbox" {
			t.Errorf("opening the one without a page: to %q, want back to /inbox", res.Header.Get("Location"))
		}
		if home := get(t, s, "/", c).body; strings.Contains(home, `class="badge"`) {
			t.Errorf("the header still counts unread notifications")
		}
	})
}

func TestInbox_SetsTheEmailAddressOnTheField(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		c := signIn(t, s, "planner.hanoi")
		res := post(t, s, "/inbox/address", url.Values{"email": {"không phải địa chỉ"}}, c)
		if res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, `id="email-error">không phải một địa chỉ thư điện tử`) {
			t.Errorf("a bad address: %d %s", res.StatusCode, res.body)
		}
		res = post(t, s, "/inbox/address", url.Values{"email": {"ke.hoach@hanoi.gov.vn"}}, c)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/inbox?saved=1" {
			t.Fatalf("a good address: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		page := get(t, s, "/inbox?saved=1", c).body
		if !strings.Contains(page, "Đã lưu địa chỉ thư điện tử.") ||
			!strings.Contains(page, `value="ke.hoach@hanoi.gov.vn"`) {
			t.Errorf("the page does not show the saved address")
		}
	})
}
