package plans

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"baove/indicators"
	"baove/units"
)

// countingOrder puts first the version of a plan that counts: the approved
// one in force, else the latest.
const countingOrder = "CASE WHEN status = 'approved' THEN 0 ELSE 1 END, version DESC"

// Current returns the version of a province's plan for a year that counts
// (the approved one in force, else the latest) without its activities,
// targets and history: Plan reads those. It reports false when the
// province has no plan for the year. It does not check a caller: callers
// are the budget summary and the indicator facts, which check theirs.
func (s *Store) Current(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int) (Plan, bool, error) {
	var rows []planRow
	err := db.NewSelect().Model(&rows).Where("province_code = ? AND year = ?", string(p), year).
		OrderExpr(countingOrder).Limit(1).Scan(ctx)
	if err != nil {
		return Plan{}, false, fmt.Errorf("plans: current plan of %s/%d: %w", p, year, err)
	}
	if len(rows) == 0 {
		return Plan{}, false, nil
	}
	return rows[0].plan(), true, nil
}

// CurrentID returns the id of the version of a province's plan for a year
// that counts (see Current), without its content; 0 when the province has
// no plan for the year. It does not check a caller.
func (s *Store) CurrentID(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int) (ID, error) {
	var ids []int64
	err := db.NewSelect().Table("plans").Column("id").Where("province_code = ? AND year = ?", string(p), year).
		OrderExpr(countingOrder).Limit(1).Scan(ctx, &ids)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ID(ids[0]), nil
}

// PlanFacts implements indicators.PlanSource with the version that counts
// (see Current).
func (s *Store) PlanFacts(ctx context.Context, p units.ProvinceCode, year int) (indicators.PlanFacts, error) {
	facts, err := s.yearFacts(ctx, year, p)
	return facts[p], err
}

// YearPlanFacts implements indicators.PlanSource: the facts of every
// province's plan for year, read at once.
func (s *Store) YearPlanFacts(ctx context.Context, year int) (map[units.ProvinceCode]indicators.PlanFacts, error) {
	return s.yearFacts(ctx, year, "")
}

// yearFacts reads the facts of the versions that count in year, of
// province p only unless p is empty, in two queries whatever the number of
// provinces: the versions with their targets, then their activities
// counted by task area.
func (s *Store) yearFacts(ctx context.Context, year int, p units.ProvinceCode) (map[units.ProvinceCode]indicators.PlanFacts, error) {
	var rows []struct {
		ID                    int64
		ProvinceCode, Status  string
		IndicatorCode, Target *string
	}
	where, args := "p.year = ?", []any{year}
	if p != "" {
		where, args = where+" AND p.province_code = ?", append(args, string(p))
	}
	if err := s.db.NewRaw(`SELECT p.id, p.province_code, p.status, t.indicator_code, t.value AS target
		FROM plans AS p LEFT JOIN plan_targets AS t ON t.plan_id = p.id WHERE `+where+`
		ORDER BY p.province_code, CASE WHEN p.status = 'approved' THEN 0 ELSE 1 END, p.version DESC`, args...).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("plans: plans of %d: %w", year, err)
	}
	facts, counting := map[units.ProvinceCode]indicators.PlanFacts{}, map[units.ProvinceCode]int64{}
	for _, r := range rows {
		province := units.ProvinceCode(r.ProvinceCode)
		if _, seen := counting[province]; !seen {
			counting[province] = r.ID
			facts[province] = indicators.PlanFacts{Exists: true, Status: r.Status, Approved: Status(r.Status) == Approved,
				Activities: map[string]int{}, Targets: map[indicators.Code]decimal.Decimal{}}
		}
		if counting[province] != r.ID || r.IndicatorCode == nil {
			continue
		}
		v, err := decimal.NewFromString(*r.Target)
		if err != nil {
			return nil, fmt.Errorf("plans: target %s of plan %d: %w", *r.IndicatorCode, r.ID, err)
		}
		facts[province].Targets[indicators.Code(*r.IndicatorCode)] = v
	}
	return facts, s.countActivities(ctx, counting, facts)
}

// countActivities adds the activities by task area of the plan versions
// counting names to their provinces' facts.
func (s *Store) countActivities(ctx context.Context, counting map[units.ProvinceCode]int64, facts map[units.ProvinceCode]indicators.PlanFacts) error {
	if len(counting) == 0 {
		return nil
	}
	ids, byID := make([]int64, 0, len(counting)), make(map[int64]units.ProvinceCode, len(counting))
	for province, id := range counting {
		ids, byID[id] = append(ids, id), province
	}
	var areas []struct {
		PlanID   int64
		TaskArea string
		N        int
	}
	if err := s.db.NewSelect().Table("activities").Column("plan_id", "task_area").ColumnExpr("count(*) AS n").
		Where("plan_id IN (?)", bun.In(ids)).Group("plan_id", "task_area").Scan(ctx, &areas); err != nil {
		return fmt.Errorf("plans: activities: %w", err)
	}
	for _, a := range areas {
		facts[byID[a.PlanID]].Activities[a.TaskArea] = a.N
	}
	return nil
}

// YearCurrent returns, for every province with a plan for year, the
// version that counts (see Current), without its activities, targets and
// history. It does not check a caller.
func (s *Store) YearCurrent(ctx context.Context, db bun.IDB, year int) (map[units.ProvinceCode]Plan, error) {
	var rows []planRow
	if err := db.NewSelect().Model(&rows).Where("year = ?", year).OrderExpr("province_code, " + countingOrder).Scan(ctx); err != nil {
		return nil, fmt.Errorf("plans: plans of %d: %w", year, err)
	}
	out := map[units.ProvinceCode]Plan{}
	for _, r := range rows {
		if _, seen := out[units.ProvinceCode(r.ProvinceCode)]; !seen {
			out[units.ProvinceCode(r.ProvinceCode)] = r.plan()
		}
	}
	return out, nil
}
