package exports_test

import (
	"math"
	"strconv"
	"testing"
)

// decree is what the Decree 30/2020 elements of a document read.
type decree struct {
	superior, issuer []string // the body above the issuer (regular) and the issuer (bold)
	number           string   // the number line's text after "Số:", e.g. "05/BC-UBND"
	placeDate        string
	kind, subject    string // the type ("BÁO CÁO") and the first words of the subject
	signer           []string
	name             string
	recipients       []string // the first and the last item as printed
	landscape        bool
}

// margins of the text area, in points.
func (l layout) left() float64  { return mm(30) }
func (l layout) right() float64 { return l.pageW - mm(15) }
func (l layout) middle() float64 {
	return (l.left() + l.right()) / 2
}

// checkDecree30 checks every element of Decree 30/2020, Appendix I, on pdf
// as a reader measures it: where it is, its size and its face.
func checkDecree30(t *testing.T, pdf []byte, want decree) {
	t.Helper()
	l := layoutOf(t, pdf)
	if w, h := 595.28, 841.89; (want.landscape && (math.Abs(l.pageW-h) > 1 || math.Abs(l.pageH-w) > 1)) ||
		(!want.landscape && (math.Abs(l.pageW-w) > 1 || math.Abs(l.pageH-h) > 1)) {
		t.Errorf("the page is %.0f × %.0f pt, not A4 (landscape %v)", l.pageW, l.pageH, want.landscape)
	}
	issuerBottom := checkHeaderLeft(t, l, want)
	checkHeaderRight(t, l, want, issuerBottom)
	checkTitle(t, l, want)
	checkPageNumbers(t, l)
	checkSigner(t, l, want)
}

// expect checks one element: on page 1 unless page says otherwise, its
// size within [lo, hi] points and its face.
func expect(t *testing.T, l layout, b textBox, lo, hi float64, face string) {
	t.Helper()
	if s := b.size(); !within(s, lo-0.3, hi+0.3) {
		t.Errorf("%q is %.1f pt, want %.0f–%.0f pt", b.text, s, lo, hi)
	}
	if f := l.face(t, b); f != face {
		t.Errorf("%q is in face %q, want %q", b.text, f, face)
	}
}

// checkHeaderLeft checks the issuer: regular capitals above, bold
// capitals of 12–13 pt, centred in the left column under each other; the
// number of 13–14 pt under them. It returns the y under the issuer.
func checkHeaderLeft(t *testing.T, l layout, want decree) float64 {
	t.Helper()
	column := l.left() + (l.right()-l.left())*0.42
	y := 0.0
	check := func(line, face string) {
		b := l.find(line)
		if len(b) == 0 || b[0].page != 1 {
			t.Errorf("page 1 lacks the issuer line %q", line)
			return
		}
		expect(t, l, b[0], 12, 13, face)
		if b[0].centre() > column || b[0].y0 < y || b[0].y0 > mm(60) {
			t.Errorf("issuer line %q at (%s, %s) is not in the left column under the line before it", line, pt(b[0].x0), pt(b[0].y0))
		}
		y = b[0].y1
	}
	for _, s := range want.superior {
		check(s, "")
	}
	for _, s := range want.issuer {
		check(s, "B")
	}
	number := l.find("Số:")
	if len(number) == 0 || number[0].page != 1 || number[0].y0 < y || number[0].centre() > column {
		t.Fatalf("page 1 lacks \"Số:\" under the issuer in the left column (%v)", number)
	}
	expect(t, l, number[0], 13, 14, "")
	symbol := ""
	for _, line := range l.lines {
		for _, w := range line.words {
			if w.page == 1 && math.Abs(w.y0-number[0].y0) < 1 && w.x0 > number[0].x0 && w.centre() < column {
				symbol = w.text
			}
		}
	}
	if symbol != "/"+want.number && symbol != want.number {
		t.Errorf("the number line ends with %q, want %q", symbol, want.number)
	}
	return y
}

// checkHeaderRight checks the national name and motto in bold, the place
// and date in italics on the line of the number, in the right column.
func checkHeaderRight(t *testing.T, l layout, want decree, issuerBottom float64) {
	t.Helper()
	column := l.left() + (l.right()-l.left())*0.42
	state, motto := l.one(t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), l.one(t, "Độc lập - Tự do - Hạnh phúc")
	expect(t, l, state, 12, 13, "B")
	expect(t, l, motto, 13, 14, "B")
	date := l.one(t, want.placeDate)
	expect(t, l, date, 13, 14, "I")
	number := l.find("Số:")[0]
	for _, b := range []textBox{state, motto, date} {
		if b.page != 1 || b.centre() < column {
			t.Errorf("%q is not in the right column of page 1", b.text)
		}
	}
	if !(state.y1 <= motto.y0+0.5 && motto.y1 < date.y0) || math.Abs(date.y0-number.y0) > 1 || number.y0 < issuerBottom {
		t.Errorf("national name %s, motto %s, place and date %s, number %s: want them in that order, the date on the number's line",
			pt(state.y0), pt(motto.y0), pt(date.y0), pt(number.y0))
	}
}

