package upload

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"baove/upload/uploadtest"
)

// corpus returns workbooks to read with the scanner and with the
// reference: written by excelize, cell by cell (shared strings) and
// through its stream writer (inline strings), and written by hand, as
// other spreadsheets write them, and the zip bombs.
func corpus(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{
		"values":         excelizeBook(t, false, values()),
		"values in 1904": excelizeBook(t, true, values()),
		"streamed":       streamedBook(t),
		"shared strings, many": excelizeBook(t, false, func(f *excelize.File) error {
			for j := range 6_000 {
				row := []any{fmt.Sprintf("NK-%05d %s", j, strings.Repeat("ạ", j%40)), j, "Chi hỗ trợ", fmt.Sprintf("%d", j%100)}
				if err := f.SetSheetRow("Sheet1", fmt.Sprintf("B%d", j+1), &row); err != nil {
					return err
				}
			}
			return nil
		}),
		"a cell too long": excelizeBook(t, false, func(f *excelize.File) error {
			return f.SetCellValue("Sheet1", "A1", strings.Repeat("ạ", 32_767)+"x")
		}),
	}
	for name, sheet := range handSheets {
		files["by hand: "+name] = uploadtest.XLSX(uploadtest.SheetPart(sheet), uploadtest.Part{Name: uploadtest.SharedStrings, Head: handShared})
	}
	files["prefixed"] = uploadtest.XLSX(
		uploadtest.Part{Name: uploadtest.Sheet, Head: `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
			`<x:row r="1"><x:c r="A1" t="s"><x:v>1</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>` +
			`<x:row r="2"><x:c r="A2"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`},
		uploadtest.Part{Name: uploadtest.SharedStrings, Head: `<x:sst xmlns:x="u"><x:si><x:t>a</x:t></x:si><x:si><x:r><x:t>Xã </x:t></x:r><x:r><x:t>Nậm Nèn</x:t></x:r></x:si></x:sst>`})
	for _, name := range uploadtest.BombNames {
		files["bomb: "+name] = uploadtest.Bomb(name, 1<<20)
	}
	files["bomb: rows, to the limit"] = uploadtest.Bomb("rows", 9<<20)
	return files
}

// values writes cells of every kind a user types, sparse, into Sheet1.
func values() func(*excelize.File) error {
	cells := map[string]any{
		"A1": "Xã, phường", "B1": "Số tiền (đồng)", "C1": "Ngày chi", "E1": "Ghi chú", "AA1": "Xa",
		"A2": "Xã Nậm Nèn", "B2": int64(1_500_000), "C2": time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), "E2": "a & b < c > d \" ' e",
		"A3": "ạ ỗ 😀 \u0301e", "B3": -2.5e-7, "C3": true, "E3": "dòng 1\r\ndòng 2\rdòng 3\n", "AA3": 1e20,
		"A5": "  đệm  ", "B5": 0.875, "E5": "a_x0041_b_x000D_", "Z5": "",
		"A1000": "cuối", "B1000": uint8(7), "C1000": time.Date(1904, 1, 2, 12, 0, 0, 0, time.UTC),
	}
	return func(f *excelize.File) error {
		for ref, v := range cells {
			if err := f.SetCellValue("Sheet1", ref, v); err != nil {
				return err
			}
		}
		if err := f.SetCellFormula("Sheet1", "D2", "B2*2"); err != nil {
			return err
		}
		if err := f.SetCellRichText("Sheet1", "D3", []excelize.RichTextRun{{Text: "Xã "}, {Text: "Mường Phăng", Font: &excelize.Font{Bold: true}}}); err != nil {
			return err
		}
		return f.MergeCell("Sheet1", "A6", "C6")
	}
}

// excelizeBook writes a workbook with excelize, counting dates from 1904
// or not, its cells set by fill.
func excelizeBook(t *testing.T, date1904 bool, fill func(*excelize.File) error) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
		t.Fatal(err)
	}
	if err := fill(f); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// streamedBook writes 2,000 rows through excelize's stream writer, as the
// reports and the import benchmark do.
func streamedBook(t *testing.T) []byte {
	return excelizeBook(t, false, func(f *excelize.File) error {
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			return err
		}
		if err := sw.SetRow("A1", []any{"Mã", "Số tiền", "Ngày", "Số chứng từ", "Nội dung"}); err != nil {
			return err
		}
		for i := range 2_000 {
			row := []any{51 + i%7, int64(1000 * i), time.Date(2026, 1, 1+i%300, 0, 0, 0, 0, time.UTC), fmt.Sprintf("NK-%05d", i), "Chi hỗ trợ & <nhập>"}
			if i%10 == 3 {
				row[3] = nil
			}
			if err := sw.SetRow(fmt.Sprintf("A%d", i+2), row); err != nil {
				return err
			}
		}
		return sw.Flush()
	})
}

// handShared are the shared strings of the sheets written by hand.
const handShared = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4">` +
	`<si><t>A</t></si><si><r><t>a_x005F_x0041_</t></r><r><rPr><b/></rPr><t xml:space="preserve"> b </t></r><rPh><t>x</t></rPh></si>` +
	`<si><t>&amp;&lt;&#x1EA1;&#13;</t></si><si><t/></si><si><t><![CDATA[<c>]]></t></si></sst>`

// handSheets are the sheetData of sheets as other writers write them.
var handSheets = map[string]string{
	"without references": `<row><c t="s"><v>0</v></c><c t="inlineStr"><is><t>B</t></is></c><c><v>C</v></c></row><row><c/><c t="s"><v>2</v></c></row>`,
	"formulas and types": `<row r="2"><c r="A2" t="str"><f>A1</f><v>x_x0041_</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#DIV/0!</v></c>` +
		`<c r="D2" t="d"><v>2026-03-15T00:00:00Z</v></c><c r="E2"><f>1/3</f><v>0.33333333333333331</v></c><c r="F2" t="n"><v>1.5E+7</v></c></row>`,
	"rich inline text": `<row r="3"><c r="A3" t="inlineStr"><is><r><t>Xã </t></r><r><rPr><b/></rPr><t xml:space="preserve">Nậm Nèn </t></r><rPh><t>phonetic</t></rPh></is></c>` +
		`<c r="B3" t="inlineStr"><is><t>a</t></is><is><t>b</t></is></c><c r="C3" t="s"></c><c r="D3" t="s"><v> 1 </v></c><c r="E3" t="s"><v>4</v></c></row>`,
	"entities and line ends": "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a &amp; b\r\nc&#10;d &#x1F600;</t></is></c><c r=\"B1\"><v>&#49;&#50;</v></c></row>" +
		"<!-- a comment --><?pi x?><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t><![CDATA[<&>]]></t></is></c><c r=\"$b$2\"><v>2</v></c><c r=\"c2\"><v>3</v></c></row>",
	"sparse":             `<row r="1"><c r="A1"><v>1</v></c><c r="IV1"><v>2</v></c></row><row r="5" spans="1:3"><c r="C5" s="3"/><c r="D5"><v>4</v></c></row><row r="7"/>`,
	"past the columns":   `<row r="1"><c r="A1"><v>1</v></c><c r="IW1"><v>2</v></c></row>`,
	"empty past columns": `<row r="1"><c r="A1"><v>1</v></c><c r="IW1"/><c r="XFD1" s="1"></c></row>`,
	"row numbers":        `<row r="+2"><c><v>1</v></c></row><row r="0003"><c><v>1</v></c></row><row r="1048576"><c><v>1</v></c></row>`,
	"a bad row number":   `<row r="2x"><c><v>1</v></c></row>`,
	"a bad reference":    `<row r="1"><c r="A0"><v>1</v></c></row>`,
	"a reference past":   `<row r="1"><c r="XFE1"><v>1</v></c></row>`,
	"nested cells":       `<row r="1"><c r="B1" t="inlineStr"><is><c><v>x</v></c><t>y</t></is></c></row>`,
	"a missing string":   `<row><c t="s"><v>9</v></c></row>`,
	"a negative string":  `<row><c t="s"><v>-1</v></c></row>`,
	"unbalanced":         `<row><c><v>1</c></row>`,
	"an unknown entity":  `<row><c><v>&bomb;</v></c></row>`,
	"a control":          "<row><c t=\"inlineStr\"><is><t>a\x01</t></is></c></row>",
	"escaped controls":   `<row><c t="inlineStr"><is><t>a_x0001_b_xD800_</t></is></c><c><v>_x0031_</v></c></row>`,
	"deep":               strings.Repeat("<a>", 60) + strings.Repeat("</a>", 60) + strings.Repeat("<a>", 62) + strings.Repeat("</a>", 62),
	"too deep":           strings.Repeat("<a>", 63) + strings.Repeat("</a>", 63),
	"a cell too long":    `<row><c t="inlineStr"><is><t>` + strings.Repeat("ă", 32_768) + `</t></is></c></row>`,
	"a long text":        `<row><c t="inlineStr"><is><t>` + strings.Repeat("ă", 32_767) + `</t></is></c></row>` + strings.Repeat(" ", maxToken+5),
	// Tokens at their limit, with and without a text before them, whose
	// '<' the decoder took.
	"a tag of the limit":        `<row r="1" x="` + strings.Repeat("a", maxToken-17) + `"/>`,
	"a tag past the limit":      `<row r="1" x="` + strings.Repeat("a", maxToken-16) + `"/>`,
	"a tag of the limit, after": ` <row r="1" x="` + strings.Repeat("a", maxToken-16) + `"/>`,
	"a tag past it, after":      ` <row r="1" x="` + strings.Repeat("a", maxToken-15) + `"/>`,
	"a text of the limit":       strings.Repeat(" ", maxToken-1) + `<row/>`,
	"a text past the limit":     strings.Repeat(" ", maxToken) + `<row/>`,
}

// Every workbook of the corpus reads the same through the scanner as
// through encoding/xml: the same rows and values, or the same error.
func TestReadXLSX_ReadsWhatTheReferenceReads(t *testing.T) {
	for name, file := range corpus(t) {
		t.Run(name, func(t *testing.T) {
			got, date1904, err := readXLSX(file, MaxSize)
			want, refDate1904, refErr := refReadXLSX(file, MaxSize)
			g, w := showRows(got, err), showRows(want, refErr)
			if g != w || date1904 != refDate1904 {
				t.Errorf("1904: %v, want %v\n%s", date1904, refDate1904, diffLines(g, w))
			}
			t.Logf("%s: %d rows; %.80s", name, len(got), describeErr(err))
		})
	}
}

func describeErr(err error) string {
	if err == nil {
		return "read"
	}
	return describe(err)
}
