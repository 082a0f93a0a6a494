package baove

import (
	"strconv"

	"baove/i18n"
)

// The years the service plans, funds and reports: from 2017, the year of the
// ministry's letter the plans answer (docs/domain.md §2), to 2100. Every
// domain check reads these two constants, and the API's OpenAPI schema states
// the same range from them.
const (
	FirstYear = 2017
	LastYear  = 2100
)

// CheckYear returns an EINVALID error naming field unless year is between
// FirstYear and LastYear.
func CheckYear(field string, year int) error {
	var p Problems
	p.AddYear(field, year)
	return p.Err()
}

// AddYear records a problem with field unless year is between FirstYear and
// LastYear.
func (p *Problems) AddYear(field string, year int) {
	if year < FirstYear || year > LastYear {
		p.AddKey(field, "year.out_of_range", YearRange(), year)
	}
}

// YearRange returns the range as the arguments {first} and {last} of a
// message; they are text, so that no language groups a year's digits.
func YearRange() i18n.Args {
	return i18n.Args{"first": strconv.Itoa(FirstYear), "last": strconv.Itoa(LastYear)}
}
