package upload

import (
	"testing"

	"github.com/shopspring/decimal"

	"baove"
)

func text(s string) cell   { return cell{text: s} }
func number(s string) cell { return cell{text: s, number: true} }

// Amounts are read strictly: a typed amount is digits, maybe grouped with
// dots; a numeric cell must be whole. Nothing ambiguous is guessed, and a
// text never means two amounts: "25.000" is 25,000 đồng in a file as in
// the API.
func TestParseWhole_ReadsWholeDongOnly(t *testing.T) {
	ok := []struct {
		c    cell
		want int64
	}{
		{text("1500000"), 1500000},
		{text("1.500.000"), 1500000}, // Vietnamese grouping
		{text("25.000"), 25000},      // never 25
		{text("1.125"), 1125},        // typed text: a thousands group
		{text("0"), 0},
		{text("-2.000"), -2000},
		{text("999.999.999.999.999"), 999999999999999},
		{number("1500000"), 1500000}, // an Excel number, whatever its format shows
		{number("1.5E+7"), 15000000},
		{number("999999999999999"), 999999999999999},
	}
	for _, c := range ok {
		if got, problem := parseWhole(c.c, "nan"); problem != "" || got != c.want {
			t.Errorf("parseWhole(%+v) = %d, %q; want %d", c.c, got, problem, c.want)
		}
	}
	refused := map[string]cell{
		"a fraction in a number cell": number("1.125"), // 1.125 is not 1125 when Excel stores it
		"half a đồng":                 number("1500000.5"),
		"a comma":                     text("1,500"),
		"commas grouping":             text("1,500,000"),
		"a decimal comma":             text("1.500,50"),
		"a decimal point":             text("1.5"),
		"two decimals":                text("25.00"),
		"a group of two":              text("12.34.567"),
		"a group of four":             text("1.5000"),
		"an exponent":                 text("1e3"),
		"an upper-case exponent":      text("1E3"),
		"leading zeros":               text("00100"),
		"a leading zero in a group":   text("025.000"),
		"minus zero":                  text("-0"),
		"a plus sign":                 text("+5"),
		"spaces inside":               text("1 500 000"),
		"a no-break space inside":     text("1\u00a0500"),
		"a currency":                  text("1500000đ"),
		"a trailing dot":              text("5."),
		"a leading dot":               text(".500"),
		"full-width digits":           text("１５００"),
		"10^15 typed":                 text("1000000000000000"),
		"10^15 as a number":           number("1E+15"),
		"a huge exponent":             number("1E+999999999"),
		"not a number":                number("NaN"),
		"letters":                     text("abc"),
	}
	for name, c := range refused {
		if got, problem := parseWhole(c, "nan"); problem == "" {
			t.Errorf("%s: parseWhole(%+v) = %d, want a problem", name, c, got)
		}
	}
}

func TestParseDecimal_ReadsTheVietnameseCommaAndPercentages(t *testing.T) {
	cases := []struct {
		c       cell
		percent bool
		want    string
	}{
		{text("12,5"), false, "12.5"},
		{text("1.234,5"), false, "1234.5"},
		{text("-0,25"), false, "-0.25"},
		{number("0.875"), false, "0.875"},
		{text("87,5 %"), true, "0.875"},
		{text("87,5%"), true, "0.875"},
		{text("100"), true, "1"},
		{number("0.875"), true, "0.875"}, // Excel stores 87,5 % as 0.875
	}
	for _, c := range cases {
		got, problem := parseDecimal(c.c, c.percent)
		if problem != "" || !got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("parseDecimal(%+v, %v) = %s, %q; want %s", c.c, c.percent, got, problem, c.want)
		}
	}
	for _, c := range []cell{text("12.5"), text("12,5,1"), text("87,5 %"), text("1e3"), text("00,5"), text("012"), text("+1"), number("x")} {
		if got, problem := parseDecimal(c, false); problem == "" {
			t.Errorf("parseDecimal(%+v) = %s, want a problem", c, got)
		}
	}
}

func TestParseDate_ReadsSerialsAndDayFirstText(t *testing.T) {
	want := baove.NewDate(2026, 3, 15)
	for _, c := range []cell{number("46096"), number("46096.75"), text("15/03/2026"), text("15/3/2026"),
		text("2026-03-15"), text("2026-03-15T00:00:00Z")} {
		if got, problem := parseDate(c, false); problem != "" || got != want {
			t.Errorf("parseDate(%+v) = %s, %q; want %s", c, got, problem, want)
		}
	}
	if got, _ := parseDate(number("44634"), true); got != want {
		t.Errorf("a 1904-based serial reads as %s, want %s", got, want)
	}
	for _, c := range []cell{text("31/02/2026"), text("03/15/2026"), text("46096"), text("15-03-2026"),
		text("2026-02-30"), number("0"), number("3000000")} {
		if got, problem := parseDate(c, false); problem == "" {
			t.Errorf("parseDate(%+v) = %s, want a problem", c, got)
		}
	}
}
