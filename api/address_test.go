package api

import (
	"net/netip"
	"slices"
	"testing"
)

func TestParseProxies_TakesAddressesAndPrefixesAndRefusesTheRest(t *testing.T) {
	got, err := ParseProxies(" 10.0.0.1, 10.8.0.0/16,::1 ,, 2001:db8::/32, ::ffff:192.0.2.9")
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.1/32"), netip.MustParsePrefix("10.8.0.0/16"),
		netip.MustParsePrefix("::1/128"), netip.MustParsePrefix("2001:db8::/32"), netip.MustParsePrefix("192.0.2.9/32")}
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("ParseProxies = %v, %v; want %v", got, err, want)
	}
	if got, err := ParseProxies(""); err != nil || len(got) != 0 {
		t.Fatalf("empty list: %v, %v; want no proxies", got, err)
	}
	for _, bad := range []string{"10.0.0.256", "proxy.local", "10.0.0.0/33", "10.0.0.1, nope"} {
		if _, err := ParseProxies(bad); err == nil {
			t.Errorf("ParseProxies(%q) accepted it", bad)
		}
	}
}

func TestClientAddr_BelievesForwardedForOnlyFromTrustedProxies(t *testing.T) {
	trusted, _ := ParseProxies("10.0.0.0/8, 2001:db8::1")
	cases := []struct {
		name, remote string
		forwarded    []string
		want         string
	}{
		{"no proxy", "198.51.100.7:4242", nil, "198.51.100.7"},
		{"untrusted peer's header ignored", "198.51.100.7:4242", []string{"203.0.113.9"}, "198.51.100.7"},
		{"trusted peer, one hop", "10.0.0.2:80", []string{"203.0.113.9"}, "203.0.113.9"},
		{"right-most untrusted, forged left ignored", "10.0.0.2:80", []string{"1.2.3.4, 203.0.113.9, 10.1.1.1"}, "203.0.113.9"},
		{"several headers read as one list", "10.0.0.2:80", []string{"1.2.3.4", "203.0.113.9", "10.1.1.1"}, "203.0.113.9"},
		{"hop with a port", "10.0.0.2:80", []string{"203.0.113.9:5555"}, "203.0.113.9"},
		{"IPv6 hop", "10.0.0.2:80", []string{"[2001:db8:5::7]:443"}, "2001:db8:5::7"},
		{"garbage stops at the trusted hop", "10.0.0.2:80", []string{"203.0.113.9, not-an-ip, 10.1.1.1"}, "10.1.1.1"},
		{"trusted peer without header", "10.0.0.2:80", nil, "10.0.0.2"},
		{"all trusted: the left-most", "10.0.0.2:80", []string{"10.3.3.3, 10.1.1.1"}, "10.3.3.3"},
		{"trusted IPv6 peer", "[2001:db8::1]:80", []string{"192.0.2.33"}, "192.0.2.33"},
		{"IPv4-mapped peer", "[::ffff:10.0.0.2]:80", []string{"192.0.2.33"}, "192.0.2.33"},
		{"unparseable peer", "@", []string{"192.0.2.33"}, "invalid IP"},
	}
	for _, c := range cases {
		if got := clientAddr(c.remote, c.forwarded, trusted).String(); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
