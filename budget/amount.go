package budget

import (
	"strings"

	"baove"
	"baove/vn"
)

// ParseTypedVND parses s, an amount of đồng typed in a form, for field:
// "1.500.000" and "1500000" are the same amount; the spaces around it go.
// A dot that does not group thousands ("1.5", "25.00"), a comma, a sign or
// a fraction is EINVALID, so that one text never means two amounts; beyond
// that the rules of ParseVND apply (no negative amount, below MaxVND).
func ParseTypedVND(field, s string) (VND, error) {
	s = strings.TrimSpace(s)
	digits, ok := vn.Ungroup(s)
	if !ok {
		return 0, baove.InvalidKey(field, "money.typed_syntax", nil, s)
	}
	return ParseVND(field, digits, false)
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
