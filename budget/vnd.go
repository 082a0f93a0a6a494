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

	"github.com/shopspring/decimal"

	"baove"
)

// VND is an amount of whole Vietnamese đồng.
type VND int64

// MaxVND bounds every amount: 10^15 đồng is far above any provincial budget
// and keeps sums of millions of entries within int64.
const MaxVND VND = 1_000_000_000_000_000

// String returns the amount as digits, e.g. "1500000000".
func (v VND) String() string { return strconv.FormatInt(int64(v), 10) }

// ParseVND parses s, a whole number of đồng written as digits, for field.
// It returns EINVALID naming field for anything else: fractions, signs when
// negative is false, non-numbers, and amounts of 10^15 or more.
func ParseVND(field, s string, negative bool) (VND, error) {
	d, err := decimal.NewFromString(s)
	switch {
	case err != nil || s == "" || s[0] == '+':
		return 0, baove.Invalid(field, `whole đồng written as digits, e.g. "1500000000"`, s)
	case !d.IsInteger():
		return 0, baove.Invalid(field, "whole đồng only: VND has no fractions", s)
	case d.IsNegative() && !negative:
		return 0, baove.Invalid(field, "must not be negative", s)
	case d.Abs().GreaterThanOrEqual(decimal.NewFromInt(int64(MaxVND))):
		return 0, baove.Invalid(field, "must be less than 10^15 đồng", s)
	}
	return VND(d.IntPart()), nil
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

// Funding sources (DOMAIN.md §5).
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
