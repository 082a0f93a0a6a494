package exports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
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
	// pageNumberTop is where the page number sits, in the top margin.
	pageNumberTop = 8.0
)

// Font sizes in points. The decree asks for 13–14 pt body text, 12–13 pt
// for the issuer and the national name, 12 pt for "Nơi nhận:" and 11 pt
// for its list; tables and charts use less so that a province's figures
// fit across the page.
const (
	sizeBody       = 13.0
	sizeHeader     = 12.0
	sizeTitle      = 14.0
	sizeRecipients = 11.0
	sizeTable      = 10.0
	sizeSmall      = 10.0
	sizeTableMin   = 7.0 // a table cell shrinks to here before it breaks a word
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
// to w, stamped with its content's hash and d.Generated (see Stamp). The
// same Document always gives the same bytes. It returns an error, and
// writes nothing, when d has no title or date, names an unknown language,
// or holds a table cell whose type does not fit its column; it returns the
// writer's error when writing fails.
func WritePDF(w io.Writer, d Document) error {
	f, err := RenderPDF(d)
	if err != nil {
		return err
	}
	_, err = w.Write(f.Bytes)
	return err
}

// File is a rendered report file: its bytes, the SHA-256 of the bytes, and
// the stamp its metadata carries.
type File struct {
	Bytes  []byte
	SHA256 string
	Stamp  Stamp
}

// RenderPDF renders d as WritePDF does and returns the file with its
// hashes. It returns WritePDF's errors.
func RenderPDF(d Document) (File, error) {
	lang, lab, err := d.Lang.resolve()
	if err != nil {
		return File{}, err
	}
	if strings.TrimSpace(d.Title) == "" || d.Date.IsZero() {
		return File{}, errors.New("exports: a document needs a title and a date")
	}
	p := newPDFWriter(d, lang, lab)
	if err := p.document(d); err != nil {
		return File{}, err
	}
	if err := p.f.Error(); err != nil {
		return File{}, fmt.Errorf("exports: pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := p.f.Output(&buf); err != nil {
		return File{}, fmt.Errorf("exports: pdf: %w", err)
	}
	b := buf.Bytes()
	return fileOf(b, Stamp{ContentSHA256: stampPDF(b), Generated: d.Generated}), nil
}

func newPDFWriter(d Document, lang Lang, lab labels) *pdfWriter {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orientation(d.Landscape), UnitStr: "mm", SizeStr: "A4"})
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	f.AddUTF8FontFromBytes(font, "", liberationserifregular.TTF)
	f.AddUTF8FontFromBytes(font, "B", liberationserifbold.TTF)
	f.AddUTF8FontFromBytes(font, "I", liberationserifitalic.TTF)
	f.AddUTF8FontFromBytes(font, "BI", liberationserifbolditalic.TTF)
	f.SetCompression(true)
	f.SetCatalogSort(true)
	created := d.Date.Time()
	if !d.Generated.IsZero() {
		created = d.Generated
	}
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetTitle(vn.NFC(d.Title), true)
	f.SetSubject(vn.NFC(strings.TrimSpace(d.Kind+" "+d.Title)), true)
	f.SetCreator("baove", true)
	f.SetKeywords(stampKeywords(d.Generated), false)
	f.SetLang(string(lang))
	pageW, _ := f.GetPageSize()
	p := &pdfWriter{f: f, lang: lang, lab: lab, left: marginLeft, width: pageW - marginLeft - marginRight}
	f.SetHeaderFuncMode(p.pageNumber, true)
	return p
}

func orientation(landscape bool) string {
	if landscape {
		return "L"
	}
	return "P"
}

// document draws the header, the title, the body, the signer and the
// recipients, then each annex from a new page.
func (p *pdfWriter) document(d Document) error {
	p.f.AddPage()
	p.header(d)
	p.title(d.Kind, d.Title, d.Subtitle)
	closing := p.closingHeight(d)
	if err := p.blocks(d.Blocks, closing); err != nil {
		return err
	}
	p.closing(d)
	for i, a := range d.Annexes {
		if err := p.annex(a); err != nil {
			return fmt.Errorf("%w (annex %d)", err, i+1)
		}
	}
	return nil
}

// blocks draws bs in order; keep is the room what follows the last block
// needs on its page (the signatures), which the last block's end keeps.
func (p *pdfWriter) blocks(bs []Block, keep float64) error {
	for i, b := range bs {
		var next Block
		after := 0.0
		if i+1 < len(bs) {
			next = bs[i+1]
		} else {
			after = keep
		}
		if err := p.block(b, next, after); err != nil {
			return fmt.Errorf("%w (block %d)", err, i+1)
		}
	}
	return nil
}

// block draws b; next, the block after it or nil, is what a heading keeps
// on its page, and after the room the end of b keeps for what follows.
func (p *pdfWriter) block(b Block, next Block, after float64) error {
	switch b := b.(type) {
	case Heading:
		p.heading(b.Text, p.startHeight(next))
	case Paragraph:
		p.paragraph(b.Text, after)
	case KeyValues:
		p.keyValues(b)
	case Table:
		return p.table(b, after)
	case BarChart:
		return p.barChart(b)
	default:
		return fmt.Errorf("exports: unknown block %T", b)
	}
	return nil
}

// pageNumber writes the page number in Arabic numerals, centred over the
// text in the top margin, from the second page on (Decree 30/2020).
func (p *pdfWriter) pageNumber() {
	n := p.f.PageNo()
	if n < 2 {
		return
	}
	p.setFont("", sizeBody)
	p.lines(p.left, pageNumberTop, p.width, lineHeight(sizeBody), []string{strconv.Itoa(n)}, "C")
}

// startHeight is the least room block b needs under a heading so that the
// heading does not end a page alone.
func (p *pdfWriter) startHeight(b Block) float64 {
	switch b := b.(type) {
	case Paragraph, KeyValues:
		return 2*lineHeight(sizeBody) + paragraphGap
	case Table:
		return p.tableStart(b)
	case BarChart:
		return p.chartStart(b)
	case Heading:
		return lineHeight(sizeBody) + 2*lineHeight(sizeBody)
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
