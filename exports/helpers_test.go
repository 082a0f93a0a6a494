package exports_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"baove"
	"baove/exports"
)

// pdfPages renders d and returns the text of each page as pdftotext -layout
// reads it. It skips the test where poppler-utils is not installed, unless
// BAOVE_TEST_PDFTOTEXT is set (CI sets it), where it fails instead.
func pdfPages(t testing.TB, d exports.Document) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("BAOVE_TEST_PDFTOTEXT") != "" {
			t.Fatal("BAOVE_TEST_PDFTOTEXT is set but pdftotext (poppler-utils) is not installed")
		}
		t.Skip("pdftotext is not installed (apt-get install poppler-utils); set BAOVE_TEST_PDFTOTEXT=1 to make this a failure")
	}
	cmd := exec.Command(bin, "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(renderPDF(t, d))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
}

func renderPDF(t testing.TB, d exports.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exports.WritePDF(&buf, d); err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	return buf.Bytes()
}

// officialReport is a provincial report as Decree 30/2020 lays it out,
// with every Vietnamese diacritic a report meets and, in its annex, a
// table of rows rows. Each string passes through text, so that a test can
// hand the renderer decomposed input.
func officialReport(rows int, text func(string) string) exports.Document {
	return exports.Document{
		Issuer: []string{text("Ủy ban nhân dân"), text("Tỉnh Điện Biên")},
		Number: text("Số: 05/BC-UBND"),
		Place:  text("Điện Biên"),
		Date:   baove.NewDate(2027, 1, 5),
		Kind:   text("Báo cáo"),
		Title:  text("Tình hình giải ngân kinh phí bảo vệ trẻ em năm 2026"),
		Blocks: []exports.Block{
			exports.Heading{Text: text("I. Kết quả thực hiện")},
			exports.Paragraph{Text: text("Đặc khu Côn Đảo và các xã vùng cao đã bố trí người làm công tác bảo vệ trẻ em; " +
				"người lập biểu Quàng Văn Sơn tổng hợp số liệu theo từng xã, phường, đặc khu, chi tiết tại Phụ lục.")},
			exports.KeyValues{{Key: text("Kỳ báo cáo"), Value: text("Năm 2026")}, {Key: text("Nguồn kinh phí"), Value: text("Ngân sách tỉnh")}},
			exports.Paragraph{Text: text("Kinh phí được giao theo từng xã, phường, đặc khu; tỷ lệ giải ngân đạt 87,5 %.")},
		},
		Signer: &exports.Signer{Lines: []string{text("TM. Ủy ban nhân dân"), text("KT. Chủ tịch"), text("Phó Chủ tịch")},
			Name: text("Nguyễn Đức Ưng")},
		Recipients: []string{text("Bộ Y tế"), text("TT Tỉnh ủy, TT HĐND tỉnh"), text("Lưu: VT, Sở Y tế")},
		Annexes: []exports.Annex{{Label: text("Phụ lục"), Title: text("Kinh phí giao cho các xã năm 2026"),
			Subtitle: text("(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 01 năm 2027 của Ủy ban nhân dân tỉnh Điện Biên)"),
			Blocks:   []exports.Block{exports.Heading{Text: text("Biểu 1. Kinh phí theo xã")}, budgetTable(rows, text)},
			Signatures: []exports.Signature{
				{Title: text("Người lập biểu"), Name: text("Quàng Văn Sơn")},
				{Title: text("Kế toán trưởng"), Name: text("Lò Thị Hương")},
				{Title: text("Thủ trưởng đơn vị"), Name: text("Nguyễn Đức Ưng")},
			}}},
	}
}

// budgetTable lists commune n with 1.234.567 × n đồng allocated and a
// disbursement rate of 87,5 %; every name wraps onto a second line.
func budgetTable(rows int, text func(string) string) exports.Table {
	t := exports.Table{Columns: []exports.Column{
		{Title: text("STT"), Kind: exports.Count, Width: 0.6},
		{Title: text("Tên đơn vị"), Kind: exports.Text},
		{Title: text("Kinh phí được giao"), Kind: exports.Money},
		{Title: text("Tỷ lệ giải ngân"), Kind: exports.Percent, Places: 1},
		{Title: text("Ngày giao"), Kind: exports.Date},
	}}
	total := int64(0)
	for n := 1; n <= rows; n++ {
		amount := int64(1234567 * n)
		total += amount
		t.Rows = append(t.Rows, []any{n, text(fmt.Sprintf("Xã Mường Nhé số %03d thuộc Đặc khu Côn Đảo", n)), amount,
			decimal.RequireFromString("0.875"), baove.NewDate(2026, 3, 15)})
	}
	t.Totals = []any{nil, text("Tổng cộng"), total, nil, nil}
	return t
}

func same(s string) string { return s }

// provinces are the 34 provinces and cities in force since 1 July 2025.
var provinces = []string{"Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
	"Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
	"Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk",
	"Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang"}
