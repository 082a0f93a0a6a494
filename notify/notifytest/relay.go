package notifytest

import (
	"bufio"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
)

// Relay is a tiny SMTP server on 127.0.0.1 for tests: it accepts every
// e-mail (unless Refuse says otherwise) and counts them by Message-ID.
type Relay struct {
	ln net.Listener
	mu sync.Mutex
	// got counts the e-mails accepted per Message-ID.
	got map[string]int
	// order lists the Message-IDs as they were accepted.
	order []string
	// Accepted, when set, is called after each e-mail is accepted, with how
	// many were. Set it before the first e-mail.
	Accepted func(n int)
	// Refuse, when set, refuses RCPT TO for the n-th recipient (from 1)
	// when it returns true. Set it before the first e-mail.
	Refuse func(n int) bool
	rcpts  int
	bodies []string
}

// StartRelay starts a relay, stopped when the test ends.
func StartRelay(t testing.TB) *Relay {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &Relay{ln: ln, got: map[string]int{}}
	go r.serve()
	t.Cleanup(func() { ln.Close() })
	return r
}

// URL is the relay's URL for notify.ParseSMTP.
func (r *Relay) URL() string { return "smtp://" + r.ln.Addr().String() }

func (r *Relay) serve() {
	for {
		c, err := r.ln.Accept()
		if err != nil {
			return
		}
		go r.session(c)
	}
}

// session holds one SMTP dialogue: EHLO, MAIL, RCPT, DATA, QUIT.
func (r *Relay) session(c net.Conn) {
	defer c.Close()
	in, out := bufio.NewReader(c), bufio.NewWriter(c)
	say := func(s string) { out.WriteString(s + "\r\n"); out.Flush() }
	say("220 relay.test ESMTP")
	for {
		line, err := in.ReadString('\n')
		if err != nil {
			return
		}
		verb := strings.ToUpper(strings.Fields(line + " x")[0])
		switch verb {
		case "EHLO":
			say("250-relay.test")
			say("250 8BITMIME")
		case "RCPT":
			if r.refused() {
				say("450 mailbox busy, try later")
			} else {
				say("250 OK")
			}
		case "DATA":
			say("354 go ahead")
			if !r.data(in) {
				return
			}
			say("250 OK queued")
			r.done()
		case "QUIT":
			say("221 bye")
			return
		default: // HELO, MAIL, RSET, NOOP
			say("250 OK")
		}
	}
}

func (r *Relay) refused() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rcpts++
	return r.Refuse != nil && r.Refuse(r.rcpts)
}

// data reads an e-mail up to the lone dot and keeps it by its Message-ID.
func (r *Relay) data(in *bufio.Reader) bool {
	var b strings.Builder
	for {
		line, err := in.ReadString('\n')
		if err != nil {
			return false
		}
		if line == ".\r\n" {
			break
		}
		b.WriteString(strings.TrimPrefix(line, "."))
	}
	m, err := mail.ReadMessage(strings.NewReader(b.String()))
	id := "(unreadable)"
	if err == nil {
		id = m.Header.Get("Message-ID")
	}
	r.mu.Lock()
	r.got[id]++
	r.order = append(r.order, id)
	r.bodies = append(r.bodies, b.String())
	r.mu.Unlock()
	return true
}

func (r *Relay) done() {
	r.mu.Lock()
	n, f := len(r.order), r.Accepted
	r.mu.Unlock()
	if f != nil {
		f(n)
	}
}

// Counts returns how many e-mails were accepted and the most any one
// Message-ID was.
func (r *Relay) Counts() (total, most int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range r.got {
		most = max(most, n)
	}
	return len(r.order), most
}

// Messages returns the e-mails accepted, as received, in order.
func (r *Relay) Messages() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.bodies...)
}
