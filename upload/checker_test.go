package upload_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"baove"
	"baove/i18n"
	"baove/upload"
)

func readCSV(t *testing.T, csv string) *upload.File {
	t.Helper()
	up, err := upload.Read(strings.NewReader(csv), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return up
}

func TestChecker_CollectsEveryProblemOfEveryRow(t *testing.T) {
	up := readCSV(t, "commune;amount;paid_on;rate\n"+
		";-5;;\n"+ // row 2: no commune, a negative amount, no date
		"Xã Nậm Nèn;1500000;15/03/2026;abc\n"+ // row 3: a bad rate
		"Xã Ẳng Nưa;2000;15/03/2026;\n") // row 4: good, but the caller finds the commune unknown
	var c upload.Checker
	for _, r := range up.Rows {
		c.Text(r, fCommune)
		c.Money(r, fAmount)
		c.Date(r, fPaidOn)
		c.Decimal(r, fRate)
		if r.Number == 4 {
			c.AddKey(r, fCommune, "unit.commune.not_found", i18n.Args{"code": "Xã Ẳng Nưa"})
		}
	}
	var rowsErr *upload.RowsError
	if !errors.As(c.Err(), &rowsErr) {
		t.Fatalf("err = %v", c.Err())
	}
	var got []string
	for _, e := range rowsErr.Cells {
		got = append(got, fmt.Sprintf("%d.%s", e.Row, e.Column))
	}
	if want := "2.commune 2.amount 2.paid_on 3.rate 4.commune"; strings.Join(got, " ") != want {
		t.Errorf("problems at %s, want %s", strings.Join(got, " "), want)
	}
	var appErr *baove.Error
	if !errors.As(c.Err(), &appErr) || appErr.Text(i18n.EN) != "3 rows of the file are not valid" ||
		appErr.Fields[4].Value != "Xã Ẳng Nưa" {
		t.Errorf("the API error is %+v", appErr)
	}
	if got, want := appErr.Text(i18n.VI), "Có 3 dòng của tệp chưa hợp lệ."; got != want {
		t.Errorf("in Vietnamese the error says %q, want %q", got, want)
	}
	if got, want := appErr.Fields[1].Text(i18n.VI), "không được là số âm"; got != want {
		t.Errorf("in Vietnamese the negative amount says %q, want %q", got, want)
	}
}

func TestChecker_ErrIsNilWhenEveryCellIsGood(t *testing.T) {
	up := readCSV(t, "commune;amount;people\nXã Nậm Nèn;1.500.000;1.200\n")
	people := upload.Field{Key: "people", Title: "Số người", Kind: upload.Count}
	var c upload.Checker
	if n, k := c.Money(up.Rows[0], fAmount), c.Int(up.Rows[0], people); n != 1500000 || k != 1200 || c.Err() != nil {
		t.Errorf("Money = %d, Int = %d, Err = %v", n, k, c.Err())
	}
}

// A file of many bad rows gets an answer of bounded size that still says
// how many problems there were.
func TestChecker_CapsTheProblemsAnAPIAnswerLists(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("commune;amount\n")
	for range 2000 {
		csv.WriteString("Xã Nậm Nèn;abc\n")
	}
	up := readCSV(t, csv.String())
	var c upload.Checker
	for _, r := range up.Rows {
		c.Money(r, fAmount)
	}
	var appErr *baove.Error
	if !errors.As(c.Err(), &appErr) || len(appErr.Fields) != 501 || appErr.Fields[500].Text(i18n.EN) != "and 1,500 more bad cells" {
		t.Errorf("the API error lists %d fields", len(appErr.Fields))
	}
}
