package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"baove/access"
	"baove/admit"
	"baove/api"
	"baove/app"
	"baove/demo"
	"baove/metrics"
	"baove/web"
)

// serveFlags are the flags of serve beyond the database's.
type serveFlags struct {
	dbFlags
	addr, logLevel, logFormat, ministry string
	proxies, publicURL, tlsCert, tlsKey string
	metricsToken, metricsAddr           string
	tokenTTL, shutdown                  time.Duration
	hashes, turns                       int
	withDemo, secureCookies             bool
	mail                                mailFlags
	mailOn                              bool // the outbox's worker runs (--smtp-url)
}

func (f *serveFlags) register(fs *flag.FlagSet) {
	f.dbFlags.register(fs)
	fs.StringVar(&f.addr, "addr", ":8080", "address to listen on")
	fs.DurationVar(&f.tokenTTL, "token-ttl", access.DefaultTokenTTL, "how long a login token lasts")
	fs.StringVar(&f.ministry, "ministry", "Bộ Y tế", "the ministry in charge of children, as report headers name it")
	fs.BoolVar(&f.withDemo, "demo", false, "load the demonstration data first (public passwords: never on real data)")
	fs.StringVar(&f.logLevel, "log-level", "info", "debug, info, warn or error")
	fs.StringVar(&f.logFormat, "log-format", "text", "text or json")
	fs.DurationVar(&f.shutdown, "shutdown-timeout", 15*time.Second, "how long to let requests finish on SIGINT/SIGTERM")
	fs.IntVar(&f.hashes, "hash-concurrency", access.DefaultHashConcurrency,
		"password hashes computed at once (argon2id, 19 MiB each); more sign-ins wait up to 5s, then get 503")
	fs.IntVar(&f.turns, "max-active-reads", 0, "reads (GET, HEAD) worked on at once; more wait their turn in arrival "+
		"order, up to 10s, then get 503 (0: 3 per processor on SQLite, 4 per processor and at most 20 on PostgreSQL)")
	fs.StringVar(&f.proxies, "trusted-proxies", "",
		"comma-separated IPs or CIDR prefixes of reverse proxies whose X-Forwarded-For names the client")
	fs.BoolVar(&f.secureCookies, "secure-cookies", false,
		"send the pages' cookies over HTTPS only (behind a proxy that ends TLS; over TLS, or with an https --public-url, they are anyway)")
	fs.StringVar(&f.publicURL, "public-url", "",
		"the address users reach the service at (https://baove.example.gov.vn): the API's servers and links name it")
	fs.StringVar(&f.tlsCert, "tls-cert", "", "serve HTTPS with this certificate (PEM, with its chain); needs --tls-key")
	fs.StringVar(&f.tlsKey, "tls-key", "", "the private key of --tls-cert (PEM)")
	fs.StringVar(&f.metricsToken, "metrics-token", "",
		"serve Prometheus metrics at /metrics on --addr to callers sending Authorization: Bearer with this token")
	fs.StringVar(&f.metricsAddr, "metrics-addr", "",
		"serve Prometheus metrics at /metrics on this address of their own, without a token (e.g. 127.0.0.1:9090)")
}

// check refuses flags that do not go together.
func (f *serveFlags) check() error {
	if (f.tlsCert == "") != (f.tlsKey == "") {
		return errors.New("--tls-cert and --tls-key go together")
	}
	if f.turns < 0 {
		return fmt.Errorf("--max-active-reads: %d is not a positive number or 0", f.turns)
	}
	if f.hashes < 1 {
		return fmt.Errorf("--hash-concurrency: %d is not a positive number", f.hashes)
	}
	if f.publicURL != "" {
		u, err := api.ParsePublicURL(f.publicURL)
		if err != nil {
			return fmt.Errorf("--public-url: %w", err)
		}
		f.publicURL = u
	}
	return nil
}

