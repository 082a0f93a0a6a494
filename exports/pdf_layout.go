package exports

import (
	"strings"

	"baove/vn"
)

// The national motto heads every document, in Vietnamese in both languages.
const (
	mottoState = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	mottoWords = "Độc lập - Tự do - Hạnh phúc"
)

// issuerShare is the part of the width the issuing body takes on the left;
// the motto takes the rest.
const issuerShare = 0.42

// header draws the two columns that open an official document: the issuing
// body on the left, the motto and the place-and-date line on the right.
func (p *pdfWriter) header(d Document) {
	top := p.f.GetY()
	leftW := p.width * issuerShare
	rightX, rightW := p.left+leftW, p.width-leftW
	yLeft := p.issuer(d.Issuer, p.left, top, leftW)
	yRight := p.motto(rightX, top, rightW)
	p.setFont("I", sizeBody)
	lh := lineHeight(sizeBody)
	y := p.lines(rightX, max(yLeft, yRight)+2, rightW, lh, p.wrap(p.lang.placeDate(vn.NFC(d.Place), d.Date), rightW), "C")
	p.f.SetY(y + lh)
}

// issuer draws the issuing body in capitals, the last line bold with a short
// rule under it (a third of the line, as the decree has it), and returns the
// y under the rule.
func (p *pdfWriter) issuer(names []string, x, y, w float64) float64 {
	lh := lineHeight(sizeHeader)
	last := ""
	for i, name := range names {
		style := ""
		if i == len(names)-1 {
			style = "B"
		}
		p.setFont(style, sizeHeader)
		lines := p.wrap(strings.ToUpper(vn.NFC(name)), w)
		y = p.lines(x, y, w, lh, lines, "C")
		if len(lines) > 0 {
			last = lines[len(lines)-1]
		}
	}
	if last == "" {
		return y
	}
	p.rule(x+w/2, y+ruleGap, p.f.GetStringWidth(last)/3)
	return y + ruleGap
}

// motto draws the national motto with a rule as long as its second line and,
// in English documents, its translation; it returns the y under it.
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

// ruleGap keeps a rule clear of the descenders and dots below the line
// above it ("ĐIỆN", "Hạnh phúc").
const ruleGap = 1.2

// rule draws a horizontal line of length l centred on x.
func (p *pdfWriter) rule(x, y, l float64) {
	p.f.SetLineWidth(0.3)
	p.f.Line(x-l/2, y, x+l/2, y)
}

// title draws the title in bold capitals and the subtitle under it, both
// centred over the whole width.
func (p *pdfWriter) title(title, subtitle string) {
	p.f.Ln(2)
	p.setFont("B", sizeTitle)
	lh := lineHeight(sizeTitle)
	y := p.lines(p.left, p.f.GetY(), p.width, lh, p.wrap(strings.ToUpper(vn.NFC(title)), p.width), "C")
	if subtitle != "" {
		p.setFont("B", sizeBody)
		y = p.lines(p.left, y, p.width, lineHeight(sizeBody), p.wrap(subtitle, p.width), "C")
	}
	p.f.SetY(y + lh/2)
}

// heading draws a bold line on the page where the next thing's first
// lines fit, below: a heading never ends a page.
func (p *pdfWriter) heading(text string, below float64) {
	p.setFont("B", sizeBody)
	lh := lineHeight(sizeBody)
	lines := p.wrap(text, p.width)
	p.keep(lh*float64(len(lines)) + lh/3 + below)
	y := p.lines(p.left, p.f.GetY()+lh/3, p.width, lh, lines, "L")
	p.f.SetY(y)
}

func (p *pdfWriter) paragraph(text string) {
	p.setFont("", sizeBody)
	p.f.SetX(p.left)
	p.f.MultiCell(p.width, lineHeight(sizeBody), vn.NFC(text), "", "J", false)
	p.f.Ln(1)
}

// keyValues draws labels in a column as wide as the widest label (at most
// 45 % of the width) and the values, wrapped, beside them.
func (p *pdfWriter) keyValues(kvs KeyValues) {
	p.setFont("", sizeBody)
	lh := lineHeight(sizeBody)
	keyW := 0.0
	for _, kv := range kvs {
		keyW = max(keyW, p.f.GetStringWidth(vn.NFC(kv.Key)+":")+2*p.f.GetCellMargin()+1)
	}
	keyW = min(keyW, p.width*0.45)
	for _, kv := range kvs {
		keys := p.wrap(kv.Key+":", keyW)
		values := p.wrap(kv.Value, p.width-keyW)
		p.keep(lh * float64(max(len(keys), len(values))))
		y := p.f.GetY()
		yKeys := p.lines(p.left, y, keyW, lh, keys, "L")
		p.setFont("B", sizeBody)
		yValues := p.lines(p.left+keyW, y, p.width-keyW, lh, values, "L")
		p.setFont("", sizeBody)
		p.f.SetY(max(yKeys, yValues))
	}
	p.f.Ln(1)
}

// signatureHeight is the room a row of signature blocks needs: title, hint,
// space to sign and the name.
const signatureHeight = 48.0

// signatures draws the signature blocks side by side, at most three to a
// row, never split across pages.
func (p *pdfWriter) signatures(sigs []Signature) {
	const perRow = 3
	for start := 0; start < len(sigs); start += perRow {
		row := sigs[start:min(start+perRow, len(sigs))]
		p.f.Ln(lineHeight(sizeBody))
		p.keep(signatureHeight)
		top := p.f.GetY()
		w := p.width / float64(len(row))
		for i, s := range row {
			p.signature(s, p.left+float64(i)*w, top, w)
		}
		p.f.SetY(top + signatureHeight)
	}
}

func (p *pdfWriter) signature(s Signature, x, top, w float64) {
	lh := lineHeight(sizeHeader)
	p.setFont("B", sizeHeader)
	y := p.lines(x, top, w, lh, p.wrap(strings.ToUpper(vn.NFC(s.Title)), w), "C")
	p.setFont("I", sizeHeader)
	p.lines(x, y, w, lh, []string{p.lab.signHint}, "C")
	if s.Name != "" {
		p.setFont("B", sizeHeader)
		p.lines(x, top+signatureHeight-2*lh, w, lh, p.wrap(s.Name, w), "C")
	}
}
