package budget

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/plans"
	"baove/units"
)

// Figures are the money of one row of the summary. For central funds,
// Allocated is the ministry's allocations with corrections and carried-in
// funds; for the province's own sources, the plan's lines are the
// allocation. Remaining is Allocated − Disbursed, and Rate is
// Disbursed ÷ Allocated as a percentage with two decimals.
type Figures struct {
	Planned   VND
	Allocated VND
	Disbursed VND
	Remaining VND
	Rate      decimal.Decimal
}

func figures(planned, allocated, disbursed VND) Figures {
	return Figures{Planned: planned, Allocated: allocated, Disbursed: disbursed, Remaining: allocated - disbursed,
		Rate: Rate(disbursed, allocated)}
}

// SourceFigures is a funding source's row of the summary.
type SourceFigures struct {
	Source FundingSource
	Figures
}

// TaskAreaFigures is a task area's row of the summary; its allocation is
// what the plan's lines give it.
type TaskAreaFigures struct {
	TaskArea plans.TaskArea
	Figures
}

// CentralFunds is the state of a year's central support.
type CentralFunds struct {
	Allocated      VND // decisions and corrections
	CarriedIn      VND // unspent funds carried over from the year before
	Disbursed      VND
	Remaining      VND
	Closed         bool
	Disposition    string // "carry_over" or "return", once closed
	Unspent        VND    // at the close
	ReturnDeadline baove.Date
}

// Summary is a province's money for a year, computed in one place for the
// API, the reports and the compliance checks.
type Summary struct {
	Province   units.ProvinceCode
	Year       int
	Plan       *plans.Plan // the version whose lines count (the one in force, else the latest), without its parts; nil without a plan
	BySource   []SourceFigures
	ByTaskArea []TaskAreaFigures // task areas with lines or disbursements, in the directive's order
	Total      Figures
	Central    CentralFunds
	// CentralByTaskArea is central money alone by task area: the plan's
	// central lines (Planned) and the central disbursements; the task areas
	// with either, in the directive's order.
	CentralByTaskArea []TaskAreaFigures
}

// sums are the grouped figures a summary is computed from.
type sums struct {
	planned     map[FundingSource]map[string]VND // by source, then task area
	disbursed   map[FundingSource]map[string]VND
	allocations map[AllocationKind]VND
	year        budgetYear
}

// Summary computes a province's budget for a year. A reviewer reads every
// province; a planner or finance officer their own (EFORBIDDEN otherwise).
func (s *Store) Summary(ctx context.Context, c access.Caller, p units.ProvinceCode, year int) (Summary, error) {
	if err := c.CanRead(p); err != nil {
		return Summary{}, err
	}
	return s.summary(ctx, s.db, p, year)
}

func (s *Store) summary(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int) (Summary, error) {
	plan, err := s.countingPlan(ctx, db, p, year)
	if err != nil {
		return Summary{}, err
	}
	var id plans.ID
	if plan != nil {
		id = plan.ID
	}
	sum, err := s.compute(ctx, db, p, year, id)
	if err != nil {
		return Summary{}, err
	}
	sum.Plan = plan
	return sum, nil
}

// compute reads the sums of a province-year, the lines counted being those
// of plan version id (none when 0), and summarises them.
func (s *Store) compute(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int, id plans.ID) (Summary, error) {
	in, err := s.sums(ctx, db, p, year, id)
	if err != nil {
		return Summary{}, fmt.Errorf("budget: summary of %s/%d: %w", p, year, err)
	}
	areas, err := s.plans.TaskAreas(ctx)
	if err != nil {
		return Summary{}, err
	}
	sum := summarise(in, areas)
	sum.Province, sum.Year = p, year
	return sum, nil
}

// countingPlan returns the version whose lines count (plans.Store.Current);
// nil when the province has no plan for the year.
func (s *Store) countingPlan(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int) (*plans.Plan, error) {
	plan, ok, err := s.plans.Current(ctx, db, p, year)
	if err != nil || !ok {
		return nil, err
	}
	return &plan, nil
}

