package vn

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Search keys are computed on the path of every ledger entry written (its
// voucher key and search text), so Key and Fold do not run the Unicode
// transforms over each string: they look each rune up in a table made
// once, on first use, by their own definitions (keySlow, foldSlow) applied to
// that rune alone. A table covers the runes whose key does not depend on
// their neighbours: the Latin ranges (ASCII, Latin-1, Extended-A and B),
// the combining diacritical marks, Latin Extended Additional (Vietnamese
// letters with two marks, such as ệ) and general punctuation (dashes,
// quotes). Any other rune, or a string on which the per-rune reading is not
// exact (for Key, a string not already in NFKC, where marks would compose),
// sends the whole string to the definition. Tests compare the two readings
// on random strings.
var tableSpans = [][2]rune{{0x0000, 0x036F}, {0x1E00, 0x1EFF}, {0x2000, 0x206F}}

// runeTable holds, for the runes of tableSpans, what each becomes.
type runeTable struct {
	spans []tableSpan
}

// tableSpan is a run of runes from first with what each becomes.
type tableSpan struct {
	first rune
	to    []string
	// known marks the runes the table holds: not a space (which apply
	// collapses itself), nor one that becomes something holding a space.
	known []bool
}

// newRuneTable returns the table of what def makes of each rune alone.
func newRuneTable(def func(string) string) runeTable {
	t := runeTable{spans: make([]tableSpan, len(tableSpans))}
	for i, sp := range tableSpans {
		n := sp[1] - sp[0] + 1
		ts := tableSpan{first: sp[0], to: make([]string, n), known: make([]bool, n)}
		for r := sp[0]; r <= sp[1]; r++ {
			ts.to[r-sp[0]], ts.known[r-sp[0]] = tableEntry(def, r)
		}
		t.spans[i] = ts
	}
	return t
}

func tableEntry(def func(string) string, r rune) (string, bool) {
	if unicode.IsSpace(r) || !utf8.ValidRune(r) {
		return "", false
	}
	to := def(string(r))
	return to, strings.IndexFunc(to, unicode.IsSpace) < 0
}

// lookup returns what r becomes, or false when the table does not hold it.
func (t runeTable) lookup(r rune) (string, bool) {
	for _, sp := range t.spans {
		if i := r - sp.first; i >= 0 && int(i) < len(sp.to) {
			return sp.to[i], sp.known[i]
		}
	}
	return "", false
}

// apply returns s with each rune replaced from the table, runs of space
// collapsed to one and trimmed at both ends (as strings.Fields and a join
// do); false when s holds a rune the table does not know or bytes that are
// not UTF-8.
func (t runeTable) apply(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		to, ok := t.lookup(r)
		if !ok || r == utf8.RuneError {
			return "", false
		}
		if to == "" {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteString(to)
	}
	return b.String(), true
}