// checkTitle checks the type in bold capitals and the subject in bold,
// both 13–14 pt and centred, under the header.
func checkTitle(t *testing.T, l layout, want decree) {
	t.Helper()
	kind := l.one(t, want.kind)
	subject := l.one(t, want.subject)
	expect(t, l, kind, 13, 14, "B")
	expect(t, l, subject, 13, 14, "B")
	date := l.one(t, want.placeDate)
	if kind.page != 1 || kind.y0 < date.y1 || subject.y0 <= kind.y0 {
		t.Errorf("the type at %s and the subject at %s are not under the header (%s)", pt(kind.y0), pt(subject.y0), pt(date.y1))
	}
	if math.Abs(kind.centre()-l.middle()) > 1.5 {
		t.Errorf("%q is centred at %s, the text at %s", want.kind, pt(kind.centre()), pt(l.middle()))
	}
	line := l.lineOf(subject)
	if c := (line[0].x0 + line[len(line)-1].x1) / 2; math.Abs(c-l.middle()) > 1.5 {
		t.Errorf("the subject is centred at %s, the text at %s", pt(c), pt(l.middle()))
	}
}

// checkPageNumbers checks a number of 13–14 pt, centred in the top margin,
// on every page from the second, and none on the first.
func checkPageNumbers(t *testing.T, l layout) {
	t.Helper()
	if top, ok := l.topLine(1); ok && top.y1 < mm(20) {
		t.Errorf("page 1 has %q in its top margin", top.text)
	}
	if l.pages < 2 {
		t.Fatal("the document has one page; the test needs two")
	}
	for p := 2; p <= l.pages; p++ {
		top, _ := l.topLine(p)
		switch {
		case top.text != strconv.Itoa(p):
			t.Errorf("page %d starts with %q, not its number", p, top.text)
		case top.y1 > mm(20) || math.Abs(top.centre()-l.middle()) > 1:
			t.Errorf("page %d's number is at (%s, %s), not centred in the top margin", p, pt(top.centre()), pt(top.y0))
		default:
			expect(t, l, top, 13, 14, "")
		}
	}
}

// checkSigner checks the signer's lines and name in bold, 13–14 pt, on the
// right, room to sign before the name; and "Nơi nhận:" in bold italics,
// 12 pt, on the left at the signer's height, its list in 11 pt.
func checkSigner(t *testing.T, l layout, want decree) {
	t.Helper()
	var lines []textBox
	for _, s := range want.signer {
		b := l.find(s)
		if len(b) == 0 {
			t.Errorf("the signer's line %q is missing", s)
			return
		}
		b0 := b[len(b)-1]
		expect(t, l, b0, 13, 14, "B")
		notUnder := len(lines) > 0 && (b0.page != lines[0].page || b0.y0 < lines[len(lines)-1].y1-0.5)
		if b0.centre() < l.left()+(l.right()-l.left())*0.45 || notUnder {
			t.Errorf("the signer's line %q is not on the right under the one before", s)
		}
		lines = append(lines, b0)
	}
	names := l.find(want.name)
	if len(names) == 0 {
		t.Fatalf("the signer's name %q is missing", want.name)
	}
	name := names[0]
	expect(t, l, name, 13, 14, "B")
	if last := lines[len(lines)-1]; name.page != last.page || name.y0-last.y1 < mm(15) || math.Abs(name.centre()-last.centre()) > 1.5 {
		t.Errorf("the signer's name is at (%s, %s), the title ends at (%s, %s): want it under it, room to sign between",
			pt(name.centre()), pt(name.y0), pt(last.centre()), pt(last.y1))
	}
	to := l.one(t, "Nơi nhận:")
	expect(t, l, to, 12, 12, "BI")
	if to.page != lines[0].page || math.Abs(to.y0-lines[0].y0) > 3 || to.x0 > l.left()+4 {
		t.Errorf("\"Nơi nhận:\" is at (%s, %s) on page %d, the signer at %s on page %d", pt(to.x0), pt(to.y0), to.page,
			pt(lines[0].y0), lines[0].page)
	}
	for _, r := range want.recipients {
		b := l.one(t, r)
		expect(t, l, b, 11, 11, "")
		if b.page != to.page || b.y0 < to.y1-0.5 || b.x0 > l.left()+4 {
			t.Errorf("recipient %q is not in the list under \"Nơi nhận:\"", r)
		}
	}
}
