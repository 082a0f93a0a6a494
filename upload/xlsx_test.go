package upload_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baove"
	"baove/upload"
	"baove/upload/uploadtest"
)

// values reads file and returns its rows under the header as the texts
// of the columns titled by headers, "|"-separated.
func values(t *testing.T, file []byte, headers ...string) []string {
	t.Helper()
	up, err := upload.Read(bytes.NewReader(file), upload.MaxSize)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range up.Rows {
		var cells []string
		for _, h := range headers {
			cells = append(cells, r.Value(h))
		}
		out = append(out, fmt.Sprintf("%d:%s", r.Number, strings.Join(cells, "|")))
	}
	return out
}

// The reader gives the raw values excelize gives for a workbook excelize
// writes: the reader replaced excelize's, and must read the same.
func TestRead_ReadsWhatExcelizeReads(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	row := []any{"Xã Nậm Nèn", int64(1500000), 0.875, true, "dòng 1\ndòng 2", "a_x0041_b", "1.500.000", -2.5e-7, "  đệm  "}
	for i, v := range row {
		name, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellValue("Sheet1", name, fmt.Sprintf("c%d", i+1))
		name, _ = excelize.CoordinatesToCellName(i+1, 3)
		f.SetCellValue("Sheet1", name, v)
	}
	f.SetCellFormula("Sheet1", "J3", `"a"&"b"`)
	f.SetCellRichText("Sheet1", "K3", []excelize.RichTextRun{{Text: "Xã "}, {Text: "Mường Phăng", Font: &excelize.Font{Bold: true}}})
	f.SetCellValue("Sheet1", "J1", "c10")
	f.SetCellValue("Sheet1", "K1", "c11")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	want, err := f.GetRows("Sheet1", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	headers := want[0]
	got := values(t, buf.Bytes(), headers...)
	var w []string
	for _, v := range want[2] {
		w = append(w, strings.TrimSpace(v))
	}
	if len(got) != 1 || got[0] != "3:"+strings.Join(w, "|") {
		t.Errorf("read\n%q\nexcelize reads\n%q", got, "3:"+strings.Join(w, "|"))
	}
}

// Files from other writers than Excel: rows and cells without references,
// prefixed element names, inline and rich text, parts found through the
// relationships, and the dates of old Mac workbooks.
func TestRead_ReadsTheXLSXForms(t *testing.T) {
	const main = `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	sheet := uploadtest.Part{Name: "xl/ws/first.xml", Head: `<x:worksheet ` + main + `><x:sheetData>` +
		`<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>B</x:t></x:is></x:c><x:c><x:v>C</x:v></x:c><x:c><x:v>D</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>` +
		`<x:row r="4"><x:c r="B4" t="s"><x:v> 1 </x:v></x:c><x:c r="D4" t="b"><x:v>1</x:v></x:c><x:c r="E4" t="str"><x:f>A1</x:f><x:v>x_x0041_</x:v></x:c></x:row>` +
		`<x:row><x:c t="inlineStr"><x:is><x:r><x:t>Xã </x:t></x:r><x:r><x:t xml:space="preserve">Nậm Nèn</x:t></x:r><x:rPh><x:t>phonetic</x:t></x:rPh></x:is></x:c>` +
		`<x:c t="e"><x:v>#DIV/0!</x:v></x:c><x:c t="d"><x:v>2026-03-15T00:00:00Z</x:v></x:c><x:c><x:v>1.5E+7</x:v></x:c><x:c t="s"></x:c></x:row>` +
		`</x:sheetData><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`}
	shared := uploadtest.Part{Name: "xl/strings/s.xml", Head: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<si><t>A</t></si><si><r><t>a_x005F_x0041_</t></r><r><rPr><b/></rPr><t>b</t></r><rPh><t>x</t></rPh></si><si><t>E</t></si></sst>`}
	rels := uploadtest.Part{Name: "xl/_rels/workbook.xml.rels", Head: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/ws/first.xml"/>` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings/s.xml"/></Relationships>`}
	workbook := uploadtest.Part{Name: uploadtest.Workbook, Head: `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/>` +
		`<sheets><sheet name="Đầu" sheetId="2" r:id="rId7"/><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`}
	got := values(t, uploadtest.XLSX(sheet, shared, rels, workbook), "A", "B", "C", "D", "E")
	want := []string{"4:|a_x0041_b||1|x_x0041_", "5:Xã Nậm Nèn|#DIV/0!|2026-03-15T00:00:00Z|1.5E+7|"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("read\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The 1904 date system: serial 44634 is 15/03/2026.
	up, _ := upload.Read(bytes.NewReader(uploadtest.XLSX(workbook, rels, shared, uploadtest.Part{Name: "xl/ws/first.xml",
		Head: `<worksheet><sheetData><row><c t="inlineStr"><is><t>Ngày chi</t></is></c></row><row><c><v>44634</v></c></row></sheetData></worksheet>`})), upload.MaxSize)
	var c upload.Checker
	if d := c.Date(up.Rows[0], fPaidOn); d != baove.NewDate(2026, 3, 15) {
		t.Errorf("a 1904 serial reads as %s", d)
	}
}

// A sheet no spreadsheet would write is refused, naming what is wrong.
func TestRead_RefusesSheetsNoSpreadsheetWrites(t *testing.T) {
	sheet := func(rows string) []byte { return uploadtest.XLSX(uploadtest.SheetPart(rows)) }
	long := strings.Repeat("ă", 32_768)
	cases := map[string]struct {
		file []byte
		code baove.Code
		key  string
	}{
		"rows out of order":        {sheet(`<row r="2"><c><v>1</v></c></row><row r="1"><c><v>1</v></c></row>`), baove.EINVALID, "upload.past_excel_limits"},
		"cells out of order":       {sheet(`<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>`), baove.EINVALID, "upload.past_excel_limits"},
		"a row past Excel's last":  {sheet(`<row r="1048577"><c><v>1</v></c></row>`), baove.EINVALID, "upload.past_excel_limits"},
		"a value in column 257":    {sheet(`<row r="1"><c r="IW1"><v>1</v></c></row>`), baove.ETOOLARGE, "upload.too_many_columns"},
		"a cell of 32,768 letters": {sheet(`<row><c t="inlineStr"><is><t>` + long + `</t></is></c></row>`), baove.ETOOLARGE, "upload.cell_too_long"},
		"elements 65 deep":         {sheet(strings.Repeat("<a>", 65) + strings.Repeat("</a>", 65)), baove.ETOOLARGE, "upload.xml_too_deep"},
		"a tag of 300 KiB":         {sheet(`<row r="1" x="` + strings.Repeat("a", 300<<10) + `"/>`), baove.ETOOLARGE, "upload.xml_too_long"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := upload.Read(bytes.NewReader(c.file), upload.MaxSize)
			if baove.ErrorCode(err) != c.code || errorKey(err) != c.key {
				t.Errorf("err = %v (%s), want %s %s", err, errorKey(err), c.code, c.key)
			}
		})
	}
	broken := map[string][]byte{
		"a shared string that is not there": sheet(`<row><c t="s"><v>5</v></c></row>`),
		"no sheet":                          uploadtest.XLSX(uploadtest.Part{Name: "xl/_rels/workbook.xml.rels", Head: `<Relationships/>`}),
		"a sheet that does not parse":       sheet(`<row><c><v>1</c></row>`),
		"an entity that is not XML":         sheet(`<row><c><v>&bomb;</v></c></row>`),
		"a sheet cut short":                 uploadtest.XLSX(uploadtest.Part{Name: uploadtest.Sheet, Head: `<worksheet><sheetData><row><c><v>1</v></c></row>`}),
	}
	for name, file := range broken {
		t.Run(name, func(t *testing.T) {
			if _, err := upload.Read(bytes.NewReader(file), upload.MaxSize); baove.ErrorCode(err) != baove.EINVALID {
				t.Errorf("err = %v, want EINVALID", err)
			}
		})
	}
}

// The text of all cells together is bounded, not only each cell's.
func TestRead_RefusesMoreTextThanTheLimit(t *testing.T) {
	sheet := uploadtest.SheetPart("")
	sheet.Unit, sheet.Repeat = `<row><c t="inlineStr"><is><t>`+strings.Repeat("a", 32_000)+`</t></is></c></row>`, 1100
	_, err := upload.Read(bytes.NewReader(uploadtest.XLSX(sheet)), upload.MaxSize)
	var e *baove.Error
	if !errors.As(err, &e) || e.Code != baove.ETOOLARGE || e.Key != "upload.too_much_text" {
		t.Errorf("err = %v, want too much text", err)
	}
}
