package budget

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"baove/access"
	"baove/plans"
	"baove/units"
)

// YearFigures computes every province's budget summary for year at once,
// in a handful of queries rather than a round per province, with the same
// arithmetic as Summary; every province has one. Each summary's Plan is the
// counting version without its activities, targets and history. Only a
// reviewer may (EFORBIDDEN).
func (s *Store) YearFigures(ctx context.Context, c access.Caller, year int) (map[units.ProvinceCode]Summary, error) {
	if err := c.Require(access.Reviewer); err != nil {
		return nil, err
	}
	all, current, areas, err := s.yearSums(ctx, s.db, year)
	if err != nil {
		return nil, err
	}
	sums := make(map[units.ProvinceCode]Summary, len(all))
	for p, in := range all {
		var plan *plans.Plan
		if cp, ok := current[p]; ok {
			plan = &cp
		}
		sum := summarise(in, plan, areas)
		sum.Province, sum.Year = p, year
		sums[p] = sum
	}
	return sums, nil
}

type groupedSum struct {
	Key      string // a plan id or a province code
	Source   FundingSource
	TaskArea string
	Sum      int64
}

// yearSums reads the sums of every province for year: the counting plans'
// lines, the ledger, the allocations and the budget years, each grouped in
// one query. Every province has an entry.
func (s *Store) yearSums(ctx context.Context, db bun.IDB, year int) (map[units.ProvinceCode]sums, map[units.ProvinceCode]plans.Plan, []plans.TaskArea, error) {
	current, err := s.plans.YearCurrent(ctx, db, year)
	if err != nil {
		return nil, nil, nil, err
	}
	all := map[units.ProvinceCode]sums{}
	of := func(p units.ProvinceCode) sums {
		in, ok := all[p]
		if !ok {
			in = sums{planned: map[FundingSource]map[string]VND{}, disbursed: map[FundingSource]map[string]VND{}, allocations: map[AllocationKind]VND{}}
			all[p] = in
		}
		return in
	}
	if err := s.yearLines(ctx, db, current, of); err != nil {
		return nil, nil, nil, err
	}
	var codes []string
	if err := db.NewSelect().Table("provinces").Column("code").Scan(ctx, &codes); err != nil {
		return nil, nil, nil, err
	}
	for _, code := range codes {
		of(units.ProvinceCode(code))
	}
	if err := s.yearLedger(ctx, db, year, codes, of); err != nil {
		return nil, nil, nil, err
	}
	if err := s.yearAllocations(ctx, db, year, of, all); err != nil {
		return nil, nil, nil, err
	}
	areas, err := s.plans.TaskAreas(ctx)
	return all, current, areas, err
}

func (s *Store) yearLines(ctx context.Context, db bun.IDB, current map[units.ProvinceCode]plans.Plan, of func(units.ProvinceCode) sums) error {
	ids, byID := []int64{}, map[string]units.ProvinceCode{}
	for p, plan := range current {
		ids = append(ids, int64(plan.ID))
		byID[fmt.Sprint(plan.ID)] = p
		of(p)
	}
	if len(ids) == 0 {
		return nil
	}
	var rows []groupedSum
	if err := db.NewRaw(`SELECT CAST(l.plan_id AS TEXT) AS key, l.funding_source AS source, a.task_area, sum(l.amount) AS sum
		FROM budget_lines AS l JOIN activities AS a ON a.id = l.activity_id WHERE l.plan_id IN (?)
		GROUP BY l.plan_id, l.funding_source, a.task_area`, bun.In(ids)).Scan(ctx, &rows); err != nil {
		return fmt.Errorf("budget: lines of the year's plans: %w", err)
	}
	for _, r := range rows {
		addOne(of(byID[r.Key]).planned, r)
	}
	return nil
}

func (s *Store) yearLedger(ctx context.Context, db bun.IDB, year int, codes []string, of func(units.ProvinceCode) sums) error {
	var rows []groupedSum
	// Naming the provinces lets both engines read the totals' primary key
	// (province, year, …) rather than scan the table.
	if err := db.NewRaw(`SELECT province_code AS key, funding_source AS source, task_area, sum(amount) AS sum FROM ledger_totals
		WHERE province_code IN (?) AND year = ? GROUP BY province_code, funding_source, task_area`, bun.In(codes), year).Scan(ctx, &rows); err != nil {
		return fmt.Errorf("budget: ledger of %d: %w", year, err)
	}
	for _, r := range rows {
		addOne(of(units.ProvinceCode(r.Key)).disbursed, r)
	}
	return nil
}

func (s *Store) yearAllocations(ctx context.Context, db bun.IDB, year int, of func(units.ProvinceCode) sums, all map[units.ProvinceCode]sums) error {
	var allocs []struct {
		ProvinceCode string
		Kind         AllocationKind
		Sum          int64
	}
	if err := db.NewRaw(`SELECT province_code, kind, sum(amount) AS sum FROM allocations WHERE year = ? GROUP BY province_code, kind`,
		year).Scan(ctx, &allocs); err != nil {
		return fmt.Errorf("budget: allocations of %d: %w", year, err)
	}
	for _, a := range allocs {
		of(units.ProvinceCode(a.ProvinceCode)).allocations[a.Kind] += VND(a.Sum)
	}
	var years []YearRecord
	if err := db.NewSelect().Model(&years).Where("year = ?", year).Scan(ctx); err != nil {
		return fmt.Errorf("budget: budget years of %d: %w", year, err)
	}
	for _, y := range years {
		in := of(units.ProvinceCode(y.ProvinceCode))
		in.year = y
		all[units.ProvinceCode(y.ProvinceCode)] = in
	}
	return nil
}

func addOne(m map[FundingSource]map[string]VND, r groupedSum) {
	if m[r.Source] == nil {
		m[r.Source] = map[string]VND{}
	}
	m[r.Source][r.TaskArea] += VND(r.Sum)
}
