package budget

import (
	"baove"

	"regexp"
	"strings"
)

// groupedAmount is an amount grouped by thousands with dots, the
// Vietnamese way: "1.500.000".
var groupedAmount = regexp.MustCompile(`^[1-9][0-9]{0,2}(\.[0-9]{3})+$`)

// ParseAmount parses s, an amount of đồng as a person types it in a form:
// digits, either plain ("1500000") or grouped by thousands with dots
// ("1.500.000"), with spaces around ignored. Anything else (a comma, a
// decimal, a sign, a dot out of place) is EINVALID naming field and saying
// how to write an amount, so that "1.500,5" or "1,500" is never guessed at;
// so is an amount of 10^15 đồng or more (as ParseVND).
func ParseAmount(field, s string) (VND, error) {
	s = strings.TrimSpace(s)
	if groupedAmount.MatchString(s) {
		s = strings.ReplaceAll(s, ".", "")
	}
	if !wholeDigits(s) {
		return 0, baove.InvalidKey(field, "money.typed", nil, s)
	}
	return ParseVND(field, s, false)
}
