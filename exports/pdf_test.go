package exports_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"

	"baove"
	"baove/exports"
	"baove/vn"
)

func TestWritePDF_ReadsAsAnOfficialDocument(t *testing.T) {
	text := strings.Join(pdfPages(t, officialReport(5, same)), "\n")
	for _, want := range []string{
		"ỦY BAN NHÂN DÂN", "TỈNH ĐIỆN BIÊN",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Điện Biên, ngày 05 tháng 01 năm 2027",
		"BÁO CÁO TÌNH HÌNH GIẢI NGÂN KINH PHÍ BẢO VỆ TRẺ EM", // the title wraps before the year
		"Đặc khu Côn Đảo", "Quàng Văn Sơn", "Lò Thị Hương", "Nguyễn Đức Ưng",
		"Đơn vị tính: đồng", "1.234.567", "6.172.835", "18.518.505", "87,5 %", "15/03/2026",
		"NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)",
		"Trang 1/1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not read %q", want)
		}
	}
	if !norm.NFC.IsNormalString(text) {
		t.Error("the PDF's text is not in NFC")
	}
}

// A long table breaks across pages without losing a row, and a reader
// finds the column titles at the top of every page it continues on.
func TestWritePDF_RepeatsTableHeaderOnEveryPage(t *testing.T) {
	const rows = 100
	pages := pdfPages(t, officialReport(rows, same))
	if len(pages) < 3 {
		t.Fatalf("%d pages; the test needs a table over 3 pages or more", len(pages))
	}
	row := regexp.MustCompile(`Mường Nhé số (\d{3})`)
	seen := map[string]int{}
	for i, page := range pages {
		want := fmt.Sprintf("Trang %d/%d", i+1, len(pages))
		if !strings.Contains(page, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
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
	if last := pages[len(pages)-1]; !regexp.MustCompile(`Tổng cộng\s+6\.234\.563\.350`).MatchString(strings.Join(pages, "")) {
		t.Errorf("the totals row is missing; last page:\n%s", last)
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

func TestWritePDF_EnglishKeepsTheVietnameseMotto(t *testing.T) {
	d := officialReport(3, same)
	d.Lang, d.Place = exports.English, "Dien Bien"
	text := strings.Join(pdfPages(t, d), "\n")
	for _, want := range []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Socialist Republic of Viet Nam", "Independence - Freedom - Happiness",
		"Dien Bien, 5 January 2027", "Unit: VND", "1,234,567", "3,703,701", "87.5%", "15 Mar 2026",
		"(Signature, full name)", "Page 1/1",
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
	d := officialReport(30, same)
	d.Blocks = append(d.Blocks, exports.Heading{Text: "II. Tỷ lệ xã có người làm công tác bảo vệ trẻ em"}, chart)
	pages := pdfPages(t, d)
	var page string
	for _, p := range pages {
		if strings.Contains(p, "II. Tỷ lệ xã") {
			page = p
		}
	}
	for i, p := range provinces {
		if value := fmt.Sprintf("%s,%d %%", fmt.Sprint(70+(9*i)/10), (9*i)%10); !regexp.MustCompile(regexp.QuoteMeta(p) + `\s+` + value).MatchString(page) {
			t.Errorf("the chart's page lacks %s with %s", p, value)
		}
	}
	if !strings.Contains(page, "mục tiêu 100,0 %") {
		t.Error("the chart does not explain its target line")
	}
}

// A chart of every commune of a province runs over pages without losing
// a bar.
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

// BenchmarkWritePDF_ThreePages measures a three-page report with a table
// of 50 wrapped rows: go test -bench WritePDF -run '^$' ./exports
func BenchmarkWritePDF_ThreePages(b *testing.B) {
	d := officialReport(50, same)
	if n := len(pdfPages(b, d)); n != 3 {
		b.Fatalf("%d pages, want 3", n)
	}
	for b.Loop() {
		var buf bytes.Buffer
		if err := exports.WritePDF(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
}
