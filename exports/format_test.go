package exports

import (
	"testing"

	"github.com/shopspring/decimal"

	"baove"
)

// Decree 30/2020 pads days below 10 and the months January and February
// with a zero, and no other month.
func TestPlaceDate_PadsAsTheDecreeSays(t *testing.T) {
	cases := map[baove.Date]string{
		baove.NewDate(2027, 1, 5):   "Điện Biên, ngày 05 tháng 01 năm 2027",
		baove.NewDate(2027, 2, 28):  "Điện Biên, ngày 28 tháng 02 năm 2027",
		baove.NewDate(2027, 3, 15):  "Điện Biên, ngày 15 tháng 3 năm 2027",
		baove.NewDate(2026, 12, 31): "Điện Biên, ngày 31 tháng 12 năm 2026",
	}
	for d, want := range cases {
		if got := Vietnamese.placeDate("Điện Biên", d); got != want {
			t.Errorf("placeDate(%s) = %q, want %q", d, got, want)
		}
	}
	if got := English.placeDate("Dien Bien", baove.NewDate(2027, 1, 5)); got != "Dien Bien, 5 January 2027" {
		t.Errorf("English placeDate = %q", got)
	}
}

func TestLang_FormatsNumbersTheReadersWay(t *testing.T) {
	cases := []struct {
		lang Lang
		got  string
		want string
	}{
		{Vietnamese, Vietnamese.integer(1234567), "1.234.567"},
		{English, English.integer(1234567), "1,234,567"},
		{English, English.integer(-1500), "-1,500"},
		{Vietnamese, Vietnamese.decimal(decimal.RequireFromString("1234.5"), 2), "1.234,50"},
		{English, English.decimal(decimal.RequireFromString("1234.5"), 2), "1,234.50"},
		{Vietnamese, Vietnamese.percent(decimal.RequireFromString("0.875"), 1), "87,5 %"},
		{English, English.percent(decimal.RequireFromString("0.875"), 1), "87.5%"},
		{Vietnamese, Vietnamese.date(baove.NewDate(2026, 3, 5)), "05/03/2026"},
		{English, English.date(baove.NewDate(2026, 3, 5)), "5 Mar 2026"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.lang, c.got, c.want)
		}
	}
}
