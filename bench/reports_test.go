package bench_test

import (
	"context"
	"io"
	"testing"

	"baove/bench"
	"baove/exports"
)

func sources(s *bench.Services) exports.Sources {
	return s.Reports
}

// BenchmarkProvincePDF times one province's compliance report, built from
// the database and rendered (exports.BuildProvinceReport, WritePDF),
// against rendering the same report model already built.
func BenchmarkProvincePDF(b *testing.B) {
	bench.Engines(b, func(b *testing.B, s *bench.Services) {
		t, src := s.Target, sources(s)
		model, err := exports.BuildProvinceReport(context.Background(), src, exports.Request{Caller: bench.Reviewer, Province: t.Province, Year: t.Year, Lang: exports.Vietnamese})
		if err != nil {
			b.Fatal(err)
		}
		bench.Compare(b, func(ctx context.Context) error {
			r, err := exports.BuildProvinceReport(ctx, src, exports.Request{Caller: bench.Reviewer, Province: t.Province, Year: t.Year, Lang: exports.Vietnamese})
			if err != nil {
				return err
			}
			return exports.WritePDF(io.Discard, r.Document())
		}, func(context.Context) error {
			return exports.WritePDF(io.Discard, model.Document())
		})
	})
}

// BenchmarkNationalPDF times the national summary of the 34 provinces,
// built and rendered, against rendering the model already built.
func BenchmarkNationalPDF(b *testing.B) {
	bench.Engines(b, func(b *testing.B, s *bench.Services) {
		year, src := s.Target.Year, sources(s)
		model, err := exports.BuildNationalReport(context.Background(), src, exports.Request{Caller: bench.Reviewer, Year: year, Lang: exports.Vietnamese})
		if err != nil {
			b.Fatal(err)
		}
		bench.Compare(b, func(ctx context.Context) error {
			r, err := exports.BuildNationalReport(ctx, src, exports.Request{Caller: bench.Reviewer, Year: year, Lang: exports.Vietnamese})
			if err != nil {
				return err
			}
			return exports.WritePDF(io.Discard, r.Document())
		}, func(context.Context) error {
			return exports.WritePDF(io.Discard, model.Document())
		})
	})
}

// BenchmarkProvinceXLSX times one province's workbook (activities, lines,
// the year's ledger, staffing, values), built and written, against writing
// the workbook already built.
func BenchmarkProvinceXLSX(b *testing.B) {
	bench.Engines(b, func(b *testing.B, s *bench.Services) {
		t, src := s.Target, sources(s)
		wb, err := exports.BuildProvinceWorkbook(context.Background(), src, exports.Request{Caller: bench.Reviewer, Province: t.Province, Year: t.Year})
		if err != nil {
			b.Fatal(err)
		}
		bench.Compare(b, func(ctx context.Context) error {
			w, err := exports.BuildProvinceWorkbook(ctx, src, exports.Request{Caller: bench.Reviewer, Province: t.Province, Year: t.Year})
			if err != nil {
				return err
			}
			return exports.WriteXLSX(io.Discard, w)
		}, func(context.Context) error {
			return exports.WriteXLSX(io.Discard, wb)
		})
	})
}

// BenchmarkNationalXLSX times the national workbook (every province's plan,
// money by source, staffing and indicators), built and written, against
// writing the workbook already built.
func BenchmarkNationalXLSX(b *testing.B) {
	bench.Engines(b, func(b *testing.B, s *bench.Services) {
		year, src := s.Target.Year, sources(s)
		req := exports.Request{Caller: bench.Reviewer, Year: year, Lang: exports.Vietnamese}
		wb, err := exports.BuildNationalWorkbook(context.Background(), src, req)
		if err != nil {
			b.Fatal(err)
		}
		bench.Compare(b, func(ctx context.Context) error {
			w, err := exports.BuildNationalWorkbook(ctx, src, req)
			if err != nil {
				return err
			}
			return exports.WriteXLSX(io.Discard, w)
		}, func(context.Context) error {
			return exports.WriteXLSX(io.Discard, wb)
		})
	})
}
