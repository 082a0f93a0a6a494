package notify_test

import (
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"

	"baove/i18n"
	"baove/notify"
)

func TestMessage_SaysItInVietnameseThenEnglishWithTheLink(t *testing.T) {
	m := notify.Mail{To: "lanh.dao@hanoi.gov.vn", MessageID: "<notify-7.ab@baove>", Notification: notify.Notification{
		Kind: notify.PlanReturned, Link: "/plans/7",
		Args: i18n.Args{"province": "Thành phố Hà Nội", "year": 2026, "version": 2, "reason": "Thiếu chỉ tiêu"}}}
	raw := m.Message(notify.Envelope{From: "baove@hanoi.gov.vn", BaseURL: "https://baove.example.vn/"}, time.Now())
	msg, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	want := "[baove] Thành phố Hà Nội: kế hoạch năm 2026 (phiên bản 2) bị trả lại. Lý do: Thiếu chỉ tiêu"
	if err != nil || subject != want {
		t.Errorf("subject = %q, %v", subject, err)
	}
	if got := msg.Header.Get("Message-ID"); got != m.MessageID {
		t.Errorf("Message-ID = %q, want the outbox's %q", got, m.MessageID)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	text := string(body)
	vi := strings.Index(text, "bị trả lại. Lý do: Thiếu chỉ tiêu")
	en := strings.Index(text, "was returned. Reason: Thiếu chỉ tiêu")
	if vi < 0 || en < vi {
		t.Errorf("body does not say it in Vietnamese, then English:\n%s", text)
	}
	if !strings.Contains(text, "Xem tại: https://baove.example.vn/plans/7") ||
		!strings.Contains(text, "Open: https://baove.example.vn/plans/7") {
		t.Errorf("body lacks the link:\n%s", text)
	}
}

func TestParseSMTP_TakesTheRelaysURL(t *testing.T) {
	for raw, addr := range map[string]string{"smtp://relay.tinh.gov.vn": "relay.tinh.gov.vn:25",
		"smtps://u:p@relay.tinh.gov.vn": "relay.tinh.gov.vn:465", "smtp://u:p@10.0.0.5:587": "10.0.0.5:587"} {
		s, err := notify.ParseSMTP(raw)
		if err != nil || s.Addr != addr {
			t.Errorf("ParseSMTP(%q) = %+v, %v; want %s", raw, s, err, addr)
		}
	}
	for _, bad := range []string{"http://relay", "smtp://", "smtp://relay/x", "smtp://relay?from=a"} {
		if _, err := notify.ParseSMTP(bad); err == nil {
			t.Errorf("ParseSMTP(%q) accepted", bad)
		}
	}
}
