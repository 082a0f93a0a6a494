package exports_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"

	"baove"
	"baove/exports"
	"baove/vn"
)

func TestWritePDF_ReadsAsAnOfficialDocument(t *testing.T) {
	text := strings.Join(pdfPages(t, officialReport(5, same)), "\n")
	for _, want := range []string{
		"ỦY BAN NHÂN DÂN", "TỈNH ĐIỆN BIÊN", "Số: 05/BC-UBND",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Điện Biên, ngày 05 tháng 01 năm 2027", "BÁO CÁO", "Tình hình giải ngân kinh phí bảo vệ trẻ em năm 2026",
		"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nơi nhận:", "- Bộ Y tế;", "- Lưu: VT, Sở Y tế.",
		"PHỤ LỤC", "Đặc khu Côn Đảo", "Quàng Văn Sơn", "Lò Thị Hương", "Nguyễn Đức Ưng",
		"Đơn vị tính: đồng", "1.234.567", "6.172.835", "18.518.505", "87,5 %", "15/03/2026",
		"NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not read %q", want)
		}
	}
	if !norm.NFC.IsNormalString(text) {
		t.Error("the PDF's text is not in NFC")
	}
}

// Every element of Decree 30/2020, Appendix I, where the decree puts it,
// in its size and face.
func TestWritePDF_LaysOutEveryDecree30Element(t *testing.T) {
	checkDecree30(t, renderPDF(t, officialReport(60, same)), decree{issuer: []string{"ỦY BAN NHÂN DÂN", "TỈNH ĐIỆN BIÊN"},
		number: "05/BC-UBND", placeDate: "Điện Biên, ngày 05 tháng 01 năm 2027", kind: "BÁO CÁO", subject: "Tình hình giải ngân",
		signer: []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}, name: "Nguyễn Đức Ưng",
		recipients: []string{"- Bộ Y tế;", "- Lưu: VT, Sở Y tế."}})
}

// Running text is justified, its first line indented by 1–1.27 cm, with
// at least 6 pt between paragraphs (Decree 30/2020).
func TestWritePDF_SetsParagraphsAsTheDecreeSays(t *testing.T) {
	d := officialReport(3, same)
	long := strings.Repeat("Ủy ban nhân dân các xã, phường, đặc khu đã bố trí người làm công tác bảo vệ trẻ em. ", 5)
	d.Blocks = []exports.Block{exports.Paragraph{Text: long}, exports.Paragraph{Text: "Kết thúc " + long}}
	checkParagraphs(t, layoutOf(t, renderPDF(t, d)), "Ủy ban nhân dân các xã,", "Kết thúc Ủy ban")
}

// checkParagraphs checks the paragraph starting with first and the one
// after it, starting with second.
func checkParagraphs(t *testing.T, l layout, first, second string) {
	t.Helper()
	a, b := l.find(first)[0], l.find(second)[0]
	lines := paragraphLines(l, a, b)
	if len(lines) < 3 {
		t.Fatalf("the paragraph has %d lines; the test needs three", len(lines))
	}
	if indent := a.x0 - l.left(); !within(indent, mm(10)-0.5, mm(12.7)+0.5) {
		t.Errorf("the first line is indented %.1f mm, want 10–12.7 mm", indent*25.4/72)
	}
	for i, line := range lines[:len(lines)-1] {
		if i > 0 && line[0].x0-l.left() > 0.5 {
			t.Errorf("line %d starts %s pt in from the margin", i+1, pt(line[0].x0-l.left()))
		}
		if end := line[len(line)-1].x1; end-l.right() > 0.5 || l.right()-end > 1.5 {
			t.Errorf("line %d ends at %s, not justified to the margin at %s", i+1, pt(end), pt(l.right()))
		}
	}
	pitch := lines[1][0].y0 - lines[0][0].y0
	last := lines[len(lines)-1][0]
	if gap := b.y0 - last.y0 - pitch; gap < 6 {
		t.Errorf("%.1f pt between paragraphs, want at least 6", gap)
	}
	if size := a.size(); !within(size, 12.7, 14.3) {
		t.Errorf("running text is %.1f pt, want 13–14", size)
	}
}

