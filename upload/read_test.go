package upload_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"baove"
	"baove/upload"
)

// The fields of a disbursement import, as a budget package would declare them.
var (
	fCommune = upload.Field{Key: "commune", Title: "Xã, phường", Kind: upload.Text, Required: true}
	fAmount  = upload.Field{Key: "amount", Title: "Số tiền (đồng)", Kind: upload.Money, Required: true}
	fPaidOn  = upload.Field{Key: "paid_on", Title: "Ngày chi", Kind: upload.Date, Required: true}
	fRate    = upload.Field{Key: "rate", Title: "Tỷ lệ", Kind: upload.Percent, Places: 1}
	fields   = []upload.Field{fCommune, fAmount, fPaidOn, fRate}
)

// disbursement is one row as the import reads it.
type disbursement struct {
	commune string
	amount  int64
	paidOn  baove.Date
	rate    decimal.Decimal
}

// readDisbursements reads an upload the way an import handler would.
func readDisbursements(t *testing.T, file []byte) ([]disbursement, error) {
	t.Helper()
	up, err := upload.Read(bytes.NewReader(file), 5<<20)
	if err != nil {
		return nil, err
	}
	if err := up.CheckColumns(fields); err != nil {
		return nil, err
	}
	var c upload.Checker
	var out []disbursement
	for _, r := range up.Rows {
		out = append(out, disbursement{c.Text(r, fCommune), c.Money(r, fAmount), c.Date(r, fPaidOn), c.Decimal(r, fRate)})
	}
	return out, c.Err()
}

