package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"os"
	"time"
)

// Worker sends the outbox's e-mails: it claims a batch for a lease, sends
// each, and marks each sent or failed by its lease. Several workers (one
// per instance) share one outbox: each e-mail is claimed by one of them at
// a time.
//
// Delivery is exactly once except in one case: when the relay accepted an
// e-mail and the instance died (or lost the database) before it marked it
// sent, the lease runs out and another worker sends it again, with the
// same Message-ID, by which the reader's mail system can tell it is the
// same message. A worker that is stopped (its context ends) finishes the
// e-mail in hand, marks it, and hands the rest of its batch back.
type Worker struct {
	Store  *Store
	Sender Sender
	Envelope
	// Batch is how many e-mails one claim takes (10 when zero).
	Batch int
	// Timeout bounds the sending of one e-mail; the lease is taken for a
	// batch's worth of them and a minute more (DefaultTimeout when zero).
	Timeout time.Duration
	// Poll is the wait between claims when the outbox is empty (10s when
	// zero).
	Poll time.Duration
	// Now tells the time (time.Now when nil): leases and retries are in
	// it, so instances' clocks must agree within a lease.
	Now func() time.Time
	Log *slog.Logger
	// Owner names the worker in the leases it takes (a random name when
	// empty).
	Owner string
}

func (w *Worker) defaults() {
	if w.Batch <= 0 {
		w.Batch = 10
	}
	if w.Timeout <= 0 {
		w.Timeout = DefaultTimeout
	}
	if w.Poll <= 0 {
		w.Poll = 10 * time.Second
	}
	if w.Now == nil {
		w.Now = time.Now
	}
	if w.Log == nil {
		w.Log = slog.New(slog.DiscardHandler)
	}
	if w.Owner == "" {
		host, _ := os.Hostname()
		b := make([]byte, 6)
		rand.Read(b)
		w.Owner = host + "/" + hex.EncodeToString(b)
	}
}

// Run sends e-mails until ctx ends, then returns nil. Database errors are
// logged and the claim tried again after Poll.
func (w *Worker) Run(ctx context.Context) error {
	w.defaults()
	for {
		n, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.Log.Error("outbox", "error", err.Error())
		}
		if n == w.Batch && err == nil {
			continue // more may be due
		}
		t := time.NewTimer(w.Poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// RunOnce claims one batch and settles it; it returns how many e-mails it
// claimed. When ctx ends half-way it hands back the e-mails it has not
// begun and returns ctx's error.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	w.defaults()
	if ctx.Err() != nil {
		return 0, ctx.Err()
	}
	now := w.Now()
	l := Lease{Owner: w.Owner, Until: now.Add(time.Duration(w.Batch)*w.Timeout + time.Minute)}
	batch, err := w.Store.Claim(ctx, l, now, w.Batch)
	if err != nil {
		return 0, err
	}
	for i, m := range batch {
		if ctx.Err() != nil || !w.Now().Add(w.Timeout).Before(l.Until) {
			return len(batch), errors.Join(ctx.Err(), w.release(ctx, l, batch[i:]))
		}
		if err := w.send(ctx, l, m); err != nil {
			return len(batch), errors.Join(err, w.release(ctx, l, batch[i+1:]))
		}
	}
	return len(batch), nil
}

// send sends m and marks it sent or failed. It runs to its end even when
// ctx ends: the e-mail in hand is settled, so that stopping never sends
// one twice. It fails only when the database does.
func (w *Worker) send(ctx context.Context, l Lease, m Mail) error {
	ctx = context.WithoutCancel(ctx)
	sendErr := w.Sender.Send(ctx, w.From, m.To, m.Message(w.Envelope, w.Now()))
	var held bool
	var err error
	if sendErr == nil {
		held, err = w.Store.Sent(ctx, l, m.ID, w.Now())
	} else {
		w.Log.Warn("e-mail not sent", "outbox_id", m.ID, "attempt", m.Attempts, "error", sendErr.Error())
		held, err = w.Store.Failed(ctx, l, m, sendErr, w.Now())
	}
	if err == nil && !held {
		w.Log.Warn("e-mail lease lost before it was settled: another worker may send it again",
			"outbox_id", m.ID, "message_id", m.MessageID)
	}
	return err
}

// release hands batch back unattempted.
func (w *Worker) release(ctx context.Context, l Lease, batch []Mail) error {
	ctx = context.WithoutCancel(ctx)
	var errs []error
	for _, m := range batch {
		if _, err := w.Store.Release(ctx, l, m.ID); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