// paragraphLines are the lines from a's to the one before b's, on a's page.
func paragraphLines(l layout, a, b textBox) [][]textBox {
	var out [][]textBox
	for _, line := range l.lines {
		y := line.words[0].y0
		if line.page == a.page && y >= a.y0-0.5 && (b.page != a.page || y < b.y0-0.5) {
			out = append(out, line.words)
		}
	}
	return out
}

// A long table breaks across pages without losing a row, and a reader
// finds the column titles at the top of every page it continues on.
func TestWritePDF_RepeatsTableHeaderOnEveryPage(t *testing.T) {
	const rows = 100
	pages := pdfPages(t, officialReport(rows, same))
	if len(pages) < 4 {
		t.Fatalf("%d pages; the test needs a table over 3 pages or more", len(pages))
	}
	row := regexp.MustCompile(`Mường Nhé số (\d{3})`)
	seen := map[string]int{}
	for i, page := range pages {
		found := row.FindAllStringSubmatch(page, -1)
		for _, m := range found {
			seen[m[1]]++
		}
		if len(found) > 0 && !(strings.Contains(page, "STT") && strings.Contains(page, "Tên đơn vị") && strings.Contains(page, "Tỷ lệ giải ngân")) {
			t.Errorf("page %d holds table rows but not the header row:\n%s", i+1, page)
		}
	}
	for n := 1; n <= rows; n++ {
		if k := seen[fmt.Sprintf("%03d", n)]; k != 1 {
			t.Errorf("row %d appears %d times", n, k)
		}
	}
	// The totals row: 1.234.567 × (1 + … + 100) đồng.
	if !regexp.MustCompile(`Tổng cộng\s+6\.234\.563\.350`).MatchString(strings.Join(pages, "")) {
		t.Errorf("the totals row is missing")
	}
}

// The signatures of an annex stand with the end of its last table: never
// alone at the top of a page.
func TestWritePDF_KeepsTheSignaturesWithTheLastRows(t *testing.T) {
	for rows := 30; rows <= 60; rows += 3 {
		pages := pdfPages(t, officialReport(rows, same))
		last := pages[len(pages)-1]
		if !strings.Contains(last, "NGƯỜI LẬP BIỂU") || !strings.Contains(last, "Tổng cộng") {
			t.Errorf("%d rows: the last page holds the signatures without the table's end:\n%s", rows, last)
		}
	}
}

// A heading never ends a page: whatever comes before it, it stands on
// the page of the first rows of its table.
func TestWritePDF_KeepsAHeadingWithWhatFollows(t *testing.T) {
	for n := 1; n <= 14; n++ {
		d := officialReport(3, same)
		d.Annexes[0].Blocks = nil
		for i := range n {
			d.Annexes[0].Blocks = append(d.Annexes[0].Blocks, exports.Paragraph{Text: fmt.Sprintf("Đoạn %d. ", i) +
				strings.Repeat("Nội dung giải trình chi tiết của các xã, phường, đặc khu. ", 6)})
		}
		d.Annexes[0].Blocks = append(d.Annexes[0].Blocks, exports.Heading{Text: "1. Theo nguồn kinh phí"}, budgetTable(20, same))
		for i, page := range pdfPages(t, d) {
			if strings.Contains(page, "1. Theo nguồn kinh phí") && !strings.Contains(page, "Mường Nhé số 001") {
				t.Errorf("%d paragraphs: the heading ends page %d without its table's first row", n, i+1)
			}
		}
	}
}

// Words are never cut: a column too narrow for a title's word has its
// title set smaller.
func TestWritePDF_KeepsWordsWhole(t *testing.T) {
	d := officialReport(3, same)
	d.Lang, d.Place = exports.English, "Dien Bien"
	narrow := exports.Table{Columns: []exports.Column{{Title: "Funding source", Width: 6},
		{Title: "Disbursement rate (%)", Kind: exports.Decimal, Places: 2, Width: 0.7}},
		Rows: [][]any{{"Central targeted support", decimal.RequireFromString("86.67")}}}
	d.Blocks = append(d.Blocks, narrow)
	text := strings.Join(pdfPages(t, d), "\n")
	if !strings.Contains(text, "Disbursement") {
		t.Errorf("\"Disbursement\" is cut:\n%s", text)
	}
}

