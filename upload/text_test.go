package upload_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"baove"
	"baove/upload"
	"baove/upload/uploadtest"
)

var fNote = upload.Field{Key: "note", Title: "Ghi chú", Kind: upload.Text, FreeText: true}

// cellProblems reads file's commune, amount and note and returns each
// problem as "row.column key args".
func cellProblems(t *testing.T, file []byte) ([]string, []string) {
	t.Helper()
	up, err := upload.Read(bytes.NewReader(file), upload.MaxSize)
	if err != nil {
		t.Fatal(err)
	}
	var c upload.Checker
	var notes []string
	for _, r := range up.Rows {
		c.Text(r, fCommune)
		c.Money(r, fAmount)
		notes = append(notes, c.Text(r, fNote))
	}
	var rowsErr *upload.RowsError
	if !errors.As(c.Err(), &rowsErr) {
		t.Fatalf("err = %v", c.Err())
	}
	var got []string
	for _, e := range rowsErr.Cells {
		got = append(got, fmt.Sprintf("%d.%s %s %v", e.Row, e.Column, e.Key, e.Args))
	}
	return got, notes
}

// A control character is a problem naming its cell, but for the tabs and
// line breaks of a free-text cell; so is text that is not UTF-8.
func TestChecker_RefusesControlCharactersNamingTheCell(t *testing.T) {
	csv := "Xã, phường;Số tiền (đồng);Ghi chú\n" +
		"Xã\x00 Nậm Nèn;1000;\n" + // row 2: a NUL in a name
		"Xã Nậm Nèn;1000;\"dòng 1\r\ndòng 2\tcột\"\n" + // row 3, over two lines: a note may hold them
		"Xã\tNậm Nèn;1\x0b000;a\x1bb\n" // row 4: a tab in a name, a vertical tab in an amount, an escape in a note
	got, notes := cellProblems(t, []byte(csv))
	want := []string{
		"2.commune upload.control_character map[char:U+0000 position:3]",
		"4.commune upload.control_character map[char:U+0009 position:3]",
		"4.amount upload.control_character map[char:U+000B position:2]",
		"4.note upload.control_character map[char:U+001B position:2]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if notes[1] != "dòng 1\ndòng 2\tcột" {
		t.Errorf("the note reads %q", notes[1])
	}
}

// In an XLSX file, control characters and lone surrogates arrive as
// _xHHHH_ escapes; Windows line breaks in a note become "\n", a lone
// carriage return is refused.
func TestChecker_RefusesEscapedControlCharactersAndSurrogates(t *testing.T) {
	cell := func(s string) string { return `<c t="inlineStr"><is><t>` + s + `</t></is></c>` }
	rows := `<row>` + cell("Xã, phường") + cell("Số tiền (đồng)") + cell("Ghi chú") + `</row>` +
		`<row>` + cell("Xã_x0001_") + `<c><v>5</v></c>` + cell("a_x000D_&#10;b") + `</row>` +
		`<row>` + cell("Xã _xD800_") + `<c><v>5</v></c>` + cell("a_x000D_b") + `</row>`
	got, notes := cellProblems(t, uploadtest.XLSX(uploadtest.SheetPart(rows)))
	want := []string{
		"2.commune upload.control_character map[char:U+0001 position:3]",
		"3.commune upload.invalid_utf8 map[position:4]",
		"3.note upload.control_character map[char:U+000D position:2]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if notes[0] != "a\nb" {
		t.Errorf("the note reads %q", notes[0])
	}
}

// The API names the cell and says what to do, in the caller's language.
func TestChecker_ExplainsAControlCharacter(t *testing.T) {
	up, err := upload.Read(strings.NewReader("Xã, phường;Số tiền (đồng)\nXã\x00;1\n"), upload.MaxSize)
	if err != nil {
		t.Fatal(err)
	}
	var c upload.Checker
	c.Text(up.Rows[0], fCommune)
	var e *baove.Error
	if !errors.As(c.Err(), &e) || e.Fields[0].Field != "rows[2].commune" || e.Fields[0].Value != `"Xã\x00"` {
		t.Fatalf("err = %#v", c.Err())
	}
	if got := e.Fields[0].Text("vi"); !strings.HasPrefix(got, "có ký tự điều khiển U+0000 ở vị trí 3") {
		t.Errorf("in Vietnamese: %q", got)
	}
}

// A CSV file that is not UTF-8 is refused naming each row that is not.
func TestRead_NamesTheCSVRowsThatAreNotUTF8(t *testing.T) {
	_, err := upload.Read(strings.NewReader("Xã;Số tiền\nX\xE3;1\nXã Nậm Nèn;2\n\xff;3\n"), upload.MaxSize)
	var e *baove.Error
	if !errors.As(err, &e) || e.Code != baove.EINVALID || len(e.Fields) != 2 ||
		e.Fields[0].Field != "rows[2]" || e.Fields[1].Field != "rows[4]" || e.Fields[0].Key != "upload.csv_not_utf8" {
		t.Errorf("err = %#v, want rows 2 and 4 named", err)
	}
}

// A CSV file is held to the same limits as an XLSX file, and a line of
// separators is refused before it is split.
func TestRead_RefusesCSVFilesOverTheLimits(t *testing.T) {
	cases := map[string]struct {
		csv  string
		key  string
		args string
	}{
		"20,000 separators":  {"a" + strings.Repeat(";", 20_000) + "\n", "upload.record_too_wide", "map[max:16384]"},
		"a value in col 300": {"a" + strings.Repeat(";", 299) + "x\n", "upload.too_many_columns", "map[column:KN max:256 row:1]"},
		"100,001 rows":       {"a\n" + strings.Repeat("1\n", 100_001), "upload.too_many_rows", "map[max:100000]"},
		"a million cells":    {"a;b;c;d;e;f;g;h;i;j;k;l\n" + strings.Repeat("1;1;1;1;1;1;1;1;1;1;1;1\n", 90_000), "upload.too_many_cells", "map[max:1000000]"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := upload.Read(strings.NewReader(c.csv), upload.MaxSize)
			var e *baove.Error
			if !errors.As(err, &e) || e.Code != baove.ETOOLARGE || e.Key != c.key || fmt.Sprint(e.Args) != c.args {
				t.Errorf("err = %v (%#v), want %s %s", err, e, c.key, c.args)
			}
		})
	}
}
