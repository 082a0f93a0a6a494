package budget

import (
	"strings"

	"baove/vn"
)

// SearchText returns the search text of parts (a voucher number, a
// description), as the ledger stores it beside each entry and as a search
// is folded before it is looked for: each part's identity key (vn.Key:
// look-alike dashes and letters as their plain forms, invisible characters
// dropped), then folded (vn.Fold: lower case, without Vietnamese marks, đ
// as d, runs of space as one), so that "chung tu" finds "Chứng từ" and
// "pc‐0042" finds "PC-0042".
func SearchText(parts ...string) string {
	return vn.Fold(vn.Key(strings.Join(parts, " ")))
}

// likePattern returns the LIKE pattern that finds text holding s, with
// LIKE's wildcards in s escaped by a backslash.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}
