package plans

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"baove"
	"baove/database"
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
// are the budget summary and the assessment, which check theirs.
func (s *Store) Current(ctx context.Context, db bun.IDB, p units.ProvinceCode, year int) (Plan, bool, error) {
	var rows []PlanRecord
	err := s.db.Select(ctx, db, &rows, s.selectPlans()+" WHERE p.province_code = ? AND p.year = ? ORDER BY "+countingOrder+
		" LIMIT 1", string(p), year)
	if err != nil {
		return Plan{}, false, fmt.Errorf("plans: current plan of %s/%d: %w", p, year, err)
	}
	if len(rows) == 0 {
		return Plan{}, false, nil
	}
	return rows[0].plan(), true, nil
}

// YearCurrent returns, for every province with a plan for year, the
// version that counts (see Current), without its activities, targets and
// history. It does not check a caller.
func (s *Store) YearCurrent(ctx context.Context, db bun.IDB, year int) (map[units.ProvinceCode]Plan, error) {
	var rows []PlanRecord
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

// Content is what one plan version holds that progress and compliance
// judge: its activities counted by task area and its targets.
type Content struct {
	ID      ID
	Version int
	Status  Status
	// Activities counts the activities by task-area code ("1.3", "2.1", …);
	// absent areas have none.
	Activities map[string]int
	// Targets are the version's targets by indicator.
	Targets map[indicators.Code]decimal.Decimal
	// Issuance is the document that issued the version; nil unless it was
	// approved.
	Issuance *Issuance
}

// Standing is a province's plan for a year as the assessment sees it: the
// approved version in force, and the latest version when that is another
// one (a draft, a submitted or returned plan, or a revision under way).
// Both are nil when the province has no plan for the year.
type Standing struct {
	InForce *Content
	Pending *Content
}

// Exists reports whether the province has a plan for the year at all.
func (s Standing) Exists() bool { return s.InForce != nil || s.Pending != nil }

// Counting returns the version that counts: the one in force, else the
// latest; nil without a plan.
func (s Standing) Counting() *Content {
	if s.InForce != nil {
		return s.InForce
	}
	return s.Pending
}

// Standing returns province p's plan for year with the content of its
// version in force and of its latest version, in one query. It does not
// check a caller.
func (s *Store) Standing(ctx context.Context, p units.ProvinceCode, year int) (Standing, error) {
	all, err := s.standings(ctx, year, p)
	return all[p], err
}

// YearStandings returns Standing for every province with a plan for year,
// read at once: two queries whatever the number of provinces. It does not
// check a caller.
func (s *Store) YearStandings(ctx context.Context, year int) (map[units.ProvinceCode]Standing, error) {
	return s.standings(ctx, year, "")
}

// standings reads the versions of year that are in force or latest, of
// province p only unless p is empty, with their targets and their
// activities counted by task area: for one province in one query (a row
// per target and a row per task area of each version), for all in two.
func (s *Store) standings(ctx context.Context, year int, p units.ProvinceCode) (map[units.ProvinceCode]Standing, error) {
	var rows []struct {
		ID                                            int64
		ProvinceCode                                  string
		Status                                        Status
		Version                                       int
		DocumentNo, SignerName, SignerTitle, IssuedBy string
		IssuedOn                                      baove.Date
		IndicatorCode, Target, TaskArea               *string
		Activities                                    int
	}
	where, args := "p.year = ? AND p.status <> ?", []any{year, string(Superseded)}
	if p != "" {
		where, args = where+" AND p.province_code = ?", append(args, string(p))
	}
	const version = `p.id, p.province_code, p.status, p.version, p.document_no, p.issued_on, p.signer_name,
		p.signer_title, p.issued_by`
	q := `SELECT ` + version + `, t.indicator_code, t.value AS target, NULL AS task_area, 0 AS activities
		FROM plans AS p LEFT JOIN plan_targets AS t ON t.plan_id = p.id WHERE ` + where
	if p != "" {
		// One province's few versions: their activities counted in the
		// same read.
		q += ` UNION ALL SELECT ` + version + `, NULL, NULL, a.task_area, count(*)
		FROM plans AS p JOIN activities AS a ON a.plan_id = p.id WHERE ` + where + `
		GROUP BY p.id, a.task_area`
		args = append(args, args...)
	}
	if err := s.db.Select(ctx, s.db, &rows, q+` ORDER BY province_code, version DESC`, args...); err != nil {
		return nil, fmt.Errorf("plans: plans of %d: %w", year, err)
	}
	out, byID := map[units.ProvinceCode]Standing{}, map[int64]*Content{}
	for _, r := range rows {
		c, seen := byID[r.ID]
		if !seen {
			c = &Content{ID: ID(r.ID), Version: r.Version, Status: r.Status, Activities: map[string]int{},
				Targets: map[indicators.Code]decimal.Decimal{}}
			c.Issuance = PlanRecord{DocumentNo: r.DocumentNo, IssuedOn: r.IssuedOn, SignerName: r.SignerName,
				SignerTitle: r.SignerTitle, IssuedBy: r.IssuedBy}.issuance()
			byID[r.ID] = c
			out[units.ProvinceCode(r.ProvinceCode)] = place(out[units.ProvinceCode(r.ProvinceCode)], c)
		}
		switch {
		case r.TaskArea != nil:
			c.Activities[*r.TaskArea] = r.Activities
		case r.IndicatorCode != nil:
			v, err := decimal.NewFromString(*r.Target)
			if err != nil {
				return nil, fmt.Errorf("plans: target %s of plan %d: %w", *r.IndicatorCode, r.ID, err)
			}
			c.Targets[indicators.Code(*r.IndicatorCode)] = v
		}
	}
	if p == "" {
		// Every province's versions: their activities in a second read, by
		// the index on plan and task area, which costs less than grouping
		// them beside the targets.
		return out, s.countActivities(ctx, byID)
	}
	return out, nil
}

// countActivities counts the activities of the versions byID names by
// task area, in one query.
func (s *Store) countActivities(ctx context.Context, byID map[int64]*Content) error {
	if len(byID) == 0 {
		return nil
	}
	ids := make([]any, 0, len(byID))
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		ids = append(ids, id)
	}
	var areas []struct {
		PlanID   int64
		TaskArea string
		N        int
	}
	// By the versions' ids, which the index on plan and task area finds
	// (joining the plans of the year instead took half as long again).
	if err := s.db.Select(ctx, s.db, &areas, `SELECT plan_id, task_area, count(*) AS n FROM activities
		WHERE plan_id IN (`+database.Params(len(ids))+`) GROUP BY plan_id, task_area`, ids...); err != nil {
		return fmt.Errorf("plans: activities: %w", err)
	}
	for _, a := range areas {
		byID[a.PlanID].Activities[a.TaskArea] = a.N
	}
	return nil
}

// place puts version c, met in descending version order, into st: the
// approved one is in force; the first met, when not approved, is pending.
func place(st Standing, c *Content) Standing {
	switch {
	case c.Status == Approved:
		st.InForce = c
	case st.InForce == nil && st.Pending == nil:
		st.Pending = c
	}
	return st
}