// Names typed with combining marks (as some keyboards and older files send
// them) must come out exactly as precomposed ones.
func TestWritePDF_DecomposedInputReadsLikeComposed(t *testing.T) {
	composed := officialReport(40, same)
	decomposed := officialReport(40, norm.NFD.String)
	if decomposed.Title == composed.Title {
		t.Fatal("the decomposed report is not decomposed")
	}
	want, got := pdfPages(t, composed), pdfPages(t, decomposed)
	if strings.Join(got, "\f") != strings.Join(want, "\f") {
		t.Errorf("decomposed input reads differently:\n%s\nwant:\n%s", got[0], want[0])
	}
	if !bytes.Equal(renderPDF(t, composed), renderPDF(t, decomposed)) {
		t.Error("decomposed input gives another file than composed input")
	}
}

func TestWritePDF_SameInputSameBytes(t *testing.T) {
	a, b := renderPDF(t, officialReport(60, same)), renderPDF(t, officialReport(60, same))
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of one document differ")
	}
	if !bytes.Contains(a, []byte("D:20270105000000")) {
		t.Error("the creation date is not the document's date")
	}
}

// A PDF carries the hash of its content and when it was generated, and a
// copy changed by one byte no longer matches it.
func TestWritePDF_CarriesItsContentsHashAndGenerationTime(t *testing.T) {
	d := officialReport(3, same)
	d.Generated = time.Date(2027, 1, 5, 2, 30, 0, 0, time.UTC)
	f, err := exports.RenderPDF(d)
	if err != nil {
		t.Fatal(err)
	}
	s, err := exports.VerifyStamp(f.Bytes)
	if err != nil || s.ContentSHA256 != f.Stamp.ContentSHA256 || !s.Generated.Equal(d.Generated) || len(s.ContentSHA256) != 64 {
		t.Fatalf("stamp %+v, %v; rendered %+v", s, err, f.Stamp)
	}
	if !bytes.Contains(f.Bytes, []byte("baove-sha256:"+s.ContentSHA256)) || !bytes.Contains(f.Bytes, []byte("2027-01-05T02:30:00Z")) {
		t.Error("the keywords do not carry the stamp")
	}
	changed := bytes.Clone(f.Bytes)
	i := bytes.Index(changed, []byte("/Creator"))
	changed[i+10] ^= 1
	if _, err := exports.VerifyStamp(changed); err == nil {
		t.Error("a changed copy still matches its stamp")
	}
}

func TestWritePDF_EnglishKeepsTheVietnameseMotto(t *testing.T) {
	d := officialReport(3, same)
	d.Lang, d.Place = exports.English, "Dien Bien"
	text := strings.Join(pdfPages(t, d), "\n")
	for _, want := range []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Socialist Republic of Viet Nam", "Independence - Freedom - Happiness",
		"Dien Bien, 5 January 2027", "Unit: VND", "1,234,567", "3,703,701", "87.5%", "15 Mar 2026",
		"(Signature, full name)", "Recipients:",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the English PDF does not read %q", want)
		}
	}
}

func TestWritePDF_LandscapeTurnsThePage(t *testing.T) {
	d := officialReport(3, same)
	d.Landscape = true
	if pdf := renderPDF(t, d); !bytes.Contains(pdf, []byte("/MediaBox [0 0 841.89 595.28]")) {
		t.Error("a landscape document is not on landscape A4")
	}
}

// All 34 provinces fit in one chart on one page, under their heading.
func TestWritePDF_DrawsABarPerProvinceOnOnePage(t *testing.T) {
	chart := exports.BarChart{Kind: exports.Percent, Places: 1, Max: decimal.NewFromInt(1),
		Target: decimal.NewNullDecimal(decimal.NewFromInt(1))}
	for i, p := range provinces {
		chart.Bars = append(chart.Bars, exports.Bar{Label: p, Value: decimal.New(int64(700+9*i), -3)})
	}
	for _, landscape := range []bool{false, true} {
		d := officialReport(30, same)
		d.Landscape = landscape
		d.Blocks = append(d.Blocks, exports.Heading{Text: "II. Tỷ lệ xã có người làm công tác bảo vệ trẻ em"}, chart)
		var page string
		for _, p := range pdfPages(t, d) {
			if strings.Contains(p, "II. Tỷ lệ xã") {
				page = p
			}
		}
		for i, p := range provinces {
			if value := fmt.Sprintf("%s,%d %%", fmt.Sprint(70+(9*i)/10), (9*i)%10); !regexp.MustCompile(regexp.QuoteMeta(p) + `\s+` + value).MatchString(page) {
				t.Errorf("landscape %v: the chart's page lacks %s with %s", landscape, p, value)
			}
		}
		if !strings.Contains(page, "mục tiêu 100,0 %") {
			t.Error("the chart does not explain its target line")
		}
	}
}

