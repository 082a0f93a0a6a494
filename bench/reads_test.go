package bench_test

import (
	"context"
	"testing"

	"baove/bench"
)

// BenchmarkBudgetSummary times one province's budget summary for a year
// (budget.Store.Summary) against the aggregates it needs.
func BenchmarkBudgetSummary(b *testing.B) {
	bench.Engines(b, func(b *testing.B, s *bench.Services) {
		t := s.Target
		bench.Compare(b, func(ctx context.Context) error {
			_, err := s.Budget.Summary(ctx, bench.Reviewer, t.Province, t.Year)
			return err
		}, func(ctx context.Context) error {
			return summaryLimit(ctx, s.DB, t.Province, t.Year)
		})
	})
}

// BenchmarkCompliance times one province's compliance checks for a year
// (indicators.Assessment.Compliance) against the aggregates they need.
func BenchmarkCompliance(b *testing.B) {
	bench.Engines(b, func(b *testing.B, s *bench.Services) {
		t := s.Target
		bench.Compare(b, func(ctx context.Context) error {
			_, err := s.Assessment.Compliance(ctx, bench.Reviewer, t.Province, t.Year)
			return err
		}, func(ctx context.Context) error {
			return complianceLimit(ctx, s.DB, t.Province, t.Year)
		})
	})
}

// BenchmarkNationalProgress times the national roll-up of every province's
// progress in a year (indicators.Assessment.NationalProgress) against the
// reads it needs.
func BenchmarkNationalProgress(b *testing.B) {
	bench.Engines(b, func(b *testing.B, s *bench.Services) {
		year := s.Target.Year
		bench.Compare(b, func(ctx context.Context) error {
			_, err := s.Assessment.NationalProgress(ctx, bench.Reviewer, year)
			return err
		}, func(ctx context.Context) error {
			return rollupLimit(ctx, s.DB, year)
		})
	})
}
