package upload

import (
	"baove/vn"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"baove"
)

// limit bounds every number read from a file: 10^15 đồng is a thousand
// times the national child-protection programme, so anything larger is a
// typing error.
var limit = decimal.New(1, 15)

// Text forms of numbers, the Vietnamese way: dots group thousands, the
// comma marks decimals. A lone dot followed by three digits ("1.500") is a
// thousands group, never a decimal point, so that "25.000" means 25,000
// here as everywhere in the service. A leading zero ("00100", "0.500") is
// refused as a code typed where a number belongs, and so are signs other
// than a leading minus, spaces inside and exponents.
var (
	decimalText = regexp.MustCompile(`^-?(0|[1-9]\d*|[1-9]\d{0,2}(\.\d{3})+)(,\d+)?$`)
	isoDate     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(T[0-9:.]*Z?)?$`)
	dmyDate     = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
)

// parseWhole reads a whole number from a numeric cell or from text; it
// returns a problem (a catalogue key), notNumber for anything that is not a number at all.
func parseWhole(c cell, notNumber string) (int64, string) {
	var d decimal.Decimal
	switch {
	case c.number:
		n, ok := parseRaw(c.text)
		if !ok {
			return 0, notNumber
		}
		d = n
	default:
		digits, ok := vn.Ungroup(strings.TrimPrefix(c.text, "-"))
		if !ok || c.text == "-0" {
			return 0, notNumber
		}
		d, _ = decimal.NewFromString(digits)
		if strings.HasPrefix(c.text, "-") {
			d = d.Neg()
		}
	}
	if !d.IsInteger() {
		return 0, "upload.cell.fraction"
	}
	if d.Abs().Cmp(limit) >= 0 {
		return 0, "upload.cell.too_large"
	}
	return d.IntPart(), ""
}

// parseDecimal reads a decimal from a numeric cell or from Vietnamese text;
// a percentage typed as text is divided by 100.
func parseDecimal(c cell, percent bool) (decimal.Decimal, string) {
	notNumber := "upload.cell.not_decimal"
	if percent {
		notNumber = "upload.cell.not_percent"
	}
	var d decimal.Decimal
	if c.number {
		n, ok := parseRaw(c.text)
		if !ok {
			return decimal.Zero, notNumber
		}
		d = n
	} else {
		s := c.text
		if percent {
			s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
		}
		if !decimalText.MatchString(s) {
			return decimal.Zero, notNumber
		}
		d, _ = decimal.NewFromString(strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", "."))
		if percent {
			d = d.Shift(-2)
		}
	}
	if d.Abs().Cmp(limit) >= 0 {
		return decimal.Zero, "upload.cell.too_large"
	}
	return d, ""
}

// parseRaw reads the raw value of a numeric cell ("1500000", "0.875",
// "1.5E+7"). It refuses exponents beyond ±30 before decimal arithmetic
// would build a number with millions of digits from "1E+999999999".
func parseRaw(s string) (decimal.Decimal, bool) {
	if len(s) > 40 {
		return decimal.Zero, false
	}
	d, err := decimal.NewFromString(s)
	if err != nil || d.Exponent() > 30 || d.Exponent() < -30 {
		return decimal.Zero, false
	}
	return d, true
}

// parseDate reads an Excel date serial from a numeric cell, or a date
// written 2026-03-15 or 15/03/2026 (day first, as in Viet Nam).
func parseDate(c cell, date1904 bool) (baove.Date, string) {
	const notDate = "upload.cell.not_date"
	if c.number {
		serial, err := strconv.ParseFloat(c.text, 64)
		// Excel's dates run from serial 1 (1900-01-01) to 2958465 (9999-12-31).
		if err != nil || serial < 1 || serial >= 2958466 {
			return baove.Date{}, notDate
		}
		t, err := excelize.ExcelDateToTime(serial, date1904)
		if err != nil {
			return baove.Date{}, notDate
		}
		return baove.DateOf(t), ""
	}
	if isoDate.MatchString(c.text) {
		d, err := baove.ParseDate(c.text[:len(time.DateOnly)])
		if err != nil {
			return baove.Date{}, notDate
		}
		return d, ""
	}
	return parseDMY(c.text, notDate)
}

// parseDMY reads 15/03/2026 or 5/3/2026, refusing days a month lacks.
func parseDMY(s, notDate string) (baove.Date, string) {
	m := dmyDate.FindStringSubmatch(s)
	if m == nil {
		return baove.Date{}, notDate
	}
	day, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	year, _ := strconv.Atoi(m[3])
	d := baove.NewDate(year, time.Month(month), day)
	if d.Time().Day() != day || int(d.Time().Month()) != month {
		return baove.Date{}, notDate
	}
	return d, ""
}
