package vn

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestFoldAndKey_ByTableAgreeWithTheDefinitions folds and keys random
// strings drawn from Vietnamese letters, other Latin letters, combining
// marks, spaces of several kinds, Hangul jamo (which recompose), dashes,
// format characters, full-width forms, other scripts and broken UTF-8, and
// requires the tables' answers to be foldSlow's and keySlow's.
func TestFoldAndKey_ByTableAgreeWithTheDefinitions(t *testing.T) {
	pieces := strings.Split("a|Ă|ệ|Đ|đ|ư|Ơ|Ỹ|ß|Å|ǅ|ĳ|ſ|K|\u0301|\u0323|\u0345|\u0344| |\u00a0|\t|\n|\u2003|"+
		"\u1100|\u1161|\u11a8|한|\u1dc0|Ω|Я|中|1|-|\xff|\u200b|\u0130|ﬁ|–|\u2000|\u2028|\u00ad|Ａ|ǈ|\u0307", "|")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := Key(s), keySlow(s); got != want {
			t.Fatalf("Key(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestFoldAndKey_EveryRuneOfTheTablesAgreesInContext folds and keys each
// rune the tables hold between letters and spaces, where a wrong table would show.
func TestFoldAndKey_EveryRuneOfTheTablesAgreesInContext(t *testing.T) {
	for _, sp := range tableSpans {
		for r := sp[0]; r <= sp[1]; r++ {
			for _, s := range []string{"a" + string(r) + "b", " " + string(r) + " ", "Ơ" + string(r), string(r) + "\u0301"} {
				if got, want := Fold(s), foldSlow(s); got != want {
					t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
				}
				if got, want := Key(s), keySlow(s); got != want {
					t.Fatalf("Key(%q) = %q, want %q", s, got, want)
				}
			}
		}
	}
}

// entryText is a ledger entry's voucher and description.
const entryText = "PC-2026/0142 Chi hỗ trợ tập huấn kỹ năng bảo vệ trẻ em cho cộng tác viên thôn, bản xã Mường Phăng"

// BenchmarkFold folds a ledger entry's text; BenchmarkFoldByDefinition
// does it without the table, for comparison.
func BenchmarkFold(b *testing.B) {
	for b.Loop() {
		Fold(entryText)
	}
}

func BenchmarkFoldByDefinition(b *testing.B) {
	for b.Loop() {
		foldSlow(entryText)
	}
}

// BenchmarkKey keys a ledger entry's text; BenchmarkKeyByDefinition does it
// without the table, for comparison.
func BenchmarkKey(b *testing.B) {
	for b.Loop() {
		Key(entryText)
	}
}

func BenchmarkKeyByDefinition(b *testing.B) {
	for b.Loop() {
		keySlow(entryText)
	}
}
