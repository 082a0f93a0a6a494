package exports

import (
	"fmt"

	"github.com/shopspring/decimal"

	"baove/vn"
)

// Bar chart geometry in mm: a bar every 5.5 mm, closer (down to 3.9 mm,
// the labels smaller) when that keeps a chart on one page under its
// heading, as the 34 provinces on a landscape page.
const (
	barPitch     = 5.5
	minBarPitch  = 3.9
	barThickness = 3.6
	labelShare   = 0.35 // of the width, at most, for the labels
	// chartHeading is the room kept for a heading above a chart.
	chartHeading = 2*sizeBody*0.3528*1.25 + paragraphGap
)

// chartLayout is where the parts of a bar chart go across the page.
type chartLayout struct {
	labelW, barX, barW, valueX, valueW float64
	pitch                              float64
	scale                              decimal.Decimal
}

// barChart draws c one bar to a row, whole on one page when a page can
// hold it; else the rows that do not fit continue on the next page, each
// page with its own axis, target line and scale. It returns an error for a
// Text or Date chart.
func (p *pdfWriter) barChart(c BarChart) error {
	if c.Kind == Text || c.Kind == Date {
		return fmt.Errorf("exports: a bar chart cannot show %s", c.Kind)
	}
	if len(c.Bars) == 0 {
		return nil
	}
	l := p.chartLayout(c)
	p.keep(p.chartStart(c))
	p.chartLegend(c)
	top := p.f.GetY()
	for _, b := range c.Bars {
		if !p.fits(l.pitch + lineHeight(sizeSmall)) {
			p.chartAxes(c, l, top, p.f.GetY())
			p.chartScale(c, l)
			p.f.AddPage()
			top = p.f.GetY()
		}
		p.bar(c, l, b)
	}
	p.chartAxes(c, l, top, p.f.GetY())
	p.chartScale(c, l)
	return nil
}

// chartPitch is the distance between bars: barPitch, or less when that
// keeps the whole chart on one page.
func (p *pdfWriter) chartPitch(c BarChart) float64 {
	room := (p.bodyHeight() - chartHeading - 3*lineHeight(sizeSmall) - 3) / float64(max(len(c.Bars), 1))
	return max(min(barPitch, room), minBarPitch)
}

// chartStart is the room a chart needs on the page where it starts: all of
// it when it fits on one page, else its legend and two bars.
func (p *pdfWriter) chartStart(c BarChart) float64 {
	pitch := p.chartPitch(c)
	whole := 2*lineHeight(sizeSmall) + 2 + pitch*float64(len(c.Bars))
	if whole <= p.bodyHeight()-chartHeading {
		return whole
	}
	return 2*lineHeight(sizeSmall) + 2*pitch
}

func (p *pdfWriter) chartLayout(c BarChart) chartLayout {
	pitch := p.chartPitch(c)
	p.setFont("", chartSize(pitch))
	margin := 2 * p.f.GetCellMargin()
	var labelW, valueW float64
	for _, b := range c.Bars {
		labelW = max(labelW, p.f.GetStringWidth(vn.NFC(b.Label))+margin)
		valueW = max(valueW, p.f.GetStringWidth(p.barValue(c, b))+margin)
	}
	labelW = min(labelW, p.width*labelShare)
	barX := p.left + labelW + 1
	barW := p.width - labelW - valueW - 2
	return chartLayout{labelW: labelW, barX: barX, barW: barW, valueX: barX + barW + 1, valueW: valueW, scale: c.Scale(), pitch: pitch}
}

// chartSize is the size of a chart's labels: the table's, or less for
// bars closer than its lines.
func chartSize(pitch float64) float64 {
	return min(sizeTable, pitch/(0.3528*1.25))
}

// chartLegend explains the dashed line before a chart with a target.
func (p *pdfWriter) chartLegend(c BarChart) {
	if !c.Target.Valid {
		return
	}
	p.setFont("I", sizeSmall)
	text := fmt.Sprintf(p.lab.target, p.lang.number(c.Kind, c.Target.Decimal, c.Places))
	p.f.SetY(p.lines(p.left, p.f.GetY(), p.width, lineHeight(sizeSmall), []string{text}, "R"))
}

// bar draws one row: the label (smaller when it is too long), the bar
// clipped to the scale, and the value.
func (p *pdfWriter) bar(c BarChart, l chartLayout, b Bar) {
	y := p.f.GetY()
	label := vn.NFC(b.Label)
	p.fitSize("", chartSize(l.pitch), label, l.labelW)
	p.lines(p.left, y, l.labelW, l.pitch, []string{label}, "L")
	if w := l.length(b.Value); w > 0 && b.Missing == "" {
		p.f.SetFillColor(79, 129, 189)
		p.f.Rect(l.barX, y+(l.pitch-barThickness)/2, w, barThickness, "F")
	}
	p.setFont("", chartSize(l.pitch))
	p.lines(l.valueX, y, l.valueW, l.pitch, []string{p.barValue(c, b)}, "R")
	p.f.SetY(y + l.pitch)
}

// barValue is what a bar says beside it: its value, or why it has none.
func (p *pdfWriter) barValue(c BarChart, b Bar) string {
	if b.Missing != "" {
		return vn.NFC(b.Missing)
	}
	return p.lang.number(c.Kind, b.Value, c.Places)
}

// length is the drawn length of a bar of value v.
func (l chartLayout) length(v decimal.Decimal) float64 {
	return l.barW * BarChart{Max: l.scale}.Share(v)
}

// chartAxes draws the axis and the target line beside the rows from top to
// bottom of one page.
func (p *pdfWriter) chartAxes(c BarChart, l chartLayout, top, bottom float64) {
	p.f.SetLineWidth(0.2)
	p.f.Line(l.barX, top, l.barX, bottom)
	if !c.Target.Valid {
		return
	}
	x := l.barX + l.length(c.Target.Decimal)
	p.f.SetDrawColor(192, 0, 0)
	p.f.SetLineWidth(0.4)
	p.f.SetDashPattern([]float64{1.5, 1}, 0)
	p.f.Line(x, top, x, bottom)
	p.f.SetDashPattern(nil, 0)
	p.f.SetDrawColor(0, 0, 0)
}

// chartScale writes zero and the full-scale value under the axis.
func (p *pdfWriter) chartScale(c BarChart, l chartLayout) {
	p.setFont("", sizeSmall)
	lh := lineHeight(sizeSmall)
	y := p.f.GetY()
	zero := p.lang.number(c.Kind, decimal.Zero, c.Places)
	full := p.lang.number(c.Kind, l.scale, c.Places)
	w := p.f.GetStringWidth(full) + 2*p.f.GetCellMargin()
	p.lines(l.barX-1, y, w, lh, []string{zero}, "L")
	p.lines(l.barX+l.barW-w/2, y, w, lh, []string{full}, "C")
	p.f.SetY(y + lh + 2)
}
