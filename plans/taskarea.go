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
	"baove/vn"
)

// TaskAreas returns the directive's task areas in the directive's order.
func (s *Store) TaskAreas(ctx context.Context) ([]TaskArea, error) {
	return s.TaskAreasIn(ctx, s.db)
}

// TaskAreasIn is TaskAreas read within db, e.g. the transaction of a write
// that must not wait for a second connection while it holds locks.
func (s *Store) TaskAreasIn(ctx context.Context, db bun.IDB) ([]TaskArea, error) {
	var rows []taskAreaRow
	if err := db.NewSelect().Model(&rows).Order("position").Scan(ctx); err != nil {
		return nil, fmt.Errorf("plans: task areas: %w", err)
	}
	out := make([]TaskArea, len(rows))
	for i, r := range rows {
		out[i] = r.taskArea()
	}
	return out, nil
}

// TaskArea returns the task area with code, read within db. It returns
// ENOTFOUND for an unknown code.
func (s *Store) TaskArea(ctx context.Context, db bun.IDB, code string) (TaskArea, error) {
	var r taskAreaRow
	err := db.NewSelect().Model(&r).Where("code = ?", code).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return TaskArea{}, baove.Errorf(baove.ENOTFOUND, "no task area %s", code)
	}
	return r.taskArea(), err
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
}

// UpdateTaskArea changes a task area's names or its eligibility for central
// funds. Only an administrator may. It returns ENOTFOUND for an unknown code
// and EINVALID for an empty name.
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
		if p.EligibleForCentralFunds != nil {
			after.EligibleForCentralFunds = *p.EligibleForCentralFunds
		}
		var probs baove.Problems
		checkTitle(&probs, "name_vi", after.NameVI)
		checkTitle(&probs, "name_en", after.NameEN)
		if err := probs.Err(); err != nil {
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
