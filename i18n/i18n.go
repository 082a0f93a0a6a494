// Package i18n renders the service's messages in Vietnamese or English from
// one catalogue per language (catalogue/vi, catalogue/en: every domain
// message, every page string). A message is a key and named arguments;
// numbers, amounts and dates among the arguments are written the way the
// language writes them (1.234.567 and 87,50 in Vietnamese; 1,234,567 and
// 87.50 in English).
//
// A catalogue file holds one message per line, "key = text", with
// {name} for an argument and {name|one|other} for a word that follows a
// count in English ("{n} {n|activity|activities}"); lines starting with #
// are comments. Both languages hold the same keys with the same arguments;
// a test keeps it so.
package i18n

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"baove/vn"
)

// Lang is a language the service speaks.
type Lang string

// The two languages: Vietnamese first.
const (
	VI Lang = "vi"
	EN Lang = "en"
)

// Langs lists the languages, Vietnamese first.
var Langs = []Lang{VI, EN}

// Parse returns the language s names ("vi", "en", "vi-VN", "en-GB"), and
// false for any other.
func Parse(s string) (Lang, bool) {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "-")
	switch base {
	case "vi":
		return VI, true
	case "en":
		return EN, true
	}
	return "", false
}

// Negotiate returns the first language of an Accept-Language header that
// the service speaks, by the header's order of preference, or fallback.
func Negotiate(header string, fallback Lang) Lang {
	best, bestQ := fallback, -1.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(part, ";")
		lang, ok := Parse(tag)
		if !ok {
			continue
		}
		q := 1.0
		if v, found := strings.CutPrefix(strings.TrimSpace(params), "q="); found {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if q > bestQ && q > 0 {
			best, bestQ = lang, q
		}
	}
	return best
}

// Args are the named values a message shows.
type Args map[string]any

// Localizer is a value that writes itself in a language: an amount of
// đồng, a date, a status.
type Localizer interface {
	Localize(Lang) string
}

// Text renders the message key in lang with args. A key missing from the
// catalogue renders as the key itself (tests refuse such keys).
func Text(lang Lang, key string, args Args) string {
	tpl, ok := catalogues[lang][key]
	if !ok {
		if tpl, ok = catalogues[EN][key]; !ok {
			return key
		}
	}
	return render(lang, tpl, args)
}

// Has reports whether lang's catalogue holds key.
func Has(lang Lang, key string) bool {
	_, ok := catalogues[lang][key]
	return ok
}

// render replaces {name} and {name|one|other} in tpl.
func render(lang Lang, tpl string, args Args) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(tpl, '{')
		if open < 0 {
			b.WriteString(tpl)
			return b.String()
		}
		end := strings.IndexByte(tpl[open:], '}')
		if end < 0 {
			b.WriteString(tpl)
			return b.String()
		}
		b.WriteString(tpl[:open])
		b.WriteString(placeholder(lang, tpl[open+1:open+end], args))
		tpl = tpl[open+end+1:]
	}
}

func placeholder(lang Lang, spec string, args Args) string {
	name, forms, plural := strings.Cut(spec, "|")
	v, ok := args[name]
	if !ok {
		return "{" + spec + "}"
	}
	if plural {
		one, other, _ := strings.Cut(forms, "|")
		if n, isInt := asInt(v); isInt && (n == 1 || n == -1) {
			return one
		}
		return other
	}
	return Format(lang, v)
}

// Count is a number of things, written grouped by thousands ("1.234
// xã"); a plain int argument, such as a year or an id, is written as it is.
type Count int64

// Localize implements Localizer.
func (n Count) Localize(lang Lang) string { return Int(lang, int64(n)) }

// Format writes v the way lang writes it: a Localizer as it says,
// decimals with the language's mark, anything else as fmt does (years and
// ids are not grouped: amounts are budget.VND, counts Count).
func Format(lang Lang, v any) string {
	switch x := v.(type) {
	case Localizer:
		return x.Localize(lang)
	case string:
		return x
	case decimal.Decimal:
		return Decimal(lang, x, -x.Exponent())
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

func asInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case Count:
		return int64(x), true
	}
	return 0, false
}

// Int writes n grouped by thousands: "1.234.567" in Vietnamese,
// "1,234,567" in English.
func Int(lang Lang, n int64) string {
	s := vn.Int(n)
	if lang == EN {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// Decimal writes d with places decimals (none when places < 0):
// "1.234,50" in Vietnamese, "1,234.50" in English.
func Decimal(lang Lang, d decimal.Decimal, places int32) string {
	s := vn.Decimal(d, max(places, 0))
	if lang == EN {
		s = strings.NewReplacer(".", ",", ",", ".").Replace(s)
	}
	return s
}

// Render renders a message template (not a key) in lang with args; the
// catalogue's messages go through Text.
func Render(lang Lang, tpl string, args Args) string { return render(lang, tpl, args) }
