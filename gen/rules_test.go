package gen_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"baove"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/plans"
	"baove/units"
)

// entry is a ledger entry with the line and plan it was paid from.
type entry struct {
	ID, ReversesID, Amount, BudgetLineID int64
	ProvinceCode, Kind, LineLineage      string
	FundingSource, TaskArea, VoucherNo   string
	Year                                 int
	PaidOn                               baove.Date
	CreatedAt                            time.Time
	LinePlanYear                         int
	LineProvince, LineLineageOf          string
	LineSource, LineArea, PlanStatus     string
	LineAmount                           int64
	ApprovedAt, PlanUpdatedAt            time.Time
}

func ledger(t *testing.T, db *database.DB) []entry {
	t.Helper()
	var out []entry
	err := db.NewRaw(`SELECT d.id, coalesce(d.reverses_id, 0) AS reverses_id, d.amount, d.budget_line_id, d.province_code, d.kind,
		d.line_lineage, d.funding_source, d.task_area, coalesce(d.voucher_no, '') AS voucher_no, d.year, d.paid_on, d.created_at,
		p.year AS line_plan_year, p.province_code AS line_province, l.lineage AS line_lineage_of, l.funding_source AS line_source,
		a.task_area AS line_area, p.status AS plan_status, l.amount AS line_amount, p.updated_at AS plan_updated_at,
		(SELECT max(e.at) FROM plan_events AS e WHERE e.plan_id = p.id AND e.action = 'approve') AS approved_at
		FROM disbursements AS d JOIN budget_lines AS l ON l.id = d.budget_line_id JOIN plans AS p ON p.id = l.plan_id
		JOIN activities AS a ON a.id = l.activity_id ORDER BY d.id`).Scan(ctx, &out)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRun_EveryEntryIsOneTheLedgerWouldHaveTaken(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		mustRun(t, db, small)
		entries := ledger(t, db)
		byID := map[int64]entry{}
		for _, e := range entries {
			byID[e.ID] = e
			line := e.LinePlanYear == e.Year && e.LineProvince == e.ProvinceCode && e.LineLineageOf == e.LineLineage &&
				e.LineSource == e.FundingSource && e.LineArea == e.TaskArea
			window := !e.PaidOn.Before(baove.NewDate(e.Year, 1, 1)) && !e.PaidOn.After(baove.NewDate(e.Year+1, 1, 31)) &&
				e.PaidOn.Before(baove.DateOf(dbtest.Now())) && baove.DateOf(e.CreatedAt) == e.PaidOn
			if !line || !window || (e.PlanStatus != "approved" && e.PlanStatus != "superseded") {
				t.Fatalf("entry %+v: line matches %v, date in window %v", e, line, window)
			}
			inForce := e.CreatedAt.After(e.ApprovedAt) && (e.PlanStatus == "approved" || e.CreatedAt.Before(e.PlanUpdatedAt))
			if e.Kind == "payment" && !inForce {
				t.Fatalf("payment %+v on a version not in force at the time", e)
			}
			if e.Kind == "reversal" {
				p := byID[e.ReversesID]
				if p.Kind != "payment" || p.Amount != -e.Amount || p.BudgetLineID != e.BudgetLineID || !p.CreatedAt.Before(e.CreatedAt) {
					t.Fatalf("reversal %+v of %+v", e, p)
				}
			}
		}
	})
}

func TestRun_NoLineOrCentralAllocationIsEverOverspent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		mustRun(t, db, small)
		overspentAtSomeMoment(t, db)
		var plansInForce []int64
		db.NewRaw("SELECT id FROM plans WHERE status = 'approved' ORDER BY id").Scan(ctx, &plansInForce)
		for _, id := range plansInForce {
			if err := (budget.Lines{}).Check(ctx, db, plans.ID(id)); err != nil {
				t.Errorf("plan %d: %v", id, err)
			}
		}
		var over []struct {
			ProvinceCode string
			Year         int
		}
		err := db.NewRaw(`SELECT d.province_code, d.year FROM disbursements AS d WHERE d.funding_source = 'central'
			GROUP BY d.province_code, d.year HAVING sum(d.amount) > (SELECT coalesce(sum(a.amount), 0) FROM allocations AS a
			WHERE a.province_code = d.province_code AND a.year = d.year)`).Scan(ctx, &over)
		if err != nil || len(over) > 0 {
			t.Errorf("central disbursements above allocations in %v (%v)", over, err)
		}
		var ineligible int
		db.NewRaw(`SELECT count(*) FROM budget_lines AS l JOIN activities AS a ON a.id = l.activity_id
			JOIN task_areas AS ta ON ta.code = a.task_area WHERE l.funding_source = 'central' AND NOT ta.eligible_for_central_funds`).Scan(ctx, &ineligible)
		if ineligible > 0 {
			t.Errorf("%d central lines on task areas central funds may not pay for", ineligible)
		}
	})
}

