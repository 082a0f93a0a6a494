package exports

import (
	"strings"

	"baove/vn"
)

// The national name and motto head every document, in Vietnamese in both
// languages.
const (
	mottoState = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	mottoWords = "Độc lập - Tự do - Hạnh phúc"
)

// issuerShare is the part of the width the issuing body takes on the left;
// the national name takes the rest.
const issuerShare = 0.42

// ruleGap keeps a rule clear of the descenders and dots below the line
// above it ("ĐIỆN", "Hạnh phúc").
const ruleGap = 1.2

// header draws the two columns that open an official document: on the
// left the issuing body, a short rule and the number; on the right the
// national name, the motto with its rule and the place and date, the
// number and the date on one line.
func (p *pdfWriter) header(d Document) {
	top := p.f.GetY()
	leftW := p.width * issuerShare
	rightX, rightW := p.left+leftW, p.width-leftW
	yLeft := p.issuer(d, p.left, top, leftW)
	yRight := p.motto(rightX, top, rightW)
	y := max(yLeft, yRight) + 1.5
	lh := lineHeight(sizeBody)
	yNumber := y
	if d.Number != "" {
		p.setFont("", sizeBody)
		yNumber = p.lines(p.left, y, leftW, lh, p.wrap(d.Number, leftW), "C")
	}
	p.setFont("I", sizeBody)
	yDate := p.placeDate(p.lang.placeDate(vn.NFC(d.Place), d.Date), rightX, y, rightW)
	p.f.SetY(max(yNumber, yDate) + lh/2)
}

// placeDate draws the place and date on one line centred under the motto
// or, when a long place name makes it wider than the column, against the
// right margin; it wraps only a line wider than that. It returns the y
// under it.
func (p *pdfWriter) placeDate(text string, x, y, w float64) float64 {
	lh := lineHeight(sizeBody)
	width := p.f.GetStringWidth(text) + 2*p.f.GetCellMargin()
	if width <= w || width > p.width*0.7 {
		return p.lines(x, y, w, lh, p.wrap(text, w), "C")
	}
	return p.lines(p.left+p.width-width, y, width, lh, []string{text}, "C")
}

// issuer draws the body above the issuer in regular capitals, then the
// issuer in bold capitals with a short rule under it (two fifths of its
// last line: the decree asks for a third to a half), and returns the y
// under the rule.
func (p *pdfWriter) issuer(d Document, x, y, w float64) float64 {
	lh := lineHeight(sizeHeader)
	last := ""
	draw := func(style string, names []string) {
		for _, name := range names {
			p.setFont(style, sizeHeader)
			lines := p.wrap(strings.ToUpper(vn.NFC(name)), w)
			y = p.lines(x, y, w, lh, lines, "C")
			if len(lines) > 0 {
				last = lines[len(lines)-1]
			}
		}
	}
	draw("", d.Superior)
	draw("B", d.Issuer)
	if last == "" {
		return y
	}
	p.rule(x+w/2, y+ruleGap, p.f.GetStringWidth(last)*0.4)
	return y + 2*ruleGap
}

// motto draws the national name and the motto with a rule as long as the
// motto and, in English documents, their translation; it returns the y
// under it.
func (p *pdfWriter) motto(x, y, w float64) float64 {
	size := p.fitSize("B", sizeHeader, mottoState, w)
	p.setFont("B", size)
	y = p.lines(x, y, w, lineHeight(size), []string{mottoState}, "C")
	size = p.fitSize("B", sizeBody, mottoWords, w)
	p.setFont("B", size)
	y = p.lines(x, y, w, lineHeight(size), []string{mottoWords}, "C")
	p.rule(x+w/2, y+ruleGap, p.f.GetStringWidth(mottoWords))
	y += 2 * ruleGap
	if len(p.lab.mottoEnglish) > 0 {
		p.setFont("I", sizeSmall)
		y = p.lines(x, y, w, lineHeight(sizeSmall), p.lab.mottoEnglish, "C")
	}
	return y
}

// fitSize returns pt, or the largest smaller size at which text fits on one
// line of width w: a one-line heading must not wrap.
func (p *pdfWriter) fitSize(style string, pt float64, text string, w float64) float64 {
	for ; pt > 6; pt -= 0.5 {
		p.setFont(style, pt)
		if p.f.GetStringWidth(text)+2*p.f.GetCellMargin() <= w {
			break
		}
	}
	return pt
}

// rule draws a horizontal line of length l centred on x.
func (p *pdfWriter) rule(x, y, l float64) {
	p.f.SetLineWidth(0.3)
	p.f.Line(x-l/2, y, x+l/2, y)
}

// title draws the document's type in bold capitals on its own line ("BÁO
// CÁO"), the subject and its second line in bold under it, and a short
// rule beneath; without a type, the title in bold capitals.
func (p *pdfWriter) title(kind, title, subtitle string) {
	p.f.Ln(3)
	lh := lineHeight(sizeTitle)
	y := p.f.GetY()
	if kind != "" {
		p.setFont("B", sizeTitle)
		y = p.lines(p.left, y, p.width, lh, p.wrap(strings.ToUpper(vn.NFC(kind)), p.width), "C")
	} else {
		title = strings.ToUpper(title)
	}
	p.setFont("B", sizeTitle)
	lines := p.balanced(vn.NFC(title), p.width*0.85)
	if subtitle != "" {
		lines = append(lines, p.balanced(vn.NFC(subtitle), p.width*0.85)...)
	}
	y = p.lines(p.left, y, p.width, lh, lines, "C")
	widest := 0.0
	for _, l := range lines {
		widest = max(widest, p.f.GetStringWidth(l))
	}
	p.rule(p.left+p.width/2, y+ruleGap, max(widest*0.4, 30))
	p.f.SetY(y + 2*ruleGap + lh/2)
}

// balanced wraps a title to width w, narrower when that keeps its last
// word from standing alone on its last line ("… NĂM" / "2026").
func (p *pdfWriter) balanced(text string, w float64) []string {
	lines := p.wrap(text, w)
	for narrow := w - 5; len(lines) > 1 && len(fields(lines[len(lines)-1])) < 2 && narrow > w*0.6; narrow -= 5 {
		if try := p.wrap(text, narrow); len(try) == len(lines) {
			lines = try
		}
	}
	return lines
}
