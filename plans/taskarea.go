package plans

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/vn"
)

// TaskAreas returns the directive's task areas in the directive's order,
// each with its eligibility for central funds by years, in one query.
func (s *Store) TaskAreas(ctx context.Context) ([]TaskArea, error) {
	return TaskAreasIn(ctx, s.db)
}

// TaskAreasIn is TaskAreas read within db, for the domains that attach
// parts to plans and check them in the plans transaction.
func TaskAreasIn(ctx context.Context, db bun.IDB) ([]TaskArea, error) {
	out, err := taskAreas(ctx, db, "")
	if err != nil {
		return nil, fmt.Errorf("plans: task areas: %w", err)
	}
	return out, nil
}

// TaskArea returns the task area with code and its eligibility, read
// within db. It returns ENOTFOUND for an unknown code.
func (s *Store) TaskArea(ctx context.Context, db bun.IDB, code string) (TaskArea, error) {
	out, err := taskAreas(ctx, db, code)
	switch {
	case err != nil:
		return TaskArea{}, err
	case len(out) == 0:
		return TaskArea{}, baove.Errorf(baove.ENOTFOUND, "no task area %s", code)
	}
	return out[0], nil
}

// taskAreas reads the task areas (only code's when not empty) with their
// eligibility spans.
func taskAreas(ctx context.Context, db bun.IDB, code string) ([]TaskArea, error) {
	var rows []struct {
		Code                    string
		NameVI                  string `bun:"name_vi"`
		NameEN                  string `bun:"name_en"`
		EligibleForCentralFunds bool
		FromYear, ToYear        *int
		Eligible                *bool
	}
	q := db.NewSelect().TableExpr("task_areas AS ta").
		ColumnExpr("ta.code, ta.name_vi, ta.name_en, ta.eligible_for_central_funds, e.from_year, e.to_year, e.eligible").
		Join("LEFT JOIN task_area_eligibility AS e ON e.task_area = ta.code").OrderExpr("ta.position, e.from_year")
	if code != "" {
		q = q.Where("ta.code = ?", code)
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, err
	}
	var out []TaskArea
	for _, r := range rows {
		if n := len(out); n == 0 || out[n-1].Code != r.Code {
			out = append(out, TaskArea{Code: r.Code, NameVI: r.NameVI, NameEN: r.NameEN, EligibleForCentralFunds: r.EligibleForCentralFunds})
		}
		if r.FromYear != nil {
			e := Eligibility{FromYear: *r.FromYear, Eligible: *r.Eligible}
			if r.ToYear != nil {
				e.ToYear = *r.ToYear
			}
			out[len(out)-1].Eligibility = append(out[len(out)-1].Eligibility, e)
		}
	}
	return out, nil
}

func (s *Store) taskAreaCodes(ctx context.Context, db bun.IDB) (map[string]bool, error) {
	var codes []string
	if err := db.NewSelect().Table("task_areas").Column("code").Scan(ctx, &codes); err != nil {
		return nil, fmt.Errorf("plans: task areas: %w", err)
	}
	known := make(map[string]bool, len(codes))
	for _, c := range codes {
		known[c] = true
	}
	return known, nil
}

// TaskAreaPatch changes a task area; nil fields stay.
type TaskAreaPatch struct {
	NameVI, NameEN          *string
	EligibleForCentralFunds *bool
	// EligibleFrom is the first year the new eligibility applies to: this
	// year when nil, never an earlier one.
	EligibleFrom *int
}

// UpdateTaskArea changes a task area's names or its eligibility for central
// funds from a year on (this year by default): the years before keep the
// eligibility they had, so that their checks do not change. Only an
// administrator may. It returns ENOTFOUND for an unknown code and EINVALID
// for an empty name or a year before this one.
func (s *Store) UpdateTaskArea(ctx context.Context, c access.Caller, code string, p TaskAreaPatch) (TaskArea, error) {
	if err := c.Require(access.Admin); err != nil {
		return TaskArea{}, err
	}
	var after TaskArea
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := s.TaskArea(ctx, tx, code)
		if err != nil {
			return err
		}
		after = before
		if p.NameVI != nil {
			after.NameVI = vn.NFC(*p.NameVI)
		}
		if p.NameEN != nil {
			after.NameEN = vn.NFC(*p.NameEN)
		}
		var probs baove.Problems
		checkTitle(&probs, "name_vi", after.NameVI)
		checkTitle(&probs, "name_en", after.NameEN)
		if err := probs.Err(); err != nil {
			return err
		}
		if err := s.changeEligibility(ctx, tx, &after, p); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Table("task_areas").
			Set("name_vi = ?, name_en = ?, eligible_for_central_funds = ?", after.NameVI, after.NameEN, after.EligibleForCentralFunds).
			Where("code = ?", code).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.clock.Now(), c.Actor(), "task_area.update", "task_area", code, "", before, after)
	})
	return after, translate(err, "update task area")
}

// changeEligibility applies the patch's eligibility to t and rewrites its
// spans; nothing when the patch leaves eligibility alone.
func (s *Store) changeEligibility(ctx context.Context, tx bun.Tx, t *TaskArea, p TaskAreaPatch) error {
	if p.EligibleForCentralFunds == nil {
		return nil
	}
	from := s.clock.Today().Year()
	if p.EligibleFrom != nil {
		from = *p.EligibleFrom
	}
	if err := checkEligibleFrom(from, s.clock.Today()); err != nil {
		return err
	}
	t.Eligibility = changeEligibility(t.Eligibility, *p.EligibleForCentralFunds, from)
	t.EligibleForCentralFunds = *p.EligibleForCentralFunds
	if _, err := tx.NewDelete().Model((*eligibilityRow)(nil)).Where("task_area = ?", t.Code).Exec(ctx); err != nil {
		return err
	}
	rows := make([]eligibilityRow, len(t.Eligibility))
	for i, e := range t.Eligibility {
		rows[i] = eligibilityRow{TaskArea: t.Code, FromYear: e.FromYear, ToYear: e.ToYear, Eligible: e.Eligible}
	}
	_, err := tx.NewInsert().Model(&rows).Exec(ctx)
	return err
}
