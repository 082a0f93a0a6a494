package upload_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"baove"
	"baove/exports"
	"baove/upload"
)

// templateFields are the disbursement fields with the help and examples a
// template shows.
func templateFields() []upload.Field {
	fs := slices.Clone(fields)
	fs[0].Example, fs[0].Help = "Xã Nậm Nèn", "Tên xã, phường hoặc đặc khu nhận kinh phí"
	fs[1].Example = int64(1500000)
	fs[2].Example = baove.NewDate(2026, 3, 15)
	fs[3].Example = decimal.RequireFromString("0.875")
	return fs
}

// A template filled in as it comes reads back as its example row.
func TestWriteTemplate_ReadsBackAsItsExample(t *testing.T) {
	var buf bytes.Buffer
	if err := exports.WriteTemplate(&buf, "Giải ngân", templateFields()); err != nil {
		t.Fatal(err)
	}
	got, err := readDisbursements(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := disbursement{"Xã Nậm Nèn", 1500000, baove.NewDate(2026, 3, 15), decimal.RequireFromString("0.875")}
	if len(got) != 1 || got[0].commune != want.commune || got[0].amount != want.amount || got[0].paidOn != want.paidOn || !got[0].rate.Equal(want.rate) {
		t.Errorf("the template reads as %+v, want %+v", got, want)
	}
}

func TestWriteTemplate_ExplainsEveryColumn(t *testing.T) {
	var buf bytes.Buffer
	if err := exports.WriteTemplate(&buf, "Giải ngân", templateFields()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Giải ngân", "Hướng dẫn"}) {
		t.Fatalf("sheets = %q", got)
	}
	rows, _ := f.GetRows("Hướng dẫn")
	var text strings.Builder
	for _, r := range rows {
		text.WriteString(strings.Join(r, " | ") + "\n")
	}
	for _, want := range []string{
		"Xã, phường | commune | Có (yes) | Chữ (text) | Tên xã, phường hoặc đặc khu nhận kinh phí",
		"Số tiền (đồng) | amount | Có (yes) | Số tiền bằng đồng",
		"Tỷ lệ | rate | Không (no) | Tỷ lệ phần trăm",
		"xóa dòng ví dụ",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the instructions lack %q:\n%s", want, text.String())
		}
	}
}

func TestWriteTemplate_RefusesAnExampleOfTheWrongKind(t *testing.T) {
	fs := templateFields()
	fs[1].Example = "1.500.000"
	if err := exports.WriteTemplate(&bytes.Buffer{}, "Giải ngân", fs); err == nil {
		t.Error("a text example for money was accepted")
	}
}
