package web

import (
	"context"
	"strconv"

	"github.com/shopspring/decimal"

	"baove/budget"
	"baove/exports"
)

// The SVG renderer of the shared chart model (exports.BarChart), beside
// the PDF's: one horizontal bar per label, scaled to the chart's Max (or
// its largest value and target), and the target as a dashed line. Colours
// and type come from the style sheet (classes), as the pages' CSP forbids
// style attributes.

// Chart geometry, in SVG user units.
const (
	chartLabelWidth = 170
	chartBarWidth   = 330
	chartValueWidth = 140
	chartRow        = 26
	chartBar        = 16
	chartTop        = 8
	chartWidth      = chartLabelWidth + chartBarWidth + chartValueWidth
)

// svgBar is one bar as drawn.
type svgBar struct {
	Label, Value string
	Y, TextY     string
	Width        string
}

// svgChart is a chart laid out.
type svgChart struct {
	Height  int
	Bars    []svgBar
	TargetX string // "" without a target
	Bottom  string
}

// layoutChart lays c out, writing its values the reader's way.
func layoutChart(ctx context.Context, c exports.BarChart) svgChart {
	top := c.Max
	if top.IsZero() {
		for _, b := range c.Bars {
			top = decimal.Max(top, b.Value)
		}
		if c.Target.Valid {
			top = decimal.Max(top, c.Target.Decimal)
		}
	}
	x := func(v decimal.Decimal) float64 {
		if !top.IsPositive() || !v.IsPositive() {
			return 0
		}
		return min(v.Div(top).InexactFloat64(), 1) * chartBarWidth
	}
	out := svgChart{Height: chartTop*2 + chartRow*len(c.Bars)}
	for i, b := range c.Bars {
		y := chartTop + i*chartRow
		out.Bars = append(out.Bars, svgBar{Label: b.Label, Value: chartValue(ctx, c, b), Y: itoa(y + (chartRow-chartBar)/2),
			TextY: itoa(y + chartRow/2 + 5), Width: ftoa(x(b.Value))})
	}
	if c.Target.Valid {
		out.TargetX = ftoa(chartLabelWidth + x(c.Target.Decimal))
	}
	out.Bottom = itoa(out.Height - chartTop)
	return out
}

// chartValue writes a bar's value as its chart's kind reads.
func chartValue(ctx context.Context, c exports.BarChart, b exports.Bar) string {
	if b.Missing != "" {
		return b.Missing
	}
	if c.Kind == exports.Money {
		return amountText(ctx, budget.VND(b.Value.IntPart()))
	}
	return Num(ctx, b.Value.Round(c.Places))
}

func ftoa(f float64) string    { return strconv.FormatFloat(f, 'f', 1, 64) }
func plus(a int, b int) string { return itoa(a + b) }
