package budget_test

import (
	"testing"

	"baove"
	"baove/budget"
)

func TestParseTypedVND_TakesDotsGroupingThousandsAndDigitsAlone(t *testing.T) {
	for in, want := range map[string]budget.VND{"1.500.000": 1_500_000, "1500000": 1_500_000, " 25.000 ": 25_000, "7": 7,
		"999.999.999.999.999": 999_999_999_999_999} {
		if got, err := budget.ParseTypedVND("amount", in); err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1.5", "25.00", "1,500,000", "1.500,5", "-5", "+5", "1 500", "0100", "1.0000",
		"1000.000", "1e3", "1000000000000000"} {
		if _, err := budget.ParseTypedVND("amount", in); baove.ErrorCode(err) != baove.EINVALID {
			t.Errorf("%q: %v, want invalid", in, err)
		}
	}
}

func TestSourceTotals_AddsLinesBySourceAndInAll(t *testing.T) {
	by, all := budget.SourceTotals([]budget.Line{{FundingSource: budget.Central, Amount: 5}, {FundingSource: budget.Provincial, Amount: 7},
		{FundingSource: budget.Central, Amount: 10}})
	if by[budget.Central] != 15 || by[budget.Provincial] != 7 || by[budget.Commune] != 0 || all != 22 {
		t.Errorf("totals %v, %d", by, all)
	}
}