// A chart of every commune of a province runs over pages without losing
// a bar, each page with its axis and scale.
func TestWritePDF_ContinuesALongChartOnTheNextPage(t *testing.T) {
	chart := exports.BarChart{Kind: exports.Count}
	for n := 1; n <= 80; n++ {
		chart.Bars = append(chart.Bars, exports.Bar{Label: fmt.Sprintf("Xã Mường Nhé %03d", n), Value: decimal.NewFromInt(int64(n * 25))})
	}
	d := exports.Document{Title: "Số trẻ em theo xã", Date: baove.NewDate(2027, 1, 5), Blocks: []exports.Block{chart}}
	pages := pdfPages(t, d)
	if len(pages) < 2 {
		t.Fatalf("%d page; 80 bars should need two", len(pages))
	}
	text := strings.Join(pages, "\n")
	for n := 1; n <= 80; n++ {
		bar := regexp.MustCompile(fmt.Sprintf(`Xã Mường Nhé %03d\s+%s\n`, n, regexp.QuoteMeta(vn.Int(int64(n*25)))))
		if k := len(bar.FindAllString(text, -1)); k != 1 {
			t.Errorf("bar %d with value %d appears %d times", n, n*25, k)
		}
	}
	for i, p := range pages {
		if !strings.Contains(p, "2.000") {
			t.Errorf("page %d of the chart has no scale", i+1)
		}
	}
}

func TestWritePDF_RefusesWhatItCannotPrintFaithfully(t *testing.T) {
	money := exports.Column{Title: "Số tiền", Kind: exports.Money}
	cases := map[string]exports.Document{
		"money as a float":        withTable(exports.Table{Columns: []exports.Column{money}, Rows: [][]any{{1500000.0}}}),
		"a short row":             withTable(exports.Table{Columns: []exports.Column{money, money}, Rows: [][]any{{int64(1)}}}),
		"a date as a string":      withTable(exports.Table{Columns: []exports.Column{{Kind: exports.Date}}, Rows: [][]any{{"2026-03-15"}}}),
		"no date":                 {Title: "Báo cáo"},
		"no title":                {Date: baove.NewDate(2027, 1, 5)},
		"an unknown language":     {Lang: "fr", Title: "Rapport", Date: baove.NewDate(2027, 1, 5)},
		"a table without columns": withTable(exports.Table{Rows: [][]any{{}}}),
		"a text bar chart":        {Title: "Báo cáo", Date: baove.NewDate(2027, 1, 5), Blocks: []exports.Block{exports.BarChart{Kind: exports.Text}}},
	}
	for name, d := range cases {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := exports.WritePDF(&buf, d); err == nil {
				t.Fatal("WritePDF succeeded")
			}
			if buf.Len() > 0 {
				t.Errorf("WritePDF wrote %d bytes before failing", buf.Len())
			}
		})
	}
}

func withTable(tb exports.Table) exports.Document {
	return exports.Document{Title: "Báo cáo", Date: baove.NewDate(2027, 1, 5), Blocks: []exports.Block{tb}}
}

// BenchmarkWritePDF_ThreePages measures a report of three pages and more
// with a table of 50 wrapped rows in its annex: go test -bench WritePDF
// -run '^$' ./exports
func BenchmarkWritePDF_ThreePages(b *testing.B) {
	d := officialReport(50, same)
	if n := len(pdfPages(b, d)); n < 3 {
		b.Fatalf("%d pages, want 3 or more", n)
	}
	for b.Loop() {
		var buf bytes.Buffer
		if err := exports.WritePDF(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
}
