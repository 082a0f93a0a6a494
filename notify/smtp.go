package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/url"
	"time"
)

// Sender sends one e-mail.
type Sender interface {
	// Send delivers msg to the relay for to; it fails when the relay did
	// not accept it.
	Send(ctx context.Context, from, to string, msg []byte) error
}

// SMTP sends e-mail through a relay, with the standard library's net/smtp.
type SMTP struct {
	Addr     string // host:port
	Host     string // the name its TLS certificate carries
	Implicit bool   // smtps://: TLS from the first byte; else STARTTLS when the relay offers it
	Auth     smtp.Auth
	Timeout  time.Duration // bounds each e-mail's dialogue (DefaultTimeout when zero)
	// TLS is the TLS configuration; nil verifies the relay's certificate
	// for Host.
	TLS *tls.Config
}

// DefaultTimeout bounds the dialogue with the relay for one e-mail.
const DefaultTimeout = 30 * time.Second

// ParseSMTP reads the relay's URL: smtp://[user:password@]host[:port]
// (port 25 by default; STARTTLS when offered, required with a password)
// or smtps://[user:password@]host[:port] (port 465, TLS at once). It fails
// on another scheme, a missing host, or anything else in the URL.
func ParseSMTP(raw string) (*SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("smtp url: %w", err)
	}
	s := &SMTP{Host: u.Hostname()}
	port := "25"
	switch u.Scheme {
	case "smtp":
	case "smtps":
		s.Implicit, port = true, "465"
	default:
		return nil, fmt.Errorf("smtp url: scheme %q: use smtp:// or smtps://", u.Scheme)
	}
	if s.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, errors.New("smtp url: give smtp[s]://[user:password@]host[:port] and nothing else")
	}
	if u.Port() != "" {
		port = u.Port()
	}
	s.Addr = net.JoinHostPort(s.Host, port)
	if u.User != nil {
		pw, _ := u.User.Password()
		s.Auth = smtp.PlainAuth("", u.User.Username(), pw, s.Host)
	}
	return s, nil
}

// Send implements Sender: one connection per e-mail, within Timeout and
// ctx. net/smtp's PLAIN authentication refuses to send a password over an
// unencrypted connection except to localhost.
func (s *SMTP) Send(ctx context.Context, from, to string, msg []byte) error {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	conn, err := s.dial(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if d, ok := ctx.Deadline(); ok {
		conn.SetDeadline(d)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	return s.dialogue(conn, from, to, msg)
}

func (s *SMTP) dial(ctx context.Context) (net.Conn, error) {
	var d net.Dialer
	if s.Implicit {
		td := tls.Dialer{NetDialer: &d, Config: s.tlsConfig()}
		return td.DialContext(ctx, "tcp", s.Addr)
	}
	return d.DialContext(ctx, "tcp", s.Addr)
}

func (s *SMTP) tlsConfig() *tls.Config {
	if s.TLS != nil {
		return s.TLS
	}
	return &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
}

// dialogue sends msg over conn: greeting, STARTTLS when offered, login,
// envelope, data, quit.
func (s *SMTP) dialogue(conn net.Conn, from, to string, msg []byte) error {
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		return fmt.Errorf("smtp: greeting: %w", err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok && !s.Implicit {
		if err := c.StartTLS(s.tlsConfig()); err != nil {
			return fmt.Errorf("smtp: starttls: %w", err)
		}
	}
	if s.Auth != nil {
		if err := c.Auth(s.Auth); err != nil {
			return fmt.Errorf("smtp: auth: %w", err)
		}
	}
	if err := c.Mail(from); err != nil {
		return fmt.Errorf("smtp: mail from: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return fmt.Errorf("smtp: rcpt to: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp: data: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("smtp: data: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp: data not accepted: %w", err)
	}
	c.Quit() // the relay accepted the e-mail: a failed QUIT changes nothing
	return nil
}
