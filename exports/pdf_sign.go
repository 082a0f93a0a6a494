package exports

import (
	"strings"

	"baove/vn"
)

// Room for a signature and the seal between the signer's title and name,
// and the room a row of statistical signature blocks needs.
const (
	signRoom        = 24.0
	signatureHeight = 48.0
)

// recipientsShare is the part of the width "Nơi nhận" takes on the left;
// the signer takes the rest.
const recipientsShare = 0.45

// closingHeight is the room the end of a document's body needs: the signer
// beside the recipients, then the statistical signatures.
func (p *pdfWriter) closingHeight(d Document) float64 {
	h := 0.0
	if d.Signer != nil || len(d.Recipients) > 0 {
		h = lineHeight(sizeBody) + max(p.signerHeight(d.Signer), p.recipientsHeight(d.Recipients))
	}
	return h + p.signaturesHeight(d.Signatures)
}

func (p *pdfWriter) signerHeight(s *Signer) float64 {
	if s == nil {
		return 0
	}
	return float64(len(s.Lines)+1)*lineHeight(sizeBody) + signRoom
}

func (p *pdfWriter) recipientsHeight(rs []string) float64 {
	if len(rs) == 0 {
		return 0
	}
	p.setFont("", sizeRecipients)
	n := 0
	for _, r := range recipientLines(rs) {
		n += len(p.wrap(r, p.width*recipientsShare))
	}
	return lineHeight(sizeHeader) + float64(n)*lineHeight(sizeRecipients)
}

// closing draws the signer on the right ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ
// TỊCH", "PHÓ CHỦ TỊCH", room to sign, the name) beside the recipients on
// the left, never split across pages, then the statistical signatures.
func (p *pdfWriter) closing(d Document) {
	if d.Signer != nil || len(d.Recipients) > 0 {
		h := max(p.signerHeight(d.Signer), p.recipientsHeight(d.Recipients))
		p.f.Ln(lineHeight(sizeBody) / 2)
		p.keep(h)
		top := p.f.GetY()
		p.recipients(d.Recipients, p.left, top, p.width*recipientsShare)
		p.signer(d.Signer, p.left+p.width*recipientsShare, top, p.width*(1-recipientsShare))
		p.f.SetY(top + h)
	}
	p.signatures(d.Signatures)
}

func (p *pdfWriter) signer(s *Signer, x, y, w float64) {
	if s == nil {
		return
	}
	lh := lineHeight(sizeBody)
	p.setFont("B", sizeBody)
	for _, l := range s.Lines {
		y = p.lines(x, y, w, lh, p.wrap(strings.ToUpper(vn.NFC(l)), w), "C")
	}
	if s.Name != "" {
		p.lines(x, y+signRoom, w, lh, p.wrap(vn.NFC(s.Name), w), "C")
	}
}

// recipients draws "Nơi nhận:" in bold italics and the list under it, one
// recipient a line: "- Bộ Y tế;", the last ending with a full stop.
func (p *pdfWriter) recipients(rs []string, x, y, w float64) {
	if len(rs) == 0 {
		return
	}
	p.setFont("BI", sizeHeader)
	y = p.lines(x, y, w, lineHeight(sizeHeader), []string{p.lab.recipients}, "L")
	p.setFont("", sizeRecipients)
	for _, r := range recipientLines(rs) {
		y = p.lines(x, y, w, lineHeight(sizeRecipients), p.wrap(r, w), "L")
	}
}

// recipientLines writes each recipient as the decree lists them: a dash
// before, a semicolon after, a full stop after the last.
func recipientLines(rs []string) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		end := ";"
		if i == len(rs)-1 {
			end = "."
		}
		out[i] = "- " + strings.TrimRight(strings.TrimSpace(vn.NFC(r)), ";.") + end
	}
	return out
}

// signaturesHeight is the room the statistical signature blocks take.
func (p *pdfWriter) signaturesHeight(sigs []Signature) float64 {
	rows := (len(sigs) + 2) / 3
	return float64(rows) * (lineHeight(sizeBody) + signatureHeight)
}

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

// annex draws an annex from a new page: "PHỤ LỤC" and its title in bold,
// what it is attached to in italics, its blocks, and its signatures kept
// with the end of its last block.
func (p *pdfWriter) annex(a Annex) error {
	p.f.AddPage()
	lh := lineHeight(sizeBody)
	p.setFont("B", sizeBody)
	y := p.lines(p.left, p.f.GetY(), p.width, lh, p.wrap(strings.ToUpper(vn.NFC(a.Label)), p.width), "C")
	if a.Title != "" {
		y = p.lines(p.left, y, p.width, lh, p.balanced(vn.NFC(a.Title), p.width*0.85), "C")
	}
	if a.Subtitle != "" {
		p.setFont("I", sizeBody)
		y = p.lines(p.left, y, p.width, lh, p.wrap(a.Subtitle, p.width*0.9), "C")
	}
	p.f.SetY(y + lh/2)
	if err := p.blocks(a.Blocks, p.signaturesHeight(a.Signatures)); err != nil {
		return err
	}
	p.signatures(a.Signatures)
	return nil
}
