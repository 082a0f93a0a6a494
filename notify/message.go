package notify

import (
	"bytes"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"strings"
	"time"

	"baove/i18n"
)

// Users have no language of their own: an e-mail says its notification in
// Vietnamese, then in English, from the catalogue.

// maxSubject is the longest subject written, in characters.
const maxSubject = 120

// Subject returns the e-mail's subject: the notification in Vietnamese,
// cut to maxSubject characters.
func (m Mail) Subject() string {
	s := []rune(strings.Join(strings.Fields(m.Text(i18n.VI)), " "))
	if len(s) > maxSubject {
		s = append(s[:maxSubject-1], '…')
	}
	return "[baove] " + string(s)
}

// Body returns the e-mail's text: the notification in Vietnamese and in
// English, each with the link to its page when base (the service's public
// URL, e.g. "https://baove.example.gov.vn") is set.
func (m Mail) Body(base string) string {
	var b strings.Builder
	for i, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		if i > 0 {
			b.WriteString("\n—\n\n")
		}
		b.WriteString(m.Text(lang) + "\n")
		if base != "" && m.Link != "" {
			b.WriteString(i18n.Text(lang, "notify.mail.open", i18n.Args{"url": strings.TrimRight(base, "/") + m.Link}) + "\n")
		} else if base != "" {
			b.WriteString(i18n.Text(lang, "notify.mail.inbox", i18n.Args{"url": strings.TrimRight(base, "/") + "/inbox"}) + "\n")
		}
		b.WriteString("\n" + i18n.Text(lang, "notify.mail.why", nil) + "\n")
	}
	return b.String()
}

// Envelope is who sends an e-mail and where its links point.
type Envelope struct {
	From    string // the sender's address
	BaseURL string // the service's public URL; links are left out without it
}

// Message returns the e-mail m as sent (RFC 5322, UTF-8 text quoted-
// printable), from env.From, dated date. Its Message-ID is the one fixed
// in the outbox, the same on every attempt.
func (m Mail) Message(env Envelope, date time.Time) []byte {
	var b bytes.Buffer
	h := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	h("From", env.From)
	h("To", m.To)
	h("Subject", mime.QEncoding.Encode("utf-8", m.Subject()))
	h("Date", date.Format(time.RFC1123Z))
	h("Message-ID", m.MessageID)
	h("Auto-Submitted", "auto-generated")
	h("MIME-Version", "1.0")
	h("Content-Type", "text/plain; charset=utf-8")
	h("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	w := quotedprintable.NewWriter(&b)
	w.Write([]byte(strings.ReplaceAll(m.Body(env.BaseURL), "\n", "\r\n")))
	w.Close()
	return b.Bytes()
}
