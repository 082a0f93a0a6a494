package web

import (
	"context"
	"strconv"

	"github.com/shopspring/decimal"

	"baove/budget"
	"baove/exports"
	"baove/i18n"
)

// svgChart is an exports.BarChart laid out for the page's inline SVG, as
// the PDF lays it out on paper: a label, a bar scaled to the chart's
// Scale, its value or why it has none; the axis, and the dashed target.
type svgChart struct {
	Width, Height     int
	AxisX, AxisBottom int
	Bars              []svgBar
	HasTarget         bool
	TargetX           string
	Zero, Full        string
	ScaleY, FullX     int
}

// svgBar is one row of an svgChart.
type svgBar struct {
	Label, Value   string
	TextY, BarY    int
	Length, ValueX string
	Missing        bool
	BarHeight      int
}

// The geometry of a chart, in SVG user units.
const (
	chartWidth   = 760
	chartLabelW  = 170
	chartValueW  = 90
	chartPitch   = 20
	chartBar     = 12
	chartScaleH  = 24
	chartPadding = 6
)

// layoutChart lays c out for the reader's language.
func layoutChart(ctx context.Context, c exports.BarChart) svgChart {
	barW := chartWidth - chartLabelW - chartValueW - 2*chartPadding
	axis := chartLabelW + chartPadding
	g := svgChart{Width: chartWidth, AxisX: axis, AxisBottom: len(c.Bars) * chartPitch,
		Zero: chartNumber(ctx, c, decimal.Zero), Full: chartNumber(ctx, c, c.Scale()), FullX: axis + barW}
	g.Height, g.ScaleY = g.AxisBottom+chartScaleH, g.AxisBottom+16
	for i, b := range c.Bars {
		bar := svgBar{Label: b.Label, TextY: i*chartPitch + 14, BarY: i*chartPitch + (chartPitch-chartBar)/2,
			BarHeight: chartBar, ValueX: strconv.Itoa(axis + barW + chartPadding), Missing: b.Missing != ""}
		bar.Value = b.Missing
		if !bar.Missing {
			bar.Value = chartNumber(ctx, c, b.Value)
			bar.Length = strconv.FormatFloat(float64(barW)*c.Share(b.Value), 'f', 1, 64)
		}
		g.Bars = append(g.Bars, bar)
	}
	if c.Target.Valid {
		g.HasTarget = true
		g.TargetX = strconv.FormatFloat(float64(axis)+float64(barW)*c.Share(c.Target.Decimal), 'f', 1, 64)
	}
	return g
}

// chartValue writes a bar's value, or why it has none.
func chartValue(ctx context.Context, c exports.BarChart, b exports.Bar) string {
	if b.Missing != "" {
		return b.Missing
	}
	return chartNumber(ctx, c, b.Value)
}

// chartNumber writes a value of c as its kind says: a percentage from a
// fraction, money in đồng, else a number with c's places.
func chartNumber(ctx context.Context, c exports.BarChart, v decimal.Decimal) string {
	if c.Kind == exports.Money {
		return amountText(ctx, budget.VND(v.IntPart()))
	}
	if c.Kind == exports.Percent {
		return i18n.Decimal(langOf(ctx), v.Mul(decimal.NewFromInt(100)), c.Places) + " %"
	}
	return i18n.Decimal(langOf(ctx), v, c.Places)
}

// chartTargetNote says what the dashed line of c is: its target; "" when
// it has none.
func chartTargetNote(ctx context.Context, c exports.BarChart) string {
	if !c.Target.Valid {
		return ""
	}
	return Tf(ctx, "web.national.chart_target", i18n.Args{"target": chartNumber(ctx, c, c.Target.Decimal)})
}
