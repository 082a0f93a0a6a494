package exports_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"testing"

	"baove/exports"
)

// parts unzips an XLSX file into its parts by name.
func parts(t *testing.T, file []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(b)
	}
	return out
}

// streamOf returns a stream of t's rows and totals, reusing one row as a
// store's stream does.
func streamOf(t exports.Table) exports.RowStream {
	return func(yield func([]any) error) ([]any, error) {
		row := make([]any, len(t.Columns))
		for _, r := range t.Rows {
			copy(row, r)
			if err := yield(row); err != nil {
				return nil, err
			}
		}
		return t.Totals, nil
	}
}

// A streamed sheet is written exactly as the same sheet held as a table:
// the same cells, styles, widths (fitted to the longest value, totals
// included) and frozen header.
func TestWriteXLSX_WritesAStreamAsTheSameTable(t *testing.T) {
	table := budgetTable(40, same)
	write := func(s exports.Sheet) map[string]string {
		var buf bytes.Buffer
		if err := exports.WriteXLSX(&buf, exports.Workbook{Sheets: []exports.Sheet{s}}); err != nil {
			t.Fatal(err)
		}
		return parts(t, buf.Bytes())
	}
	want := write(exports.Sheet{Name: "Sổ giải ngân", Table: table})
	got := write(exports.Sheet{Name: "Sổ giải ngân", Table: exports.Table{Columns: table.Columns}, Stream: streamOf(table)})
	if len(got) != len(want) {
		t.Fatalf("%d parts, want %d", len(got), len(want))
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s differs:\n%.400s\nwant\n%.400s", name, got[name], w)
		}
	}
}

// A stream that fails fails the write, which writes nothing.
func TestWriteXLSX_StopsAtAStreamsError(t *testing.T) {
	broken := errors.New("the database went away")
	table := budgetTable(3, same)
	stream := func(yield func([]any) error) ([]any, error) {
		if err := yield(table.Rows[0]); err != nil {
			return nil, err
		}
		return nil, broken
	}
	var buf bytes.Buffer
	err := exports.WriteXLSX(&buf, exports.Workbook{Sheets: []exports.Sheet{{Name: "Sổ", Table: exports.Table{Columns: table.Columns}, Stream: stream}}})
	if !errors.Is(err, broken) || buf.Len() > 0 {
		t.Errorf("err = %v, %d bytes written", err, buf.Len())
	}
}
