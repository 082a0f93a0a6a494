package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/mail"
	"net/url"
	"sync"

	"baove/app"
	"baove/notify"
)

// mailFlags are serve's flags for e-mail: the relay, the sender and the
// public URL links in e-mails start with.
type mailFlags struct {
	url, from, publicURL *string
}

func (m *mailFlags) register(fs *flag.FlagSet) {
	m.url = fs.String("smtp-url", "",
		"send notifications by e-mail through this relay: smtp://[user:password@]host[:port] (STARTTLS when offered) or smtps://…")
	m.from = fs.String("smtp-from", "", "the e-mails' sender address (required with --smtp-url), e.g. baove@so-yte.gov.vn")
	m.publicURL = fs.String("public-url", "",
		"the service's address as people open it (links in e-mails), e.g. https://baove.example.gov.vn")
}

// check returns the relay --smtp-url names, or nil when it is not set.
// It fails on a bad URL, a missing or bad sender, or a bad public URL.
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
	if *m.publicURL != "" {
		if u, err := url.Parse(*m.publicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("--public-url: %q is not an http(s) URL", *m.publicURL)
		}
	}
	return relay, nil
}

// worker returns the outbox's worker sending through relay; nil when
// relay is.
func (m *mailFlags) worker(svc *app.Services, relay *notify.SMTP, log *slog.Logger) *notify.Worker {
	if relay == nil {
		return nil
	}
	return &notify.Worker{Store: svc.Notify, Sender: relay, Log: log.With("component", "outbox"),
		Envelope: notify.Envelope{From: *m.from, BaseURL: *m.publicURL}}
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
