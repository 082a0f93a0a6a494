package plans

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/i18n"
	"baove/vn"
)

// TaskAreas returns the directive's task areas in the directive's order,
// each with its eligibility for central funds by years, in one query.
func (s *Store) TaskAreas(ctx context.Context) ([]TaskArea, error) {
	return s.TaskAreasOn(ctx, s.db)
}

// TaskAreasOn is TaskAreas read within db (the database or a transaction
// of it), prepared (see database.DB.Select).
func (s *Store) TaskAreasOn(ctx context.Context, db bun.IDB) ([]TaskArea, error) {
	var rows []taskAreaRow
	if err := s.db.Select(ctx, db, &rows, taskAreasQuery); err != nil {
		return nil, fmt.Errorf("plans: task areas: %w", err)
	}
	return taskAreas(rows)
}

// TaskAreasIn is TaskAreas read within db, for the domains that attach
// parts to plans and check them in the plans transaction.
func TaskAreasIn(ctx context.Context, db bun.IDB) ([]TaskArea, error) {
	var rows []taskAreaRow
	if err := db.NewRaw(taskAreasQuery).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("plans: task areas: %w", err)
	}
	return taskAreas(rows)
}

const taskAreasQuery = `SELECT code, name_vi, name_en, eligible_for_central_funds, central_eligibility, position
	FROM task_areas ORDER BY position`

func taskAreas(rows []taskAreaRow) ([]TaskArea, error) {
	out := make([]TaskArea, len(rows))
	for i, r := range rows {
		ta, err := r.taskArea()
		if err != nil {
			return nil, err
		}
		out[i] = ta
	}
	return out, nil
}

// TaskArea returns the task area with code and its eligibility, read
// within db. It returns ENOTFOUND for an unknown code.
func (s *Store) TaskArea(ctx context.Context, db bun.IDB, code string) (TaskArea, error) {
	var r taskAreaRow
	err := db.NewSelect().Model(&r).Where("code = ?", code).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return TaskArea{}, baove.E(baove.ENOTFOUND, "plan.task_area.not_found", i18n.Args{"code": code})
	} else if err != nil {
		return TaskArea{}, err
	}
	return r.taskArea()
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
		if err := s.changeEligibility(&after, p); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Table("task_areas").
			Set("name_vi = ?, name_en = ?, eligible_for_central_funds = ?, central_eligibility = ?", after.NameVI, after.NameEN,
				after.EligibleForCentralFunds, formatEligibility(after.Eligibility)).
			Where("code = ?", code).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Change{At: s.clock.Now(), Actor: c.Actor(), Action: "task_area.update",
			Entity: "task_area", EntityID: code, BeforeState: before, AfterState: after})
	})
	return after, translate(err, "update task area")
}

// changeEligibility applies the patch's eligibility to t: its spans and
// its open-ended flag; nothing when the patch leaves eligibility alone.
func (s *Store) changeEligibility(t *TaskArea, p TaskAreaPatch) error {
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
	return nil
}
