package exports_test

import (
	"bytes"
	"encoding/xml"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// layout is a PDF as a reader measures it: every line of words with its
// box (pdftotext -bbox-layout, in points from the top left of the page)
// and every run of text with its face (pdftohtml -xml). Both tools are
// poppler-utils'.
type layout struct {
	pageW, pageH float64
	pages        int
	lines        []textLine
	runs         []faceRun
}

// textLine is a line of words on a page.
type textLine struct {
	page  int
	words []textBox
}

// textBox is text on a page with its box.
type textBox struct {
	page           int
	x0, y0, x1, y1 float64
	text           string
}

// faceRun is a run of text in one font, as pdftohtml reports it.
type faceRun struct {
	page int
	top  float64 // points
	text string
	face string // "", "B", "I" or "BI"
}

// size is the font size of text in a box: Liberation Serif's ascent and
// descent make a line 1.107 times the size.
func (b textBox) size() float64 { return (b.y1 - b.y0) / 1.107 }

func (b textBox) centre() float64 { return (b.x0 + b.x1) / 2 }

// poppler returns the path of a poppler-utils tool, skipping the test
// where it is missing unless BAOVE_TEST_PDFTOTEXT is set.
func poppler(t testing.TB, tool string) string {
	t.Helper()
	bin, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("BAOVE_TEST_PDFTOTEXT") != "" {
			t.Fatalf("BAOVE_TEST_PDFTOTEXT is set but %s (poppler-utils) is not installed", tool)
		}
		t.Skipf("%s is not installed (apt-get install poppler-utils); set BAOVE_TEST_PDFTOTEXT=1 to make this a failure", tool)
	}
	return bin
}

// layoutOf reads pdf as pdftotext -bbox-layout and pdftohtml -xml do.
func layoutOf(t testing.TB, pdf []byte) layout {
	t.Helper()
	cmd := exec.Command(poppler(t, "pdftotext"), "-bbox-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox-layout: %v", err)
	}
	var doc struct {
		Pages []struct {
			Width  float64 `xml:"width,attr"`
			Height float64 `xml:"height,attr"`
			Lines  []struct {
				Words []struct {
					XMin float64 `xml:"xMin,attr"`
					YMin float64 `xml:"yMin,attr"`
					XMax float64 `xml:"xMax,attr"`
					YMax float64 `xml:"yMax,attr"`
					Text string  `xml:",chardata"`
				} `xml:"word"`
			} `xml:"flow>block>line"`
		} `xml:"body>doc>page"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("read the bounding boxes: %v", err)
	}
	l := layout{pages: len(doc.Pages)}
	for i, p := range doc.Pages {
		l.pageW, l.pageH = p.Width, p.Height
		for _, ln := range p.Lines {
			line := textLine{page: i + 1}
			for _, w := range ln.Words {
				line.words = append(line.words, textBox{page: i + 1, x0: w.XMin, y0: w.YMin, x1: w.XMax, y1: w.YMax,
					text: norm.NFC.String(w.Text)})
			}
			l.lines = append(l.lines, line)
		}
	}
	l.runs = faceRuns(t, pdf)
	return l
}

// faceRuns reads the runs of text of pdf with their faces.
func faceRuns(t testing.TB, pdf []byte) []faceRun {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "*.pdf")
	if err != nil {
		t.Fatal(err)
	}
	f.Write(pdf)
	f.Close()
	out, err := exec.Command(poppler(t, "pdftohtml"), "-xml", "-i", "-stdout", "-zoom", "1", f.Name()).Output()
	if err != nil {
		t.Fatalf("pdftohtml -xml: %v", err)
	}
	var doc struct {
		Pages []struct {
			Number int `xml:"number,attr"`
			Fonts  []struct {
				ID     string `xml:"id,attr"`
				Family string `xml:"family,attr"`
			} `xml:"fontspec"`
			Texts []struct {
				Top   float64 `xml:"top,attr"`
				Font  string  `xml:"font,attr"`
				Inner string  `xml:",innerxml"`
			} `xml:"text"`
		} `xml:"page"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("read pdftohtml's XML: %v", err)
	}
	families := map[string]string{} // fontspec ids run across pages
	var runs []faceRun
	for _, p := range doc.Pages {
		for _, f := range p.Fonts {
			families[f.ID] = f.Family
		}
		for _, tx := range p.Texts {
			face := strings.TrimPrefix(families[tx.Font], "utf8serif") // fpdf names the faces serif, serifB, serifI, serifBI
			runs = append(runs, faceRun{page: p.Number, top: tx.Top, text: norm.NFC.String(stripTags(tx.Inner)), face: face})
		}
	}
	return runs
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#34;", `"`, "&#39;", "'").Replace(b.String())
}

// find returns every occurrence of phrase as consecutive words of a line,
// with the box around them.
func (l layout) find(phrase string) []textBox {
	want := strings.Fields(norm.NFC.String(phrase))
	var out []textBox
	for _, line := range l.lines {
		for i := 0; i+len(want) <= len(line.words); i++ {
			match := true
			for j, w := range want {
				if line.words[i+j].text != w {
					match = false
					break
				}
			}
			if match {
				first, last := line.words[i], line.words[i+len(want)-1]
				out = append(out, textBox{page: first.page, x0: first.x0, y0: first.y0, x1: last.x1, y1: last.y1, text: phrase})
			}
		}
	}
	return out
}

// one returns the only occurrence of phrase, failing the test otherwise.
func (l layout) one(t testing.TB, phrase string) textBox {
	t.Helper()
	found := l.find(phrase)
	if len(found) != 1 {
		t.Fatalf("%q is found %d times, want once", phrase, len(found))
	}
	return found[0]
}

// face returns the face of the text in b: the run of its page at its
// height that holds it.
func (l layout) face(t testing.TB, b textBox) string {
	t.Helper()
	for _, r := range l.runs {
		if r.page == b.page && math.Abs(r.top-b.y0) < 3 && strings.Contains(strings.Join(strings.Fields(r.text), " "), b.text) {
			return r.face
		}
	}
	t.Fatalf("no run of text holds %q on page %d at %.1f", b.text, b.page, b.y0)
	return ""
}

// pageLine returns the text of the line that starts at b on b's page.
func (l layout) lineOf(b textBox) []textBox {
	for _, line := range l.lines {
		if line.page == b.page && len(line.words) > 0 && line.words[0].y0 == b.y0 && line.words[0].x0 <= b.x0 {
			for _, w := range line.words {
				if w.x0 == b.x0 {
					return line.words
				}
			}
		}
	}
	return nil
}

// topLine returns the first line of page (from the top), joined.
func (l layout) topLine(page int) (textBox, bool) {
	best, ok := textBox{y0: math.MaxFloat64}, false
	for _, line := range l.lines {
		if line.page == page && len(line.words) > 0 && line.words[0].y0 < best.y0 {
			first, last := line.words[0], line.words[len(line.words)-1]
			var words []string
			for _, w := range line.words {
				words = append(words, w.text)
			}
			best, ok = textBox{page: page, x0: first.x0, y0: first.y0, x1: last.x1, y1: last.y1, text: strings.Join(words, " ")}, true
		}
	}
	return best, ok
}

// mm converts millimetres to points.
func mm(v float64) float64 { return v * 72 / 25.4 }

// within reports whether v is in [lo, hi].
func within(v, lo, hi float64) bool { return v >= lo && v <= hi }

func pt(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
