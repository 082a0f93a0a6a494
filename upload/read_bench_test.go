package upload_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"baove"
	"baove/exports"
	"baove/upload"

	"github.com/xuri/excelize/v2"
)

// disbursementXLSX writes n rows of a disbursement import as the import
// benchmark writes them (bench/writes_test.go): the line's id, an amount,
// a date, a voucher number and a description, through exports.WriteXLSX.
func disbursementXLSX(tb testing.TB, n int) []byte {
	tb.Helper()
	cols := []exports.Column{{Title: "Mã dòng ngân sách", Kind: upload.Count}, {Title: "Số tiền (đồng)", Kind: upload.Money},
		{Title: "Ngày chi", Kind: upload.Date}, {Title: "Số chứng từ", Kind: upload.Text}, {Title: "Nội dung", Kind: upload.Text}}
	rows := make([][]any, n)
	first := baove.NewDate(2026, 1, 1)
	for j := range rows {
		rows[j] = []any{int64(51 + j%7), int64(1_000 * (1 + j%10)), first.AddDays(j % 330), fmt.Sprintf("NK-%05d", j),
			"Chi hỗ trợ hoạt động (nhập từ tệp)"}
	}
	var buf bytes.Buffer
	sheet := exports.Sheet{Name: "Giải ngân", Table: exports.Table{Columns: cols, Rows: rows}}
	if err := exports.WriteXLSX(&buf, exports.Workbook{Sheets: []exports.Sheet{sheet}}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkRead reads a workbook of 10,000 disbursements, the file the
// import benchmark sends. Besides the time, it reports the CPU time an
// operation takes (the collector's included), which a busy machine
// changes less.
func BenchmarkRead(b *testing.B) {
	file := disbursementXLSX(b, 10_000)
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		up, err := upload.Read(bytes.NewReader(file), upload.MaxSize)
		if err != nil || len(up.Rows) != 10_000 {
			b.Fatalf("read %v rows: %v", up, err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// sharedStringsXLSX writes n rows of a disbursement import cell by cell,
// as Excel and excelize write them: their text is shared strings.
func sharedStringsXLSX(tb testing.TB, n int) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	header := []any{"Mã dòng ngân sách", "Số tiền (đồng)", "Ngày chi", "Số chứng từ", "Nội dung"}
	if err := f.SetSheetRow("Sheet1", "A1", &header); err != nil {
		tb.Fatal(err)
	}
	for j := range n {
		row := []any{51 + j%7, 1_000 * (1 + j%10), first.AddDate(0, 0, j%330), fmt.Sprintf("NK-%05d", j), "Chi hỗ trợ hoạt động (nhập từ tệp)"}
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", j+2), &row); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkReadSharedStrings reads the same rows from a workbook whose
// text is shared strings.
func BenchmarkReadSharedStrings(b *testing.B) {
	file := sharedStringsXLSX(b, 10_000)
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		up, err := upload.Read(bytes.NewReader(file), upload.MaxSize)
		if err != nil || len(up.Rows) != 10_000 {
			b.Fatalf("read %v rows: %v", up, err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}
