package exports

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"baove"
	"baove/vn"
)

// labels are the fixed words of a report in one language.
type labels struct {
	mottoEnglish []string // under the Vietnamese motto in English reports
	signHint     string
	recipients   string
	moneyUnit    string
	unitLine     string // printf pattern around the unit
	target       string // printf pattern of the chart legend
}

var labelsOf = map[Lang]labels{
	Vietnamese: {
		signHint:   "(Ký, ghi rõ họ tên)",
		recipients: "Nơi nhận:",
		moneyUnit:  "đồng",
		unitLine:   "Đơn vị tính: %s",
		target:     "Đường đứt nét: mục tiêu %s",
	},
	English: {
		mottoEnglish: []string{"Socialist Republic of Viet Nam", "Independence - Freedom - Happiness"},
		signHint:     "(Signature, full name)",
		recipients:   "Recipients:",
		moneyUnit:    "VND",
		unitLine:     "Unit: %s",
		target:       "Dashed line: target %s",
	},
}

// resolve returns l's labels, Vietnamese for the zero Lang, and an error for
// a language the package has no labels for.
func (l Lang) resolve() (Lang, labels, error) {
	if l == "" {
		l = Vietnamese
	}
	lab, ok := labelsOf[l]
	if !ok {
		return l, labels{}, fmt.Errorf("exports: unknown language %q", l)
	}
	return l, lab, nil
}

// integer formats n with grouped thousands: "1.234.567" in Vietnamese,
// "1,234,567" in English.
func (l Lang) integer(n int64) string {
	return l.localise(vn.Int(n))
}

// decimal formats d with places decimals: "87,5" in Vietnamese, "87.5" in
// English.
func (l Lang) decimal(d decimal.Decimal, places int32) string {
	return l.localise(vn.Decimal(d, places))
}

// percent formats the fraction d as a percentage: "87,5 %" in Vietnamese
// (a space before the sign, as Vietnamese typography has it), "87.5%" in
// English.
func (l Lang) percent(d decimal.Decimal, places int32) string {
	s := l.decimal(d.Shift(2), places)
	if l == English {
		return s + "%"
	}
	return s + " %"
}

// localise turns a number written the Vietnamese way into the language's
// way; only English differs, by swapping the two separators.
func (l Lang) localise(s string) string {
	if l != English {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '.':
			return ','
		case ',':
			return '.'
		}
		return r
	}, s)
}

// date formats a table date: "15/03/2026" in Vietnamese, "15 Mar 2026" in
// English.
func (l Lang) date(d baove.Date) string {
	if d.IsZero() {
		return ""
	}
	if l == English {
		return d.Time().Format("2 Jan 2006")
	}
	return d.Time().Format("02/01/2006")
}

// placeDate writes the line under the motto. Decree 30/2020 writes a day
// below 10 and the months January and February with a leading zero:
// "Điện Biên, ngày 05 tháng 01 năm 2027", but "ngày 15 tháng 3 năm 2027".
func (l Lang) placeDate(place string, d baove.Date) string {
	if l == English {
		return joinPlace(place, d.Time().Format("2 January 2006"))
	}
	t := d.Time()
	month := fmt.Sprint(int(t.Month()))
	if t.Month() <= 2 {
		month = "0" + month
	}
	return joinPlace(place, fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year()))
}

func joinPlace(place, date string) string {
	if place == "" {
		return date
	}
	return place + ", " + date
}

// number formats a chart value or a decimal cell of kind k.
func (l Lang) number(k Kind, d decimal.Decimal, places int32) string {
	switch k {
	case Percent:
		return l.percent(d, places)
	case Decimal:
		return l.decimal(d, places)
	}
	return l.decimal(d, 0)
}

// cell formats v for a column of c's kind in language l. It returns an error
// when v's Go type does not fit the kind, so that a report model with a
// float where money belongs fails loudly instead of printing a guess.
func (l Lang) cell(c Column, v any) (string, error) {
	switch n := v.(type) {
	case nil:
		return "", nil
	case Note:
		return vn.NFC(string(n)), nil
	case Sum:
		return l.integer(n.Value), nil
	}
	switch c.Kind {
	case Text:
		if s, ok := v.(string); ok {
			return vn.NFC(s), nil
		}
	case Count, Money:
		if n, ok := wholeNumber(v); ok {
			return l.integer(n), nil
		}
	case Decimal, Percent:
		if d, ok := v.(decimal.Decimal); ok {
			return l.number(c.Kind, d, c.Places), nil
		}
	case Date:
		if d, ok := v.(baove.Date); ok {
			return l.date(d), nil
		}
	}
	return "", fmt.Errorf("exports: column %q holds %s, not %T", c.Title, c.Kind, v)
}

// wholeNumber accepts the integer types a model may hold for a count or an
// amount: int64 and int.
func wholeNumber(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case int:
		return int64(n), true
	}
	return 0, false
}

// numeric reports whether values of kind k are numbers, right-aligned in a
// table.
func numeric(k Kind) bool {
	return k == Count || k == Money || k == Decimal || k == Percent
}
