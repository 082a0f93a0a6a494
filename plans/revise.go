package plans

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/database"
	"baove/i18n"
)

// Revise starts version N+1 of an approved plan as a draft copy of it:
// activities, targets and every part (budget lines). The approved version
// stays in force, unchanged, until the revision is approved. Only the
// province's planner may. It returns ECONFLICT when the plan is not the
// approved version in force or a revision is already under way.
func (s *Store) Revise(ctx context.Context, c access.Caller, id ID) (Plan, error) {
	var revision Plan
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		r, err := s.row(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := mayAct(c, r, access.Planner); err != nil {
			return err
		}
		if r.Status != Approved {
			return baove.E(baove.ECONFLICT, "plan.revise.not_in_force", i18n.Args{"status": r.Status})
		}
		if err := s.noRevisionUnderWay(ctx, tx, r); err != nil {
			return err
		}
		copied, err := s.copyVersion(ctx, tx, c, r)
		if err != nil {
			return err
		}
		revision, err = s.reload(ctx, tx, ID(copied.ID))
		return err
	})
	if database.IsUniqueViolation(err) { // another revision was started at the same moment
		return Plan{}, baove.E(baove.ECONFLICT, "plan.revise.under_way", nil)
	}
	return revision, translate(err, "revise plan")
}

func (s *Store) noRevisionUnderWay(ctx context.Context, tx bun.Tx, r PlanRecord) error {
	var later []PlanRecord
	if err := tx.NewSelect().Model(&later).Where("province_code = ? AND year = ? AND version > ?",
		r.ProvinceCode, r.Year, r.Version).Scan(ctx); err != nil {
		return err
	}
	if len(later) > 0 {
		return baove.E(baove.ECONFLICT, "plan.revise.version_under_way",
			i18n.Args{"version": later[0].Version, "id": later[0].ID})
	}
	return nil
}

// copyVersion writes version N+1 of r with copies of its content.
func (s *Store) copyVersion(ctx context.Context, tx bun.Tx, c access.Caller, r PlanRecord) (PlanRecord, error) {
	now := s.clock.Now()
	n := PlanRecord{ProvinceCode: r.ProvinceCode, Year: r.Year, Version: r.Version + 1, Status: Draft, Title: r.Title,
		Narrative: r.Narrative, Revision: 1, CreatedAt: now, UpdatedAt: now}
	if _, err := tx.NewInsert().Model(&n).Exec(ctx); err != nil {
		return n, err
	}
	activities, err := copyActivities(ctx, tx, r.ID, n.ID)
	if err != nil {
		return n, err
	}
	if _, err := tx.NewRaw("INSERT INTO plan_targets (plan_id, indicator_code, value) SELECT ?, indicator_code, value FROM plan_targets WHERE plan_id = ?",
		n.ID, r.ID).Exec(ctx); err != nil {
		return n, err
	}
	for _, part := range s.parts {
		if err := part.Copy(ctx, tx, ID(r.ID), ID(n.ID), activities); err != nil {
			return n, fmt.Errorf("copy %s: %w", part.Name(), err)
		}
	}
	if err := s.event(ctx, tx, c, EventRecord{PlanID: n.ID, Action: "revise", ToStatus: Draft,
		Reason: fmt.Sprintf("revision of version %d (id %d)", r.Version, r.ID)}); err != nil {
		return n, err
	}
	return n, s.recordAudit(ctx, tx, c, r.ProvinceCode, Audit{"plan.revise", "plan", idStr(n.ID), nil, n.plan()})
}

func copyActivities(ctx context.Context, tx bun.Tx, from, to int64) (map[ActivityID]ActivityID, error) {
	var acts []ActivityRecord
	if err := tx.NewSelect().Model(&acts).Where("plan_id = ?", from).Order("position", "id").Scan(ctx); err != nil {
		return nil, err
	}
	ids := make(map[ActivityID]ActivityID, len(acts))
	for _, a := range acts {
		old := a.ID
		a.ID, a.PlanID = 0, to
		if _, err := tx.NewInsert().Model(&a).Exec(ctx); err != nil {
			return nil, err
		}
		ids[ActivityID(old)] = ActivityID(a.ID)
	}
	return ids, nil
}
