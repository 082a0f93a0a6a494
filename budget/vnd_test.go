package budget

import (
	"testing"

	"baove"
)

func TestParseVND_AcceptsWholeDongOnly(t *testing.T) {
	good := map[string]VND{"0": 0, "1500000000": 1_500_000_000, "999999999999999": 999_999_999_999_999, "-25000": -25000}
	for s, want := range good {
		got, err := ParseVND("amount", s, true)
		if err != nil || got != want {
			t.Errorf("ParseVND(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "1.5", "1500000.01", "abc", "1e3x", "1000000000000000", "-1000000000000000", "+5", "1,000", "NaN"} {
		_, err := ParseVND("amount", s, true)
		var e *baove.Error
		if baove.ErrorCode(err) != baove.EINVALID || !asError(err, &e) || e.Fields[0].Field != "amount" {
			t.Errorf("ParseVND(%q) = %v, want EINVALID naming amount", s, err)
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
