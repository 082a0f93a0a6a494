// Package vn does Vietnamese text right: NFC normalisation, diacritic-free
// search keys, Vietnamese alphabetical order, and Vietnamese number format.
package vn

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normal form C with surrounding space trimmed.
// Every piece of user text is stored this way, so that "Hòa" typed on two
// keyboards (precomposed or combining marks) is one string.
func NFC(s string) string {
	return strings.TrimSpace(norm.NFC.String(s))
}

// Fold returns the search key of s: lower case, without tone or vowel marks,
// with đ as d and runs of space as one, so that "ba dinh" matches
// "Phường Ba Đình".
func Fold(s string) string {
	if out, ok := foldTable().apply(s); ok {
		return out
	}
	return foldSlow(s)
}

// foldTable is foldSlow rune by rune (table.go), made on first use (it
// takes milliseconds).
var foldTable = sync.OnceValue(func() runeTable { return newRuneTable(foldSlow) })

// foldSlow is Fold by its definition: decomposed, marks removed,
// recomposed, lower-cased, spaces collapsed.
func foldSlow(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	stripped, _, err := transform.String(t, s)
	if err != nil {
		stripped = s // the transform cannot fail on valid UTF-8; keep the input otherwise
	}
	stripped = strings.Map(foldRune, stripped)
	return strings.Join(strings.Fields(stripped), " ")
}

func foldRune(r rune) rune {
	switch r {
	case 'đ', 'Đ':
		return 'd'
	}
	return unicode.ToLower(r)
}

var collators = sync.Pool{New: func() any { return collate.New(language.Vietnamese) }}

// Compare orders a and b alphabetically in Vietnamese (a, ă, â, b, c, d, đ, e,
// ê, …; tones after base letters). It returns -1, 0 or +1.
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}

// SortBy sorts items in Vietnamese order of the string key returns, keeping
// the original order of equal keys.
func SortBy[T any](items []T, key func(T) string) {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	var buf collate.Buffer
	keys := make([][]byte, len(items))
	for i, it := range items {
		keys[i] = collationKey(c, &buf, key(it))
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return string(keys[idx[i]]) < string(keys[idx[j]]) })
	sorted := make([]T, len(items))
	for i, k := range idx {
		sorted[i] = items[k]
	}
	copy(items, sorted)
}

// collationKeys keeps the collation keys of the texts sorted before, up to
// maxCollationKeys of them: the same names of provinces and communes are
// sorted on every page, and computing their keys was a tenth of the
// staffing page's work. Past the limit keys are computed and not kept.
var (
	collationKeys     sync.Map // string → []byte
	collationKeysKept atomic.Int64
)

const maxCollationKeys = 1 << 14

func collationKey(c *collate.Collator, buf *collate.Buffer, s string) []byte {
	if k, ok := collationKeys.Load(s); ok {
		return k.([]byte)
	}
	k := append([]byte(nil), c.KeyFromString(buf, s)...)
	buf.Reset()
	if collationKeysKept.Load() < maxCollationKeys {
		if _, loaded := collationKeys.LoadOrStore(s, k); !loaded {
			collationKeysKept.Add(1)
		}
	}
	return k
}

// Key returns the identity key of a reference typed by people, such as a
// voucher number: compatibility-normalised (NFKC: full-width and other
// look-alike forms become plain ones), case-folded, without invisible
// format characters (zero-width spaces and joiners, soft hyphens, byte
// order marks), with every dash look-alike as "-" and runs of space as one.
// "X‐1", "x-1" and "X-1" followed by a zero-width space have one key, so
// that a uniqueness rule cannot be passed by typing a look-alike; the text
// itself is kept as typed.
func Key(s string) string {
	if norm.NFKC.IsNormalString(s) {
		if out, ok := keyTable().apply(s); ok {
			return out
		}
	}
	return keySlow(s)
}

// keyTable is keySlow rune by rune (table.go), made on first use, exact on
// a string already in NFKC: there, normalising changes nothing and the
// rest is per rune.
var keyTable = sync.OnceValue(func() runeTable { return newRuneTable(keySlow) })

// keySlow is Key by its definition.
func keySlow(s string) string {
	s = strings.Map(keyRune, norm.NFKC.String(s))
	folder := folders.Get().(cases.Caser)
	defer folders.Put(folder)
	return strings.Join(strings.Fields(folder.String(s)), " ")
}

// folders keeps case folders, which cost more to make than to use and may
// not be shared by goroutines at once.
var folders = sync.Pool{New: func() any { return cases.Fold() }}

func keyRune(r rune) rune {
	switch {
	case unicode.Is(unicode.Cf, r): // format characters: U+200B…U+200D, U+00AD, U+FEFF, U+2060
		return -1
	case unicode.Is(unicode.Pd, r), r == '\u2212', r == '\u2043': // dashes, the minus sign, the hyphen bullet
		return '-'
	}
	return r
}
