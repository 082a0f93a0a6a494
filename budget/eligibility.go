package budget

import (
	"context"
	"strconv"

	"github.com/uptrace/bun"

	"baove"
	"baove/i18n"
	"baove/plans"
)

// EligibleForCentral reports whether central funds may pay for taskArea in
// year (directive 3.2): the task area's eligibility of that year, so that
// an administrator's later change leaves past years alone. It reads within
// db, one query, and returns ENOTFOUND for an unknown task area.
func (s *Store) EligibleForCentral(ctx context.Context, db bun.IDB, taskArea string, year int) (bool, error) {
	ta, err := s.plans.TaskArea(ctx, db, taskArea)
	if err != nil {
		return false, err
	}
	return ta.EligibleIn(year), nil
}

// centralEligible returns ECONFLICT naming each central line of plan
// version id on a task area not eligible for central funds in year.
func centralEligible(ctx context.Context, db bun.IDB, id plans.ID, year int) error {
	var lines []struct {
		ID       int64
		TaskArea string
	}
	if err := db.NewRaw(`SELECT l.id, a.task_area FROM budget_lines AS l JOIN activities AS a ON a.id = l.activity_id
		WHERE l.plan_id = ? AND l.funding_source = ? ORDER BY l.position, l.id`, int64(id), string(Central)).Scan(ctx, &lines); err != nil {
		return err
	}
	if len(lines) == 0 {
		return nil
	}
	areas, err := plans.TaskAreasIn(ctx, db)
	if err != nil {
		return err
	}
	eligible := make(map[string]bool, len(areas))
	for _, ta := range areas {
		eligible[ta.Code] = ta.EligibleIn(year)
	}
	var probs baove.Problems
	for _, l := range lines {
		if !eligible[l.TaskArea] {
			probs.AddKey("budget_lines", "budget.central_line_ineligible", i18n.Args{"task_area": l.TaskArea, "year": strconv.Itoa(year)}, l.ID)
		}
	}
	if len(probs) > 0 {
		return &baove.Error{Code: baove.ECONFLICT, Key: "budget.central_lines_ineligible", Args: i18n.Args{"year": strconv.Itoa(year)}, Fields: probs}
	}
	return nil
}
