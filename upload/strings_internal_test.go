package upload

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// Text is taken as it is only when it is in NFC: the quick check agrees
// with norm on every character below U+3000 alone, and on every pair of
// the characters of Latin and Vietnamese text with each other and with
// the combining marks.
func TestIsNFC_AgreesWithNorm(t *testing.T) {
	check := func(s string) {
		if got, want := isNFC([]byte(s)), norm.NFC.IsNormalString(s); got != want {
			t.Errorf("isNFC(%+q) = %v, norm says %v", s, got, want)
		}
	}
	for r := range rune(0x3000) {
		check(string(r))
	}
	var letters []rune
	for _, block := range [][2]rune{{0x20, 0x7f}, {0xa0, 0x250}, {0x300, 0x370}, {0x1e00, 0x1f00}} {
		for r := block[0]; r < block[1]; r++ {
			letters = append(letters, r)
		}
	}
	for _, a := range letters {
		for _, b := range letters {
			check(string([]rune{a, b}))
		}
	}
	for _, s := range []string{"Xã Nậm Nèn", "Xa\u0303 Na\u0323\u0302m", "ỗ\u0323", "\u2126", "\u0958", "가\u11a8", "\u1100\u1161", "a\xffb", "😀"} {
		check(s)
	}
}
