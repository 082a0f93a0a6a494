package access

import (
	"strings"
	"testing"
)

func TestPasswordRules_RefuseWeakPasswordsAndKeepTheDemoOne(t *testing.T) {
	cases := []struct {
		username, password, want string
	}{
		{"lan", "demo-password", ""},
		{"planner.dienbien", "demo-password", ""},
		{"bench.reviewer", "bench-password", ""},
		{"lan", "correct horse battery", ""},
		{"lan", "long enough!", ""},
		{"lan", "Mùa xuân Điện Biên 2026", ""},
		{"lan", "Tx-2026-11-28", ""},
		{"lan", "", "access.password.too_short"},
		{"lan", "aaaaaaaaaa", "access.password.too_short"},
		{"lan", "1234567890", "access.password.too_short"},
		{"lan", "          ", "access.password.blank"},
		{"lan", "            ", "access.password.blank"},
		{"lan", "\t\t\t\t\t\t\t\t\t\t\t\t", "access.password.blank"},
		{"lan", strings.Repeat("x7", 129), "access.password.too_long"},
		{"hoa.dienbien", "HOA.DIENBIEN-2026", "access.password.has_username"},
		{"admin", "the Admin of all", "access.password.has_username"},
		{"lan", "matkhau12345", "access.password.common"},
		{"lan", "Mật khẩu 2026!", "access.password.common"},
		{"lan", "123456789012", "access.password.common"},
		{"lan", "password1234", "access.password.common"},
		{"lan", "P@ssw0rd!2026", "access.password.common"},
		{"lan", "qwertyuiop12", "access.password.common"},
		{"lan", "anhyeuem1234", "access.password.common"},
		{"lan", "aaaaaaaaaaaa", "access.password.repetition"},
		{"lan", "abcabcabcabc", "access.password.repetition"},
		{"lan", "hahahaha2026", "access.password.repetition"},
		{"lan", "abcdefghijkl", "access.password.sequence"},
		{"lan", "987654321098", "access.password.sequence"},
		{"lan", "1q2w3e4r5t6y", "access.password.sequence"},
		{"lan", "lkjhgfdsapoi", "access.password.sequence"},
	}
	for _, c := range cases {
		if got, _ := passwordProblem(c.username, c.password); got != c.want {
			t.Errorf("%q for %s: %q, want %q", c.password, c.username, got, c.want)
		}
	}
}

func TestAddressKey_CountsIPv6ByItsSlash64(t *testing.T) {
	cases := map[string]string{
		"192.0.2.7":             "192.0.2.7",
		"::ffff:192.0.2.7":      "192.0.2.7",
		"2001:db8:1:2:3:4:5:6":  "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1":  "2001:db8:1:2::/64",
		"fe80::1%eth0":          "fe80::/64",
		"":                      "",
		"not an address at all": "not an address at all",
	}
	for in, want := range cases {
		if got := addressKey(in); got != want {
			t.Errorf("addressKey(%q) = %q, want %q", in, got, want)
		}
	}
}
