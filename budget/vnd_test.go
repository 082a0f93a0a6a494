package budget

import (
	"testing"

	"baove"
)

func TestParseVND_AcceptsDigitsOnly(t *testing.T) {
	good := map[string]VND{"0": 0, "1": 1, "25000": 25_000, "1500000000": 1_500_000_000,
		"999999999999999": 999_999_999_999_999, "-25000": -25000, "-1": -1}
	for s, want := range good {
		got, err := ParseVND("amount", s, true)
		if err != nil || got != want {
			t.Errorf("ParseVND(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
}

func TestParseVND_RefusesEveryOtherSpellingNamingTheField(t *testing.T) {
	refused := map[string]string{
		"": "money.syntax", "25.000": "money.syntax", "1.500.000": "money.syntax", "1,000": "money.syntax",
		"1e3": "money.syntax", "1.5e1": "money.syntax", "1E3": "money.syntax", "5.": "money.syntax", ".5": "money.syntax",
		"100.0": "money.syntax", "1.5": "money.syntax", "00100": "money.syntax", "00": "money.syntax", "-0": "money.syntax",
		"-007": "money.syntax", "+5": "money.syntax", " 5": "money.syntax", "5 ": "money.syntax", "1 000": "money.syntax",
		"--5": "money.syntax", "-": "money.syntax", "abc": "money.syntax", "NaN": "money.syntax", "Infinity": "money.syntax",
		"0x10": "money.syntax", "١٢": "money.syntax", "１２": "money.syntax", "12\x00": "money.syntax", "1_000": "money.syntax",
		"1000000000000000": "money.too_large", "-1000000000000000": "money.too_large",
		"99999999999999999999999": "money.too_large",
	}
	for s, key := range refused {
		_, err := ParseVND("amount", s, true)
		var e *baove.Error
		if baove.ErrorCode(err) != baove.EINVALID || !asError(err, &e) || e.Fields[0].Field != "amount" || e.Fields[0].Key != key {
			t.Errorf("ParseVND(%q) = %v, want EINVALID naming amount with %s", s, err, key)
		}
	}
	if _, err := ParseVND("amount", "-1", false); baove.ErrorCode(err) != baove.EINVALID {
		t.Errorf("a negative amount where none is allowed: %v", err)
	}
}

func TestRate_IsExactToTwoPlacesAndNullOfNothing(t *testing.T) {
	cases := []struct {
		part, whole VND
		want        string
	}{{875, 1000, "87.5"}, {1, 3, "33.33"}, {2, 3, "66.67"}, {5, 0, ""}, {1_234_567_890_123, 1_234_567_890_123, "100"}}
	for _, c := range cases {
		got := Rate(c.part, c.whole)
		if s := got.Decimal.String(); got.Valid != (c.want != "") || (got.Valid && s != c.want) {
			t.Errorf("Rate(%d, %d) = %v %s, want %q", c.part, c.whole, got.Valid, s, c.want)
		}
	}
}
