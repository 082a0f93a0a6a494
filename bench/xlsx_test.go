package bench_test

import (
	"context"
	"io"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"baove"
	"baove/bench"
	"baove/exports"
)

// BenchmarkProvinceXLSXAgainstExcelize times writing the province's
// workbook, already built (its ledger streamed from the database as it is
// written), against writing the same cells, streamed the same way, with
// excelize's stream writer and no styles: issue 15 asks for 2× at most.
func BenchmarkProvinceXLSXAgainstExcelize(b *testing.B) {
	bench.Engines(b, func(b *testing.B, s *bench.Services) {
		t := s.Target
		req := exports.Request{Caller: bench.Reviewer, Province: t.Province, Year: t.Year}
		wb, err := exports.BuildProvinceWorkbook(context.Background(), sources(s), req)
		if err != nil {
			b.Fatal(err)
		}
		bench.Compare(b, func(context.Context) error {
			return exports.WriteXLSX(io.Discard, wb)
		}, func(context.Context) error {
			return excelizeWrite(io.Discard, wb)
		})
	})
}

// excelizeWrite writes wb's headings, header rows, rows and totals with
// excelize's stream writer, every cell a plain value without a style.
func excelizeWrite(w io.Writer, wb exports.Workbook) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range wb.Sheets {
		name := sh.Name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := excelizeSheet(f, sh); err != nil {
			return err
		}
	}
	_, err := f.WriteTo(w)
	return err
}

func excelizeSheet(f *excelize.File, sh exports.Sheet) error {
	sw, err := f.NewStreamWriter(sh.Name)
	if err != nil {
		return err
	}
	n := 0
	put := func(row []any) error {
		n++
		cell, _ := excelize.CoordinatesToCellName(1, n)
		vals := make([]any, len(row))
		for i, v := range row {
			vals[i] = plain(v)
		}
		return sw.SetRow(cell, vals)
	}
	for _, h := range sh.Heading {
		if err := put([]any{h}); err != nil {
			return err
		}
	}
	titles := make([]any, len(sh.Columns))
	for i, c := range sh.Columns {
		titles[i] = c.Title
	}
	if err := put(titles); err != nil {
		return err
	}
	stream := sh.Stream
	if stream == nil {
		stream = func(yield func([]any) error) ([]any, error) {
			for _, r := range sh.Rows {
				if err := yield(r); err != nil {
					return nil, err
				}
			}
			return sh.Totals, nil
		}
	}
	totals, err := stream(put)
	if err == nil && totals != nil {
		err = put(totals)
	}
	if err != nil {
		return err
	}
	return sw.Flush()
}

// plain is v as excelize writes it unstyled: numbers as numbers, the rest
// as text.
func plain(v any) any {
	switch x := v.(type) {
	case nil, string:
		return x
	case decimal.Decimal:
		return x.InexactFloat64()
	case decimal.NullDecimal:
		if !x.Valid {
			return nil
		}
		return x.Decimal.InexactFloat64()
	case exports.Sum:
		return x.Value
	case exports.Note:
		return string(x)
	case baove.Date:
		return x.String()
	}
	if r := reflect.ValueOf(v); r.CanInt() {
		return r.Int()
	}
	return v
}
