package notify_test

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"testing"
	"time"

	"baove/database"
	"baove/database/dbtest"
	"baove/i18n"
	"baove/notify"
	"baove/notify/notifytest"
)

// queue records n plan submissions of Hà Nội, now, for its approver, who
// gave an address: n e-mails in the outbox.
func queue(t *testing.T, db *database.DB, n int) {
	t.Helper()
	p := addPeople(t, db)
	if err := notify.NewStore(db, dbtest.Clock).SetAddress(ctx, p["approver.hanoi"], "lanh.dao@hanoi.gov.vn"); err != nil {
		t.Fatal(err)
	}
	for v := 1; v <= n; v++ {
		record(t, db, notify.Event{Kind: notify.PlanSubmitted, Province: "01", At: time.Now(), Link: "/plans/1",
			Args: i18n.Args{"year": 2026, "version": v}})
	}
}

func worker(t *testing.T, db *database.DB, r *notifytest.Relay) *notify.Worker {
	t.Helper()
	sender, err := notify.ParseSMTP(r.URL())
	if err != nil {
		t.Fatal(err)
	}
	return &notify.Worker{Store: notify.NewStore(db, dbtest.Clock), Sender: sender, Batch: 10, Poll: 20 * time.Millisecond,
		Envelope: notify.Envelope{From: "baove@tinh.gov.vn", BaseURL: "https://baove.example.vn"}}
}

func backlog(t *testing.T, db *database.DB) int64 {
	t.Helper()
	n, err := notify.NewStore(db, dbtest.Clock).Backlog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWorker_DeliversEachEmailOnceAcrossARestartMidBatch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		queue(t, db, 5)
		r := notifytest.StartRelay(t)
		first, stop := context.WithCancel(ctx)
		r.Accepted = func(n int) {
			if n == 2 {
				stop() // the instance stops while its batch of 5 is half sent
			}
		}
		if _, err := worker(t, db, r).RunOnce(first); err == nil {
			t.Fatal("the stopped worker says it finished its batch")
		}
		if total, _ := r.Counts(); total != 2 {
			t.Fatalf("the first worker sent %d e-mails, want 2", total)
		}
		if n := backlog(t, db); n != 3 {
			t.Fatalf("backlog after the stop = %d, want 3 (the e-mail in hand was marked sent)", n)
		}
		r.Accepted = nil
		if _, err := worker(t, db, r).RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		if total, most := r.Counts(); total != 5 || most != 1 {
			t.Errorf("delivered %d e-mails, one of them %d times; want 5, each once", total, most)
		}
		if n := backlog(t, db); n != 0 {
			t.Errorf("backlog = %d, want 0", n)
		}
	})
}

func TestWorker_SendsWhatADeadInstanceClaimedOnceItsLeaseRunsOut(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		queue(t, db, 3)
		r := notifytest.StartRelay(t)
		now := time.Now()
		dead := notify.Lease{Owner: "dead", Until: now.Add(time.Minute)}
		if m, err := notify.NewStore(db, dbtest.Clock).Claim(ctx, dead, now, 10); err != nil || len(m) != 3 {
			t.Fatalf("claim = %d, %v", len(m), err) // and the instance died before sending
		}
		w := worker(t, db, r)
		if n, err := w.RunOnce(ctx); err != nil || n != 0 {
			t.Fatalf("claimed %d, %v while the dead instance's lease holds; want 0", n, err)
		}
		w.Now = func() time.Time { return time.Now().Add(2 * time.Minute) }
		if n, err := w.RunOnce(ctx); err != nil || n != 3 {
			t.Fatalf("claimed %d, %v after the lease ran out; want 3", n, err)
		}
		if total, most := r.Counts(); total != 3 || most != 1 {
			t.Errorf("delivered %d, one %d times; want 3, each once", total, most)
		}
		held, err := notify.NewStore(db, dbtest.Clock).Sent(ctx, dead, 1, now)
		if err != nil || held {
			t.Errorf("the dead instance's late mark = %v, %v; want its lease gone", held, err)
		}
	})
}

func TestWorker_RetriesARefusedEmailAfterItsBackoff(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		queue(t, db, 1)
		r := notifytest.StartRelay(t)
		r.Refuse = func(n int) bool { return n == 1 }
		w := worker(t, db, r)
		if _, err := w.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		if total, _ := r.Counts(); total != 0 || backlog(t, db) != 1 {
			t.Fatalf("refused e-mail: delivered %d, backlog %d; want 0 and 1", total, backlog(t, db))
		}
		if n, _ := w.RunOnce(ctx); n != 0 {
			t.Fatalf("retried at once; want after %s", notify.Retry(1))
		}
		w.Now = func() time.Time { return time.Now().Add(notify.Retry(1) + time.Second) }
		if n, err := w.RunOnce(ctx); err != nil || n != 1 {
			t.Fatalf("retry claimed %d, %v", n, err)
		}
		if total, _ := r.Counts(); total != 1 || backlog(t, db) != 0 {
			t.Errorf("after the retry: delivered %d, backlog %d; want 1 and 0", total, backlog(t, db))
		}
	})
}

func TestRetry_DoublesUpToAnHour(t *testing.T) {
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute,
		16 * time.Minute, 32 * time.Minute, time.Hour, time.Hour, time.Hour}
	for i, w := range want {
		if got := notify.Retry(i + 1); got != w {
			t.Errorf("Retry(%d) = %s, want %s", i+1, got, w)
		}
	}
}

// TestWorker_TwoInstancesOnOnePostgreSQLSendEachEmailOnce runs two workers,
// each with its own connection pool as two instances would have, on one
// database.
func TestWorker_TwoInstancesOnOnePostgreSQLSendEachEmailOnce(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.Postgres)
	const total = 60
	queue(t, db, total)
	other := secondPool(t, db)
	r := notifytest.StartRelay(t)
	run, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for i, pool := range []*database.DB{db, other} {
		w := worker(t, pool, r)
		w.Batch, w.Owner = 4, fmt.Sprintf("instance-%d", i+1)
		wg.Go(func() { w.Run(run) })
	}
	deadline := time.Now().Add(60 * time.Second)
	for backlog(t, db) > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	wg.Wait()
	if n, most := r.Counts(); n != total || most != 1 {
		t.Errorf("delivered %d e-mails, one of them %d times; want %d, each once", n, most, total)
	}
}

// secondPool opens another connection pool on db's PostgreSQL database.
func secondPool(t *testing.T, db *database.DB) *database.DB {
	t.Helper()
	var name string
	if err := db.NewRaw("SELECT current_database()").Scan(ctx, &name); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(envURL(t))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	other, err := database.Open(ctx, u.String(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}