func serve(ctx context.Context, args []string, p process) error {
	fs := newFlags("serve", p.stderr)
	var f serveFlags
	f.register(fs)
	f.mail.register(fs)
	if err := parse(fs, args, p.getenv); err != nil {
		return err
	}
	if err := f.check(); err != nil {
		return err
	}
	relay, err := f.mail.check()
	if err != nil {
		return err
	}
	trusted, err := api.ParseProxies(f.proxies)
	if err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	log, err := newLogger(p.stderr, f.logLevel, f.logFormat)
	if err != nil {
		return err
	}
	svc, err := f.services(ctx, p.stdout, app.Config{TokenTTL: f.tokenTTL, Ministry: f.ministry,
		SignIn: access.Limits{HashConcurrency: f.hashes}})
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	if err := f.prepare(ctx, svc, p); err != nil {
		return err
	}
	outbox := f.mail.worker(svc, relay, log, f.publicURL)
	opts := metrics.Options{DB: svc.DB.DB.DB, Version: version()}
	if outbox != nil { // without a worker the backlog would only grow: no gauge
		opts.Outbox, f.mailOn = svc.Notify, true
	}
	m := metrics.New(opts)
	listeners, err := f.listen(svc, log, m, trusted)
	if err != nil {
		return err
	}
	if len(listeners) > 1 {
		fmt.Fprintf(p.stdout, "metrics at %s%s\n", listeners[1].url(), api.MetricsPath)
	}
	fmt.Fprintf(p.stdout, "baove %s on %s: listening on %s (sign in there; API docs at /docs)\n",
		version(), svc.DB.Engine, listeners[0].url())
	workers, stop := context.WithCancel(ctx)
	defer startMail(workers, outbox, p.stdout)()
	defer newHousekeeping(svc, f.mailOn, log).start(workers)()
	defer stop() // first: a listener that fails stops the workers too
	return serveUntilDone(ctx, f.shutdown, log, listeners...)
}

// prepare loads the demonstration when asked, and the first administrator.
func (f *serveFlags) prepare(ctx context.Context, svc *app.Services, p process) error {
	if f.withDemo {
		if err := demo.Load(ctx, svc, p.stdout); err != nil {
			return err
		}
	}
	return ensureAdmin(ctx, svc.Access, p.getenv("BAOVE_ADMIN_PASSWORD"), p.stdout)
}

// listen opens the service's listener (the pages and the API) and, with
// --metrics-addr, the metrics' own.
func (f *serveFlags) listen(svc *app.Services, log *slog.Logger, m *metrics.Metrics, trusted []netip.Prefix) ([]listener, error) {
	gate := admit.New(app.ReadTurns(f.turns, svc.DB.Engine), admit.DefaultWait) // one for the pages and the API
	apiOpts := []api.Option{api.TrustProxies(trusted), api.WithMetrics(m), api.Admit(gate)}
	if f.publicURL != "" {
		apiOpts = append(apiOpts, api.PublicURL(f.publicURL))
	}
	if f.metricsToken != "" {
		apiOpts = append(apiOpts, api.ServeMetrics(m, f.metricsToken))
	}
	secure := f.secureCookies || strings.HasPrefix(f.publicURL, "https://")
	pages := []web.Option{web.API(api.New(svc, log, version(), apiOpts...)), web.TrustProxies(trusted),
		web.SecureCookies(secure), web.WithMetrics(m), web.MailOn(f.mailOn), web.Admit(gate)}
	if f.withDemo {
		pages = append(pages, web.WithDemo(demoAccounts()))
	}
	pagesLn, err := newListener(f.addr, web.New(svc, log, pages...), f.tlsCert, f.tlsKey)
	if err != nil || f.metricsAddr == "" {
		return []listener{pagesLn}, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET "+api.MetricsPath, m.Handler())
	own, err := newListener(f.metricsAddr, mux, "", "")
	if err != nil {
		pagesLn.ln.Close()
		return nil, err
	}
	return []listener{pagesLn, own}, nil
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

// listener is an open socket and what it serves, over TLS when cert is set.
type listener struct {
	ln        net.Listener
	h         http.Handler
	cert, key string
}

func newListener(addr string, h http.Handler, cert, key string) (listener, error) {
	ln, err := net.Listen("tcp", addr)
	return listener{ln: ln, h: h, cert: cert, key: key}, err
}

func (l listener) url() string {
	if l.cert != "" {
		return "https://" + l.ln.Addr().String()
	}
	return "http://" + l.ln.Addr().String()
}

// serveUntilDone serves every listener until ctx ends or one fails, then
// lets requests in flight finish within grace.
func serveUntilDone(ctx context.Context, grace time.Duration, log *slog.Logger, ls ...listener) error {
	errc := make(chan error, len(ls))
	servers := make([]*http.Server, len(ls))
	for i, l := range ls {
		servers[i] = &http.Server{
			Handler:           l.h,
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       2 * time.Minute,
			WriteTimeout:      5 * time.Minute,
			IdleTimeout:       2 * time.Minute,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		}
		go func() {
			if l.cert != "" {
				errc <- servers[i].ServeTLS(l.ln, l.cert, l.key)
			} else {
				errc <- servers[i].Serve(l.ln)
			}
		}()
	}
	var first error
	select {
	case first = <-errc:
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", grace.String())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	for _, hs := range servers {
		if err := hs.Shutdown(sctx); err != nil && first == nil {
			first = err
		}
	}
	if first != nil && !errors.Is(first, http.ErrServerClosed) {
		return first
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
