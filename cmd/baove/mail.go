package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/mail"
	"sync"

	"baove/app"
	"baove/notify"
)

// mailFlags are serve's flags for e-mail: the relay and the sender (links
// in e-mails start with --public-url).
type mailFlags struct {
	url, from *string
}

func (m *mailFlags) register(fs *flag.FlagSet) {
	m.url = fs.String("smtp-url", "",
		"send notifications by e-mail through this relay: smtp://[user:password@]host[:port] (STARTTLS when offered) or smtps://…")
	m.from = fs.String("smtp-from", "", "the e-mails' sender address (required with --smtp-url), e.g. baove@so-yte.gov.vn")
}

// check returns the relay --smtp-url names, or nil when it is not set.
// It fails on a bad URL or a missing or bad sender.
func (m *mailFlags) check() (*notify.SMTP, error) {
	if *m.url == "" {
		return nil, nil
	}
	relay, err := notify.ParseSMTP(*m.url)
	if err != nil {
		return nil, fmt.Errorf("--smtp-url: %w", err)
	}
	if a, err := mail.ParseAddress(*m.from); err != nil || a.Address != *m.from {
		return nil, errors.New("--smtp-from: give the sender's address (name@domain) with --smtp-url")
	}
	return relay, nil
}

// worker returns the outbox's worker sending through relay, its links
// under publicURL; nil when relay is.
func (m *mailFlags) worker(svc *app.Services, relay *notify.SMTP, log *slog.Logger, publicURL string) *notify.Worker {
	if relay == nil {
		return nil
	}
	return &notify.Worker{Store: svc.Notify, Sender: relay, Log: log.With("component", "outbox"),
		Envelope: notify.Envelope{From: *m.from, BaseURL: publicURL}}
}

// startMail starts w until ctx ends and returns the function that waits
// for it to settle the e-mail in hand; nothing when w is nil.
func startMail(ctx context.Context, w *notify.Worker, stdout io.Writer) func() {
	if w == nil {
		return func() {}
	}
	relay := w.Sender.(*notify.SMTP)
	fmt.Fprintf(stdout, "e-mail: notifications are sent through %s as %s\n", relay.Addr, w.From)
	var wg sync.WaitGroup
	wg.Go(func() { w.Run(ctx) })
	return wg.Wait
}
