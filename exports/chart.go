package exports

import "github.com/shopspring/decimal"

// The geometry a BarChart's renderers share, so that the PDF and the web
// pages' inline SVG draw the same picture from the same data: the scale of
// a full-length bar and the share of it each value fills.

// Scale returns the value of a full-length bar: Max when positive, else
// the largest of the values and the target, and 1 when every value is zero
// or less (the bars are then drawn empty).
func (c BarChart) Scale() decimal.Decimal {
	scale := c.Max
	if !scale.IsPositive() {
		for _, b := range c.Bars {
			scale = decimal.Max(scale, b.Value)
		}
		if c.Target.Valid {
			scale = decimal.Max(scale, c.Target.Decimal)
		}
	}
	if !scale.IsPositive() {
		return decimal.NewFromInt(1)
	}
	return scale
}

// Share returns the part of a full-length bar that v fills, from 0 to 1
// (values past the scale are clipped to it): geometry, not money, so a
// float is right here.
func (c BarChart) Share(v decimal.Decimal) float64 {
	return min(max(v.Div(c.Scale()).InexactFloat64(), 0), 1)
}
