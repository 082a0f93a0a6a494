package vn

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Int formats n the Vietnamese way, with a dot between groups of three
// digits: 1234567 → "1.234.567", -1500 → "-1.500".
func Int(n int64) string {
	digits := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	return sign + group(digits)
}

// Decimal formats d with places decimals, a dot between thousands and a comma
// as decimal mark: 87.5 with 1 place → "87,5"; 1234.5 with 2 → "1.234,50".
func Decimal(d decimal.Decimal, places int32) string {
	s := d.StringFixed(places)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	if frac == "" {
		return sign + group(whole)
	}
	return sign + group(whole) + "," + frac
}

func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	first := len(digits) % 3
	if first > 0 {
		b.WriteString(digits[:first])
	}
	for i := first; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// wholeGrouped is a whole number as Vietnamese writes it: digits alone, or
// grouped by thousands with dots ("1.500.000"), without a leading zero.
var wholeGrouped = regexp.MustCompile(`^(0|[1-9][0-9]*|[1-9][0-9]{0,2}(\.[0-9]{3})+)$`)

// Ungroup returns the digits of s, a whole number without a sign written
// as Vietnamese writes it ("1.500.000" or "1500000"), and whether s is one.
// A dot that does not group thousands ("1.5", "25.00") is not, so that one
// text never means two amounts; nor is a comma, a sign, a space or a
// leading zero.
func Ungroup(s string) (string, bool) {
	if !wholeGrouped.MatchString(s) {
		return "", false
	}
	return strings.ReplaceAll(s, ".", ""), true
}
