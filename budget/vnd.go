// Package budget keeps the money of provincial plans: budget lines by
// funding source on plan versions, central allocations, the disbursement
// ledger with its controls, the budget summary, and the year-end close.
//
// Money is whole đồng (VND has no minor unit in use), held as VND (int64) and
// stored as BIGINT; rates are decimals. Nothing here touches floating point.
// The allocation and disbursement ledgers are append-only: corrections and
// reversals are new entries.
package budget

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"baove"
	"baove/i18n"
)

// VND is an amount of whole Vietnamese đồng.
type VND int64

// MaxVND bounds every amount: 10^15 đồng is far above any provincial budget
// and keeps sums of millions of entries within int64.
const MaxVND VND = 1_000_000_000_000_000

// String returns the amount as digits, e.g. "1500000000".
func (v VND) String() string { return strconv.FormatInt(int64(v), 10) }

// ParseVND parses s, an amount of đồng as the JSON API takes it, for
// field: decimal digits only, with a leading "-" when negative is set, and
// no leading zero but in "0". It returns EINVALID naming field, saying how
// to write an amount, for anything else (dots, commas, spaces, a "+",
// exponents, fractions, leading zeros, "-0") and for amounts of 10^15 or
// more, so that one text never means two amounts ("25.000" is not 25).
func ParseVND(field, s string, negative bool) (VND, error) {
	digits, minus := strings.CutPrefix(s, "-")
	switch {
	case !wholeDigits(digits) || minus && digits == "0":
		return 0, baove.InvalidKey(field, "money.syntax", nil, s)
	case minus && !negative:
		return 0, baove.InvalidKey(field, "money.negative", nil, s)
	case len(digits) > maxDigits:
		return 0, baove.InvalidKey(field, "money.too_large", i18n.Args{"max": MaxVND - 1}, s)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil { // cannot happen with at most 15 digits
		return 0, baove.InvalidKey(field, "money.syntax", nil, s)
	}
	return VND(n), nil
}

// maxDigits is the length of the largest amount below MaxVND.
const maxDigits = 15

// wholeDigits reports whether s is a whole number written with ASCII
// digits and without a leading zero ("0" itself aside).
func wholeDigits(s string) bool {
	if s == "" || s[0] == '0' && len(s) > 1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Rate returns part ÷ whole as a percentage with two decimals, e.g. "87.50";
// null when whole is zero or negative: a rate of nothing is no data, not
// 0 %.
func Rate(part, whole VND) decimal.NullDecimal {
	if whole <= 0 {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(decimal.NewFromInt(int64(part)).Mul(decimal.NewFromInt(100)).DivRound(decimal.NewFromInt(int64(whole)), 2))
}

// FundingSource is where a budget line's money comes from.
type FundingSource string

// Funding sources (docs/domain.md §5).
const (
	Central    FundingSource = "central"    // ngân sách trung ương bổ sung có mục tiêu
	Provincial FundingSource = "provincial" // ngân sách tỉnh
	Commune    FundingSource = "commune"    // ngân sách xã
	Other      FundingSource = "other"      // social mobilisation, international partners
)

// Sources lists the funding sources in report order.
var Sources = []FundingSource{Central, Provincial, Commune, Other}

// Valid reports whether f is one of the four sources.
func (f FundingSource) Valid() bool {
	return f == Central || f == Provincial || f == Commune || f == Other
}

// Localize implements i18n.Localizer: "1.500.000" in Vietnamese,
// "1,500,000" in English.
func (v VND) Localize(lang i18n.Lang) string { return i18n.Int(lang, int64(v)) }
