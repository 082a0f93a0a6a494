package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"baove/app"
	"baove/reminders"
)

// housekeepingEvery is how often serve looks whether today's reminders
// were sent and, without e-mail, gives up the outbox's old e-mails.
const housekeepingEvery = time.Hour

// housekeeping is serve's background work besides the outbox's worker:
// the daily reporting reminders and, when the service sends no e-mail,
// the expiry of e-mails nobody will send (the worker expires them
// otherwise).
type housekeeping struct {
	daily  reminders.Daily
	expire func(context.Context) (int64, error) // nil when e-mail is on
	log    *slog.Logger
}

// newHousekeeping returns serve's housekeeping over svc; mailOn says the
// outbox's worker runs.
func newHousekeeping(svc *app.Services, mailOn bool, log *slog.Logger) *housekeeping {
	h := &housekeeping{log: log.With("component", "housekeeping"), daily: reminders.Daily{Sweep: reminders.Sweep{
		DB: svc.DB, Units: svc.Units, Indicators: svc.Indicators, Clock: svc.Clock}}}
	if !mailOn {
		h.expire = svc.Notify.Expire
	}
	return h
}

// tick does what is due now, logging what fails (tried again next tick).
func (h *housekeeping) tick(ctx context.Context) {
	if swept, err := h.daily.Tick(ctx); err != nil && ctx.Err() == nil {
		h.log.Error("reporting reminders", "error", err.Error())
	} else if swept {
		h.log.Info("reporting reminders sent", "day", h.daily.Sweep.Clock.Today().String())
	}
	if h.expire == nil {
		return
	}
	if n, err := h.expire(ctx); err != nil && ctx.Err() == nil {
		h.log.Error("outbox expiry", "error", err.Error())
	} else if n > 0 {
		h.log.Info("e-mails given up unsent (e-mail is off)", "count", n)
	}
}

// start ticks at once and then every housekeepingEvery until ctx ends, and
// returns the function that waits for the tick in hand to end.
func (h *housekeeping) start(ctx context.Context) func() {
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(housekeepingEvery)
		defer t.Stop()
		for {
			h.tick(ctx)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	})
	return wg.Wait
}
