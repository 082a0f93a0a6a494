package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"baove/access"
	"baove/api"
	"baove/app"
	"baove/demo"
	"baove/web"
)

func serve(ctx context.Context, args []string, p process) error {
	fs := newFlags("serve", p.stderr)
	var dbf dbFlags
	dbf.register(fs)
	addr := fs.String("addr", ":8080", "address to listen on")
	tokenTTL := fs.Duration("token-ttl", access.DefaultTokenTTL, "how long a login token lasts")
	ministry := fs.String("ministry", "Bộ Y tế", "the ministry in charge of children, as report headers name it")
	withDemo := fs.Bool("demo", false, "load the demonstration data first (public passwords: never on real data)")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	logFormat := fs.String("log-format", "text", "text or json")
	shutdown := fs.Duration("shutdown-timeout", 15*time.Second, "how long to let requests finish on SIGINT/SIGTERM")
	hashes := fs.Int("hash-concurrency", access.DefaultHashConcurrency,
		"password hashes computed at once (argon2id, 19 MiB each); more sign-ins wait up to 5s, then get 503")
	proxies := fs.String("trusted-proxies", "",
		"comma-separated IPs or CIDR prefixes of reverse proxies whose X-Forwarded-For names the client")
	secureCookies := fs.Bool("secure-cookies", false,
		"send the pages' cookies over HTTPS only (behind a proxy that ends TLS; over TLS they are anyway)")
	var mf mailFlags
	mf.register(fs)
	if err := parse(fs, args, p.getenv); err != nil {
		return err
	}
	trusted, err := api.ParseProxies(*proxies)
	if err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	if *hashes < 1 {
		return fmt.Errorf("--hash-concurrency: %d is not a positive number", *hashes)
	}
	relay, err := mf.check()
	if err != nil {
		return err
	}
	log, err := newLogger(p.stderr, *logLevel, *logFormat)
	if err != nil {
		return err
	}
	svc, err := dbf.services(ctx, p.stdout, app.Config{TokenTTL: *tokenTTL, Ministry: *ministry,
		SignIn: access.Limits{HashConcurrency: *hashes}})
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	outbox := mf.worker(svc, relay, log)
	if *withDemo {
		if err := demo.Load(ctx, svc, p.stdout); err != nil {
			return err
		}
	}
	if err := ensureAdmin(ctx, svc.Access, p.getenv("BAOVE_ADMIN_PASSWORD"), p.stdout); err != nil {
		return err
	}

	pages := []web.Option{web.API(api.New(svc, log, version(), api.TrustProxies(trusted))), web.TrustProxies(trusted),
		web.SecureCookies(*secureCookies), web.MailOn(outbox != nil)}
	if *withDemo {
		pages = append(pages, web.WithDemo(demoAccounts()))
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(p.stdout, "baove %s on %s: listening on http://%s (sign in there; API docs at /docs)\n",
		version(), svc.DB.Engine, ln.Addr())
	defer startMail(ctx, outbox, p.stdout)()
	return serveUntilDone(ctx, ln, web.New(svc, log, pages...), *shutdown, log)
}

// demoAccounts lists the demonstration's accounts for the sign-in page.
func demoAccounts() web.Demo {
	d := web.Demo{Password: demo.Password}
	for _, u := range demo.Users {
		d.Users = append(d.Users, web.DemoUser{Username: u.Username, Role: u.Role, Province: u.Province})
	}
	return d
}

// ensureAdmin creates the first administrator when there are no users: with
// BAOVE_ADMIN_PASSWORD, or with a generated password printed this once.
func ensureAdmin(ctx context.Context, s *access.Store, password string, stdout io.Writer) error {
	generated := password == ""
	if generated {
		b := make([]byte, 15)
		if _, err := rand.Read(b); err != nil {
			return err
		}
		password = base64.RawURLEncoding.EncodeToString(b)
	}
	created, err := s.EnsureAdmin(ctx, password)
	if err != nil || !created {
		return err
	}
	if generated {
		fmt.Fprintf(stdout, "created the administrator \"admin\" with the password %s\n"+
			"  (shown only now; change it with PUT /api/v1/me/password or `baove user passwd admin`)\n", password)
	} else {
		fmt.Fprintln(stdout, `created the administrator "admin" with the password in BAOVE_ADMIN_PASSWORD`)
	}
	return nil
}

// serveUntilDone serves until ctx ends, then lets requests in flight finish
// within grace.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler, grace time.Duration, log *slog.Logger) error {
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", grace.String())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format: %q is neither text nor json", format)
}
