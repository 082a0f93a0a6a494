package database_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"baove/database"
	"baove/database/dbtest"
)

func TestUnavailable_AClosedPoolIsUnavailable(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		db.Close()
		var n int
		err := db.NewRaw("SELECT 1").Scan(context.Background(), &n)
		if !database.IsUnavailable(err) {
			t.Errorf("read on a closed pool: %v, want unavailable", err)
		}
		err = db.RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error { return nil })
		if u, ok := database.Unavailable(err); !ok || u.Busy || u.RetryAfter <= 0 {
			t.Errorf("write on a closed pool: %v, want unreachable with a retry time", err)
		}
	})
}

func TestUnavailable_AServerThatStopsAnsweringIsUnavailable(t *testing.T) {
	admin := os.Getenv(dbtest.EnvURL)
	if admin == "" {
		t.Skipf("PostgreSQL: %s is not set", dbtest.EnvURL)
	}
	u, _ := url.Parse(admin)
	p := startProxy(t, u.Host)
	u.Host = p.addr()
	ctx := context.Background()
	db, err := database.Open(ctx, u.String(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	p.stop() // the server is gone: open connections break, new ones are refused
	for range 3 {
		if err := db.Ready(ctx); !database.IsUnavailable(err) {
			t.Fatalf("read with the server gone: %v, want unavailable", err)
		}
	}
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { return nil })
	if _, ok := err.(*database.UnavailableError); !ok {
		t.Fatalf("write with the server gone: %T %v, want *UnavailableError", err, err)
	}
}

func TestUnavailable_ADeadlineWhileWaitingIsBusy(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	if u, ok := database.Unavailable(ctx.Err()); !ok || !u.Busy {
		t.Fatalf("deadline: %v, want busy", ctx.Err())
	}
	for _, err := range []error{nil, errors.New("some bug"), io.EOF} {
		if database.IsUnavailable(err) {
			t.Errorf("%v taken for an unavailable database", err)
		}
	}
}

// proxy forwards TCP connections to a server until stopped.
type proxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func startProxy(t *testing.T, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go io.Copy(c, s)
			go io.Copy(s, c)
		}
	}()
	t.Cleanup(p.stop)
	return p
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) stop() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}