// xlsxOf writes rows into the first sheet of a new workbook; a nil row
// stays empty, and a styled cell gets the style prepare made for it.
func xlsxOf(t *testing.T, rows [][]any, prepare ...func(*excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for _, p := range prepare {
		p(f)
	}
	for i, r := range rows {
		for j, v := range r {
			name, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := setCell(f, name, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func setCell(f *excelize.File, name string, v any) error {
	s, ok := v.(styled)
	if !ok {
		return f.SetCellValue("Sheet1", name, v)
	}
	if err := f.SetCellValue("Sheet1", name, s.v); err != nil {
		return err
	}
	return f.SetCellStyle("Sheet1", name, name, *s.style)
}

// styled is a cell with the style that *style holds once the file is
// prepared.
type styled struct {
	style *int
	v     any
}

// fiveHundredRows is a disbursement file of 500 rows under a header; the
// amount on sheet row 251 is "1.500,50", which is not whole đồng.
func fiveHundredRows() [][]string {
	rows := [][]string{{"Xã, phường", "Số tiền (đồng)", "Ngày chi", "Tỷ lệ"}}
	for n := 1; n <= 500; n++ {
		amount := fmt.Sprintf("%d.000", n)
		if n == 250 {
			amount = "1.500,50"
		}
		rows = append(rows, []string{fmt.Sprintf("Xã Mường Nhé %d", n), amount, "15/03/2026", "87,5 %"})
	}
	return rows
}

func TestRead_ReportsTheOneBadRowOf500(t *testing.T) {
	rows := fiveHundredRows()
	var csvFile strings.Builder
	var sheet [][]any
	for _, r := range rows {
		csvFile.WriteString(strings.Join(r, ";") + "\r\n")
		sheet = append(sheet, []any{r[0], r[1], r[2], r[3]})
	}
	files := map[string][]byte{"csv": []byte(csvFile.String()), "xlsx": xlsxOf(t, sheet)}
	for kind, file := range files {
		t.Run(kind, func(t *testing.T) {
			got, err := readDisbursements(t, file)
			var rowsErr *upload.RowsError
			if !errors.As(err, &rowsErr) || len(rowsErr.Cells) != 1 {
				t.Fatalf("err = %v, want one bad cell", err)
			}
			if c := rowsErr.Cells[0]; c.Row != 251 || c.Column != "amount" || c.Value != "1.500,50" {
				t.Errorf("bad cell = %+v, want row 251, column amount", c)
			}
			var appErr *baove.Error
			if !errors.As(err, &appErr) || appErr.Code != baove.EINVALID || appErr.Fields[0].Field != "rows[251].amount" {
				t.Errorf("the API would answer %+v, want EINVALID naming rows[251].amount", appErr)
			}
			if len(got) != 500 || got[0].amount != 1000 || got[499].amount != 500000 || got[499].paidOn != baove.NewDate(2026, 3, 15) ||
				!got[499].rate.Equal(decimal.RequireFromString("0.875")) || got[499].commune != "Xã Mường Nhé 500" {
				t.Errorf("the good rows read wrong: %d rows, last %+v", len(got), got[len(got)-1])
			}
		})
	}
}

// Excel shows 1500000 as "1,500,000" and a date as "03-15-26"; an import
// must read the values under the formats.
func TestRead_ReadsRawValuesNotTheirFormat(t *testing.T) {
	var money, date, percent int
	file := xlsxOf(t, [][]any{
		{"Xã, phường", "Số tiền (đồng)", "Ngày chi", "Tỷ lệ"},
		{"Xã Nậm Nèn", styled{&money, 1500000}, styled{&date, 46096}, styled{&percent, 0.875}},
		{"Xã Ẳng Nưa", "1.500.000", "2026-03-15", "87,5 %"}, // the same, typed as text
		{"Xã Tủa Thàng", styled{&money, 1.125}, styled{&date, 46096}, nil},
	}, func(f *excelize.File) {
		money, _ = f.NewStyle(&excelize.Style{NumFmt: 3})
		date, _ = f.NewStyle(&excelize.Style{NumFmt: 14})
		percent, _ = f.NewStyle(&excelize.Style{NumFmt: 10})
	})
	shown := formatted(t, file, "B2")
	if shown != "1,500,000" {
		t.Fatalf("the test file shows %q; it should show a formatted amount", shown)
	}
	got, err := readDisbursements(t, file)
	want := disbursement{"", 1500000, baove.NewDate(2026, 3, 15), decimal.RequireFromString("0.875")}
	for i, d := range got[:2] {
		if d.amount != want.amount || d.paidOn != want.paidOn || !d.rate.Equal(want.rate) {
			t.Errorf("row %d read as %+v, want %+v", i+2, d, want)
		}
	}
	// The number 1.125 is a fraction of a đồng, not the text "1.125".
	var rowsErr *upload.RowsError
	if !errors.As(err, &rowsErr) || len(rowsErr.Cells) != 1 || rowsErr.Cells[0].Row != 4 || rowsErr.Cells[0].Column != "amount" {
		t.Errorf("err = %v, want only row 4's fractional amount", err)
	}
}

func formatted(t *testing.T, file []byte, cell string) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, _ := f.GetCellValue("Sheet1", cell)
	return v
}

func TestRead_ReadsCSVAsExcelSavesIt(t *testing.T) {
	// Excel's "CSV UTF-8" starts with a byte order mark; where the comma is
	// the decimal mark it separates with semicolons. Names may arrive
	// decomposed, and headers typed without diacritics or as keys.
	files := map[string]string{
		"comma, BOM":  "\xEF\xBB\xBF\"xa, phuong\",amount,NGÀY CHI\r\n\"Xã Nậm Nèn, Mường Chà\",1.500.000,15/03/2026\r\n",
		"semicolon":   "Xã, phường;Số tiền (đồng);Ngày chi;Tỷ lệ\nXã Nậm Nèn, Mường Chà;1500000;2026-03-15;87,5%\n",
		"decomposed":  norm.NFD.String("Xã, phường;Số tiền (đồng);Ngày chi\nXã Nậm Nèn, Mường Chà;1500000;15/3/2026\n"),
		"blank lines": "\n\nXã, phường;Số tiền (đồng);Ngày chi\n;;\nXã Nậm Nèn, Mường Chà;1500000;15/03/2026\n\n",
	}
	for name, file := range files {
		t.Run(name, func(t *testing.T) {
			got, err := readDisbursements(t, []byte(file))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].commune != "Xã Nậm Nèn, Mường Chà" || got[0].amount != 1500000 || got[0].paidOn != baove.NewDate(2026, 3, 15) {
				t.Errorf("read %+v", got)
			}
		})
	}
}

// A problem names the row the user sees in the spreadsheet, blank rows
// counted.
func TestRead_NumbersRowsAsTheSheetShowsThem(t *testing.T) {
	file := xlsxOf(t, [][]any{
		nil,
		{"Xã, phường", "Số tiền (đồng)", "Ngày chi"},
		{"Xã Nậm Nèn", 1000, "15/03/2026"},
		nil,
		{"Xã Ẳng Nưa", -5, "31/02/2026"},
		{"", 1000, "15/03/2026"},
	})
	_, err := readDisbursements(t, file)
	var rowsErr *upload.RowsError
	if !errors.As(err, &rowsErr) {
		t.Fatalf("err = %v", err)
	}
	want := []upload.CellError{
		{Row: 5, Column: "amount", Key: "upload.cell.negative", Value: "-5"},
		{Row: 5, Column: "paid_on", Key: "upload.cell.not_date", Value: "31/02/2026"},
		{Row: 6, Column: "commune", Key: "field.required"},
	}
	if fmt.Sprint(rowsErr.Cells) != fmt.Sprint(want) {
		t.Errorf("problems:\n%+v\nwant:\n%+v", rowsErr.Cells, want)
	}
}

func TestRead_NumbersCSVRowsAsASpreadsheetWould(t *testing.T) {
	file := "Xã, phường;Số tiền (đồng);Ngày chi\n" + // row 1
		"\"Xã Nậm Nèn\nMường Chà\";1000;15/03/2026\n" + // row 2, over two lines
		"\n" + // row 3, blank
		"Xã Ẳng Nưa;1,5;15/03/2026\n" // row 4
	_, err := readDisbursements(t, []byte(file))
	var rowsErr *upload.RowsError
	if !errors.As(err, &rowsErr) || len(rowsErr.Cells) != 2 {
		t.Fatalf("err = %v, want two problems", err)
	}
	// A commune's name holds no line break; the amount is not whole đồng.
	if a, b := rowsErr.Cells[0], rowsErr.Cells[1]; a.Row != 2 || a.Column != "commune" || b.Row != 4 || b.Column != "amount" {
		t.Errorf("problems at %+v, want row 2's commune and row 4's amount", rowsErr.Cells)
	}
}

func TestFile_CheckColumnsNamesEachMissingColumn(t *testing.T) {
	up, err := upload.Read(strings.NewReader("Xã, phường;Tỷ lệ\nXã Nậm Nèn;5\n"), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	err = up.CheckColumns(fields)
	var appErr *baove.Error
	if !errors.As(err, &appErr) || appErr.Code != baove.EINVALID || len(appErr.Fields) != 2 ||
		appErr.Fields[0].Field != "columns.amount" || appErr.Fields[1].Field != "columns.paid_on" {
		t.Errorf("err = %+v, want the amount and date columns named", appErr)
	}
	if got := up.Rows[0].Value("xa, PHUONG"); got != "Xã Nậm Nèn" {
		t.Errorf("Value by a folded title = %q", got)
	}
}

// endless is a reader that never ends, like a client that keeps sending.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func TestRead_RefusesFilesOverTheCap(t *testing.T) {
	file := xlsxOf(t, [][]any{{"Xã, phường"}, {"Xã Nậm Nèn"}})
	if _, err := upload.Read(bytes.NewReader(file), int64(len(file))); err != nil {
		t.Fatalf("a file of exactly the cap: %v", err)
	}
	if _, err := upload.Read(bytes.NewReader(file), int64(len(file)-1)); baove.ErrorCode(err) != baove.ETOOLARGE {
		t.Errorf("a file a byte over the cap: err = %v, want ETOOLARGE", err)
	}
	if _, err := upload.Read(endless{}, 64<<10); baove.ErrorCode(err) != baove.ETOOLARGE {
		t.Errorf("an endless upload: err = %v, want ETOOLARGE", err)
	}
}

func TestRead_ExplainsFilesItCannotRead(t *testing.T) {
	cases := map[string]string{
		"an .xls file":       "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest of an old Excel file",
		"a Windows-1258 CSV": "X\xE3, ph\xFD\xF4ng;S\xF4 ti\xEAn\n",
		"an empty file":      "",
		"blank lines only":   "\n;;\n",
		"a title twice":      "Số tiền;SO TIEN\n1;2\n",
		"a broken quote":     "Xã;Số tiền\n\"Xã Nậm Nèn;1\n",
		"a broken zip":       "PK\x03\x04 not really a zip",
	}
	for name, file := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := upload.Read(strings.NewReader(file), 1<<20); baove.ErrorCode(err) != baove.EINVALID {
				t.Errorf("err = %v, want EINVALID", err)
			}
		})
	}
}
