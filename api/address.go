package api

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
)

const clientKey ctxKey = 102

// Option changes how a Server is built.
type Option func(*Server)

// TrustProxies makes the server take the client's address from
// X-Forwarded-For when the socket's peer is in one of prefixes (see
// ParseProxies); without it, the peer is the client.
func TrustProxies(prefixes []netip.Prefix) Option {
	return func(s *Server) { s.proxies = prefixes }
}

// ParseProxies parses a list of IP addresses and CIDR prefixes separated by
// commas, as --trusted-proxies takes it: "10.0.0.1, 10.8.0.0/16, ::1". An
// empty list trusts no one. It fails on an entry that is neither.
func ParseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if strings.Contains(f, "/") {
			p, err := netip.ParsePrefix(f)
			if err != nil {
				return nil, fmt.Errorf("trusted proxies: %q is not an IP address or a CIDR prefix", f)
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxies: %q is not an IP address or a CIDR prefix", f)
		}
		a = a.Unmap().WithZone("")
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// clientAddress puts the client's address in the context (see clientAddr).
func (s *Server) clientAddress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addr := ClientIP(r, s.proxies)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientKey, addr)))
	})
}

// ClientIP returns the IP address of r's client as the API counts it,
// believing X-Forwarded-For only from the trusted proxies (see
// TrustProxies); "" when it is unknown. The pages use it too, so that a
// sign-in is counted by the same address whichever door it came through.
func ClientIP(r *http.Request, trusted []netip.Prefix) string {
	if a := clientAddr(r.RemoteAddr, r.Header.Values("X-Forwarded-For"), trusted); a.IsValid() {
		return a.String()
	}
	return ""
}

// ClientAddress returns the IP address of the client of the request ctx
// belongs to, or "" when it is unknown.
func ClientAddress(ctx context.Context) string {
	a, _ := ctx.Value(clientKey).(string)
	return a
}

// clientAddr returns the client's address given the socket's peer remote
// ("host:port") and the X-Forwarded-For headers: the peer, unless it is a
// trusted proxy; then the right-most address of X-Forwarded-For that is not
// one, since a client may write anything to the left of what the proxies
// append. When every address is trusted it is the left-most; an entry that
// does not parse stops the walk at the trusted hop to its right.
func clientAddr(remote string, forwarded []string, trusted []netip.Prefix) netip.Addr {
	addr := parseAddr(remote)
	if !addr.IsValid() || !isTrusted(addr, trusted) {
		return addr
	}
	var hops []string
	for _, h := range forwarded {
		hops = append(hops, strings.Split(h, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		hop := parseAddr(strings.TrimSpace(hops[i]))
		if !hop.IsValid() {
			return addr
		}
		if addr = hop; !isTrusted(addr, trusted) {
			return addr
		}
	}
	return addr
}

// parseAddr parses an address with or without a port ("192.0.2.1:443",
// "[2001:db8::1]:443", "2001:db8::1"); the zero Addr when it is neither.
func parseAddr(s string) netip.Addr {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap().WithZone("")
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap().WithZone("")
	}
	return netip.Addr{}
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
