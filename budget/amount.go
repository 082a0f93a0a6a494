package budget

import (
	"regexp"
	"strings"

	"baove"
)

// typedAmount is an amount as a person types it in a form: whole đồng in
// digits, grouped by dots the Vietnamese way or not at all.
var typedAmount = regexp.MustCompile(`^([1-9][0-9]{0,2}(\.[0-9]{3})+|[0-9]+)$`)

// ParseTypedVND parses s, an amount of đồng typed in a form, for field:
// "1.500.000" and "1500000" are the same amount; the spaces around it go.
// A dot that does not group thousands ("1.5", "25.00"), a comma, a sign or
// a fraction is EINVALID, so that one text never means two amounts; beyond
// that the rules of ParseVND apply (no negative amount, below MaxVND).
func ParseTypedVND(field, s string) (VND, error) {
	s = strings.TrimSpace(s)
	if !typedAmount.MatchString(s) {
		return 0, baove.InvalidKey(field, "money.typed_syntax", nil, s)
	}
	return ParseVND(field, strings.ReplaceAll(s, ".", ""), false)
}

// SourceTotals returns what lines plan from each funding source, and in
// all.
func SourceTotals(lines []Line) (map[FundingSource]VND, VND) {
	by, all := make(map[FundingSource]VND, len(Sources)), VND(0)
	for _, l := range lines {
		by[l.FundingSource] += l.Amount
		all += l.Amount
	}
	return by, all
}