func (s *Store) sums(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int, plan plans.ID) (sums, error) {
	in := sums{planned: map[FundingSource]map[string]VND{}, disbursed: map[FundingSource]map[string]VND{}, allocations: map[AllocationKind]VND{}}
	var rows []struct {
		Source   FundingSource
		TaskArea string
		Sum      int64
	}
	if plan != 0 {
		if err := db.NewRaw(`SELECT l.funding_source AS source, a.task_area, sum(l.amount) AS sum FROM budget_lines AS l
			JOIN activities AS a ON a.id = l.activity_id WHERE l.plan_id = ? GROUP BY l.funding_source, a.task_area`,
			int64(plan)).Scan(ctx, &rows); err != nil {
			return in, err
		}
	}
	add(in.planned, rows)
	rows = nil
	if err := db.NewRaw(`SELECT funding_source AS source, task_area, sum(amount) AS sum FROM ledger_totals
		WHERE province_code = ? AND year = ? GROUP BY funding_source, task_area`, string(p), year).Scan(ctx, &rows); err != nil {
		return in, err
	}
	add(in.disbursed, rows)
	var allocs []struct {
		Kind AllocationKind
		Sum  int64
	}
	if err := db.NewRaw(`SELECT kind, sum(amount) AS sum FROM allocations WHERE province_code = ? AND year = ? GROUP BY kind`,
		string(p), year).Scan(ctx, &allocs); err != nil {
		return in, err
	}
	for _, a := range allocs {
		in.allocations[a.Kind] = VND(a.Sum)
	}
	err := db.NewSelect().Model(&in.year).Where("province_code = ? AND year = ?", string(p), year).Scan(ctx)
	if err != nil && !isNoRows(err) {
		return in, err
	}
	return in, nil
}

func add(m map[FundingSource]map[string]VND, rows []struct {
	Source   FundingSource
	TaskArea string
	Sum      int64
}) {
	for _, r := range rows {
		if m[r.Source] == nil {
			m[r.Source] = map[string]VND{}
		}
		m[r.Source][r.TaskArea] += VND(r.Sum)
	}
}

// summarise computes the summary's figures from grouped sums; it touches no
// database.
func summarise(in sums, areas []plans.TaskArea) Summary {
	var sum Summary
	var total Figures
	for _, src := range Sources {
		planned, disbursed := total1(in.planned[src]), total1(in.disbursed[src])
		allocated := planned
		if src == Central {
			allocated = in.allocations[Allocated] + in.allocations[Correction] + in.allocations[CarriedIn]
		}
		sum.BySource = append(sum.BySource, SourceFigures{src, figures(planned, allocated, disbursed)})
		total.Planned += planned
		total.Allocated += allocated
		total.Disbursed += disbursed
	}
	sum.Total = figures(total.Planned, total.Allocated, total.Disbursed)
	for _, ta := range areas {
		var planned, disbursed VND
		for _, src := range Sources {
			planned += in.planned[src][ta.Code]
			disbursed += in.disbursed[src][ta.Code]
		}
		if planned != 0 || disbursed != 0 {
			sum.ByTaskArea = append(sum.ByTaskArea, TaskAreaFigures{ta, figures(planned, planned, disbursed)})
		}
		planned, disbursed = in.planned[Central][ta.Code], in.disbursed[Central][ta.Code]
		if planned != 0 || disbursed != 0 {
			sum.CentralByTaskArea = append(sum.CentralByTaskArea, TaskAreaFigures{ta, figures(planned, planned, disbursed)})
		}
	}
	c := sum.BySource[0]
	sum.Central = CentralFunds{Allocated: in.allocations[Allocated] + in.allocations[Correction], CarriedIn: in.allocations[CarriedIn],
		Disbursed: c.Disbursed, Remaining: c.Remaining, Closed: !in.year.ClosedAt.IsZero(), Disposition: in.year.Disposition,
		Unspent: VND(in.year.UnspentCentral), ReturnDeadline: in.year.ReturnDeadline}
	return sum
}

func total1(m map[string]VND) VND {
	var t VND
	for _, v := range m {
		t += v
	}
	return t
}