func TestRun_ClosedYearsTakeNothingAfterTheCloseAndCarryTheirUnspentFunds(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		mustRun(t, db, small)
		s := wire(db)
		var years []struct {
			ProvinceCode   string
			Year           int
			ClosedAt       time.Time
			UnspentCentral int64
			Disposition    string
		}
		db.NewRaw("SELECT province_code, year, closed_at, unspent_central, disposition FROM budget_years WHERE closed_at IS NOT NULL").Scan(ctx, &years)
		if len(years) < 34 {
			t.Fatalf("%d closed years, want every province's 2024 at least", len(years))
		}
		last := map[string]time.Time{}
		for _, e := range ledger(t, db) {
			key := e.ProvinceCode + "/" + baove.NewDate(e.Year, 1, 1).String()
			if e.CreatedAt.After(last[key]) {
				last[key] = e.CreatedAt
			}
		}
		for _, y := range years {
			sum, err := s.Budget.Summary(ctx, reviewer, units.ProvinceCode(y.ProvinceCode), y.Year)
			if err != nil || !sum.Central.Closed || sum.Central.Unspent != budget.VND(max(sum.BySource[0].Remaining, 0)) {
				t.Fatalf("%s/%d: %+v, %v", y.ProvinceCode, y.Year, sum.Central, err)
			}
			if last[y.ProvinceCode+"/"+baove.NewDate(y.Year, 1, 1).String()].After(y.ClosedAt) {
				t.Errorf("%s/%d has entries after its close", y.ProvinceCode, y.Year)
			}
			next, _ := s.Budget.Summary(ctx, reviewer, units.ProvinceCode(y.ProvinceCode), y.Year+1)
			if carried := y.Disposition == "carry_over" && y.UnspentCentral > 0; carried != (next.Central.CarriedIn == budget.VND(y.UnspentCentral)) {
				t.Errorf("%s/%d %s %d: the next year carried in %d", y.ProvinceCode, y.Year, y.Disposition, y.UnspentCentral, next.Central.CarriedIn)
			}
		}
	})
}

func TestRun_TheServicesReadEveryProvinceAndYear(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		mustRun(t, db, small)
		s := wire(db)
		var total int64
		db.NewRaw("SELECT coalesce(sum(amount), 0) FROM disbursements").Scan(ctx, &total)
		var disbursed budget.VND
		var provinces []string
		db.NewRaw("SELECT code FROM provinces ORDER BY code").Scan(ctx, &provinces)
		for year := 2024; year <= 2026; year++ {
			for _, p := range provinces {
				sum, err := s.Budget.Summary(ctx, reviewer, units.ProvinceCode(p), year)
				if err != nil || sum.Plan == nil {
					t.Fatalf("summary %s/%d: %v (plan %v)", p, year, err, sum.Plan)
				}
				disbursed += sum.Total.Disbursed
				if _, err := s.Assessment.Compliance(ctx, reviewer, units.ProvinceCode(p), year); err != nil {
					t.Fatalf("compliance %s/%d: %v", p, year, err)
				}
			}
			np, err := s.Assessment.NationalProgress(ctx, reviewer, year)
			if err != nil || len(np.Provinces) != 34 {
				t.Fatalf("national progress %d: %d provinces, %v", year, len(np.Provinces), err)
			}
			for _, got := range np.Provinces {
				if want, err := s.Assessment.Progress(ctx, reviewer, got.Province.Code, year); err != nil || !reflect.DeepEqual(got, want) {
					t.Fatalf("%s/%d: the roll-up says %+v, the province's progress %+v (%v)", got.Province.Code, year, got, want, err)
				}
			}
		}
		if int64(disbursed) != total {
			t.Errorf("the summaries disburse %d, the ledger holds %d", disbursed, total)
		}
	})
}

func TestRun_StaffsEveryCommuneInForceInEachYear(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	mustRun(t, db, small)
	for year, want := range map[int]int64{2024: 0, 2025: 3321, 2026: 3321} {
		n, err := db.NewSelect().Table("commune_staffing").Where("year = ?", year).Count(ctx)
		if err != nil || n != want {
			t.Errorf("%d: %d communes staffed (%v), want %d: the units in force since 1 July 2025", year, n, err, want)
		}
	}
}

// overspentAtSomeMoment replays the ledger and the allocations in time
// order and fails at the first payment the ledger's controls would have
// refused when it was made: over its line, or over the year's central
// allocations as they stood.
func overspentAtSomeMoment(t *testing.T, db *database.DB) {
	t.Helper()
	var allocations []struct {
		ProvinceCode string
		Year         int
		Amount       int64
		CreatedAt    time.Time
	}
	db.NewRaw("SELECT province_code, year, amount, created_at FROM allocations ORDER BY created_at, id").Scan(ctx, &allocations)
	entries := ledger(t, db)
	slices.SortStableFunc(entries, func(a, b entry) int { return a.CreatedAt.Compare(b.CreatedAt) })
	allocated, central, paid := map[string]int64{}, map[string]int64{}, map[string]int64{}
	next := 0
	for _, e := range entries {
		for ; next < len(allocations) && allocations[next].CreatedAt.Before(e.CreatedAt); next++ {
			a := allocations[next]
			allocated[fmt.Sprint(a.ProvinceCode, a.Year)] += a.Amount
		}
		year, line := fmt.Sprint(e.ProvinceCode, e.Year), fmt.Sprint(e.ProvinceCode, e.Year, e.LineLineage)
		paid[line] += e.Amount
		if e.FundingSource == "central" {
			central[year] += e.Amount
		}
		if e.Kind == "payment" && (paid[line] > e.LineAmount || (e.FundingSource == "central" && central[year] > allocated[year])) {
			t.Fatalf("payment %d: line paid %d of %d, central %d of %d", e.ID, paid[line], e.LineAmount, central[year], allocated[year])
		}
	}
}
