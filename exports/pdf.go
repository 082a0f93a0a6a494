package exports

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifbolditalic"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"codeberg.org/go-pdf/fpdf"

	"baove/vn"
)

// Page geometry in millimetres. Decree 30/2020/NĐ-CP sets the margins of an
// administrative document: top and bottom 20–25, left 30–35, right 15–20.
const (
	marginTop, marginBottom = 20.0, 20.0
	marginLeft, marginRight = 30.0, 15.0
	footerFromBottom        = 12.0
)

// Font sizes in points. The decree asks for 13–14 pt body text; tables and
// charts use less so that a province's figures fit across the page.
const (
	sizeBody   = 13.0
	sizeHeader = 12.0
	sizeTitle  = 14.0
	sizeTable  = 10.0
	sizeSmall  = 10.0
)

// font is the one family of every document: Liberation Serif has the
// metrics of Times New Roman, the face the decree names, and is free.
const font = "serif"

// pdfWriter draws one Document onto an fpdf document.
type pdfWriter struct {
	f     *fpdf.Fpdf
	lang  Lang
	lab   labels
	left  float64 // x of the left margin
	width float64 // width between the margins
}

// WritePDF renders d as an A4 PDF (landscape when d.Landscape) and writes it
// to w. The same Document always gives the same bytes. It returns an error,
// and writes nothing, when d has no title or date, names an unknown
// language, or holds a table cell whose type does not fit its column; it
// returns the writer's error when writing fails.
func WritePDF(w io.Writer, d Document) error {
	lang, lab, err := d.Lang.resolve()
	if err != nil {
		return err
	}
	if strings.TrimSpace(d.Title) == "" || d.Date.IsZero() {
		return errors.New("exports: a document needs a title and a date")
	}
	p := newPDFWriter(d, lang, lab)
	if err := p.document(d); err != nil {
		return err
	}
	if err := p.f.Error(); err != nil {
		return fmt.Errorf("exports: pdf: %w", err)
	}
	return p.f.Output(w)
}

func newPDFWriter(d Document, lang Lang, lab labels) *pdfWriter {
	orientation := "P"
	if d.Landscape {
		orientation = "L"
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orientation, UnitStr: "mm", SizeStr: "A4"})
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	// The footer writes the page total as an alias that fpdf replaces on
	// closing; its digits are in the embedded font subset because the last
	// page prints its own number, which is the total.
	f.AliasNbPages("")
	f.AddUTF8FontFromBytes(font, "", liberationserifregular.TTF)
	f.AddUTF8FontFromBytes(font, "B", liberationserifbold.TTF)
	f.AddUTF8FontFromBytes(font, "I", liberationserifitalic.TTF)
	f.AddUTF8FontFromBytes(font, "BI", liberationserifbolditalic.TTF)
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetCreationDate(d.Date.Time())
	f.SetModificationDate(d.Date.Time())
	f.SetTitle(vn.NFC(d.Title), true)
	f.SetCreator("baove", true)
	f.SetLang(string(lang))
	pageW, _ := f.GetPageSize()
	p := &pdfWriter{f: f, lang: lang, lab: lab, left: marginLeft, width: pageW - marginLeft - marginRight}
	f.SetFooterFunc(p.footer)
	return p
}

func (p *pdfWriter) document(d Document) error {
	p.f.AddPage()
	p.header(d)
	p.title(d.Title, d.Subtitle)
	for i, b := range d.Blocks {
		var next Block
		if i+1 < len(d.Blocks) {
			next = d.Blocks[i+1]
		}
		if err := p.block(b, next); err != nil {
			return fmt.Errorf("%w (block %d)", err, i+1)
		}
	}
	p.signatures(d.Signatures)
	return nil
}

// block draws b; next, the block after it or nil, is what a heading keeps
// on its page.
func (p *pdfWriter) block(b Block, next Block) error {
	switch b := b.(type) {
	case Heading:
		p.heading(b.Text, p.startHeight(next))
	case Paragraph:
		p.paragraph(b.Text)
	case KeyValues:
		p.keyValues(b)
	case Table:
		return p.table(b)
	case BarChart:
		return p.barChart(b)
	default:
		return fmt.Errorf("exports: unknown block %T", b)
	}
	return nil
}

func (p *pdfWriter) footer() {
	p.f.SetY(-footerFromBottom)
	p.setFont("I", sizeSmall)
	p.f.CellFormat(0, lineHeight(sizeSmall), fmt.Sprintf(p.lab.page, p.f.PageNo(), "{nb}"), "", 0, "C", false, 0, "")
}

// startHeight is the least room block b needs under a heading so that the
// heading does not end a page alone.
func (p *pdfWriter) startHeight(b Block) float64 {
	switch b := b.(type) {
	case Paragraph, KeyValues:
		return 2 * lineHeight(sizeBody)
	case Table:
		return p.tableStart(b)
	case BarChart:
		return p.chartStart(b)
	}
	return 0
}

// lineHeight is the distance between lines of text of size pt, in mm.
func lineHeight(pt float64) float64 {
	return pt * 0.3528 * 1.25
}

func (p *pdfWriter) setFont(style string, pt float64) {
	p.f.SetFont(font, style, pt)
}

// fits reports whether h millimetres fit above the bottom margin.
func (p *pdfWriter) fits(h float64) bool {
	_, pageH := p.f.GetPageSize()
	return p.f.GetY()+h <= pageH-marginBottom
}

// bodyHeight is the height between the top and bottom margins.
func (p *pdfWriter) bodyHeight() float64 {
	_, pageH := p.f.GetPageSize()
	return pageH - marginTop - marginBottom
}

// keep starts a new page unless h millimetres fit on this one, so that a
// row or a signature block is never cut in two.
func (p *pdfWriter) keep(h float64) {
	if !p.fits(h) {
		p.f.AddPage()
	}
}

// lines draws already-wrapped lines from (x, y) within width w and returns
// the y under the last one.
func (p *pdfWriter) lines(x, y, w, lh float64, lines []string, align string) float64 {
	for _, l := range lines {
		p.f.SetXY(x, y)
		p.f.CellFormat(w, lh, l, "", 0, align, false, 0, "")
		y += lh
	}
	return y
}

// wrap splits NFC text into lines that fit width w in the current font.
// fpdf's SplitText subtracts the cell margins itself, so w is the full
// width of the cell.
func (p *pdfWriter) wrap(text string, w float64) []string {
	var out []string
	for _, para := range strings.Split(vn.NFC(text), "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, p.f.SplitText(para, w)...)
	}
	return out
}
