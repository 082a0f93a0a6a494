package exports

import (
	"strings"

	"baove/vn"
)

// Running text as the decree sets it: justified, the first line indented
// by 1.27 cm, at least 6 pt between paragraphs.
const (
	firstIndent  = 12.7
	paragraphGap = 2.4 // mm: 6.8 pt
)

// fields splits text into words at spaces only: a no-break space holds
// its words together (and keeps the blank of an unregistered number).
func fields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' })
}

// wrap splits NFC text into lines that fit a cell of width w in the
// current font (the cell's margins taken off), breaking between words
// only; a word wider than the cell alone is cut, as a last resort.
func (p *pdfWriter) wrap(text string, w float64) []string {
	var out []string
	for _, para := range strings.Split(vn.NFC(text), "\n") {
		words := fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		for _, line := range p.fill(words, w-2*p.f.GetCellMargin(), w-2*p.f.GetCellMargin()) {
			out = append(out, strings.Join(line, " "))
		}
	}
	return out
}

// fill shares words among lines, the first first wide and the others
// width wide, each as full as it can be without cutting a word.
func (p *pdfWriter) fill(words []string, first, width float64) [][]string {
	space := p.f.GetStringWidth(" ")
	var lines [][]string
	var line []string
	used, room := 0.0, first
	for _, word := range words {
		ww := p.f.GetStringWidth(word)
		switch {
		case len(line) > 0 && used+space+ww <= room:
			line, used = append(line, word), used+space+ww
			continue
		case len(line) > 0:
			lines, line, room = append(lines, line), nil, width
		}
		for ww > room && len([]rune(word)) > 1 { // only a word wider than a line is cut
			head := p.cut(word, room)
			lines, room = append(lines, []string{head}), width
			word = strings.TrimPrefix(word, head)
			ww = p.f.GetStringWidth(word)
		}
		line, used = []string{word}, ww
	}
	return append(lines, line)
}

// cut returns the longest start of word that fits in w, at least one
// character.
func (p *pdfWriter) cut(word string, w float64) string {
	runes := []rune(word)
	n := 1
	for n < len(runes) && p.f.GetStringWidth(string(runes[:n+1])) <= w {
		n++
	}
	return string(runes[:n])
}

// paragraph draws running text in the body size, justified, its first line
// indented; a page never ends after its first line nor starts with its
// last, and after is the room its last two lines keep on their page for
// what follows (the signatures after the last paragraph).
func (p *pdfWriter) paragraph(text string, after float64) {
	p.setFont("", sizeBody)
	paras := strings.Split(vn.NFC(text), "\n")
	for i, para := range paras {
		keep := 0.0
		if i == len(paras)-1 {
			keep = after
		}
		p.flow(fields(para), true, keep)
	}
}

// flow draws words as lines of running text in the current font, the
// first line indented, justified when justify is set, then the gap
// between paragraphs.
func (p *pdfWriter) flow(words []string, justify bool, after float64) {
	lh := lineHeight(sizeBody)
	lines := p.fill(words, p.width-firstIndent, p.width)
	for i, line := range lines {
		need := lh
		if n := len(lines); n >= 2 && (i == 0 || i == n-2) {
			need = 2 * lh
		}
		if i >= len(lines)-2 && after > 0 && need+after <= p.bodyHeight() {
			need += after
		}
		p.keep(need)
		x, room := p.left, p.width
		if i == 0 {
			x, room = p.left+firstIndent, p.width-firstIndent
		}
		p.words(line, x, room, justify && i < len(lines)-1)
		p.f.SetY(p.f.GetY() + lh)
	}
	p.f.SetY(p.f.GetY() + paragraphGap)
}

// words draws one line of words from x at the current y, spread over room
// when justify is set.
func (p *pdfWriter) words(line []string, x, room float64, justify bool) {
	space := p.f.GetStringWidth(" ")
	if justify && len(line) > 1 {
		used := 0.0
		for _, w := range line {
			used += p.f.GetStringWidth(w)
		}
		space = (room - used) / float64(len(line)-1)
	}
	baseline := p.f.GetY() + 0.5*lineHeight(sizeBody) + 0.3*sizeBody*0.3528
	for _, w := range line {
		p.f.Text(x, baseline, w)
		x += p.f.GetStringWidth(w) + space
	}
}

// heading draws a bold line, indented as a paragraph, on the page where
// the next thing's first lines fit, below: a heading never ends a page.
func (p *pdfWriter) heading(text string, below float64) {
	p.setFont("B", sizeBody)
	lines := p.fill(fields(vn.NFC(text)), p.width-firstIndent, p.width)
	p.keep(lineHeight(sizeBody)*float64(len(lines)) + paragraphGap + below)
	p.flow(fields(vn.NFC(text)), false, 0)
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
		p.setFont("B", sizeBody)
		values := p.wrap(kv.Value, p.width-keyW)
		p.setFont("", sizeBody)
		p.keep(lh * float64(max(len(keys), len(values))))
		y := p.f.GetY()
		yKeys := p.lines(p.left, y, keyW, lh, keys, "L")
		p.setFont("B", sizeBody)
		yValues := p.lines(p.left+keyW, y, p.width-keyW, lh, values, "L")
		p.setFont("", sizeBody)
		p.f.SetY(max(yKeys, yValues))
	}
	p.f.Ln(paragraphGap)
}
