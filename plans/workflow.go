package plans

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/indicators"
	"baove/units"
	"baove/vn"
)

// Submit sends a draft or returned plan for review. Only the province's
// planner may. The plan needs at least one activity, a target for
// CP_COMMUNE_WORKER, and an item of every part required for submission
// (budget lines); it returns EINVALID naming what is missing.
func (s *Store) Submit(ctx context.Context, c access.Caller, ref Ref) (Plan, error) {
	return s.transition(ctx, c, step{ref: ref, action: "submit", role: access.Planner})
}

// Approve approves a submitted plan, which is then in force; the version it
// revises, if any, is marked superseded. Only a reviewer may.
func (s *Store) Approve(ctx context.Context, c access.Caller, ref Ref) (Plan, error) {
	return s.transition(ctx, c, step{ref: ref, action: "approve", role: access.Reviewer})
}

// Return sends a submitted plan back to its planner with a reason, which is
// required (EINVALID). Only a reviewer may.
func (s *Store) Return(ctx context.Context, c access.Caller, ref Ref, reason string) (Plan, error) {
	return s.transition(ctx, c, step{ref: ref, action: "return", reason: vn.NFC(reason), role: access.Reviewer})
}

// step is a move of a plan version through the workflow: the version, the
// action, its reason, and the role that may take it.
type step struct {
	ref            Ref
	action, reason string
	role           access.Role
}

func (s *Store) transition(ctx context.Context, c access.Caller, st step) (Plan, error) {
	id, ifMatch, action, reason, role := st.ref.ID, st.ref.IfMatch, st.action, st.reason, st.role
	var after Plan
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if action == "approve" {
			if err := s.lockParts(ctx, tx, id); err != nil {
				return err
			}
		}
		r, err := s.row(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := mayAct(c, r, role); err != nil {
			return err
		}
		to, err := next(r.Status, action)
		if err != nil {
			return err
		}
		if err := checkRevision(r, ifMatch); err != nil {
			return err
		}
		if err := s.ready(ctx, tx, st, r); err != nil {
			return err
		}
		if err := s.move(ctx, tx, c, statusChange{r, action, to, reason}); err != nil {
			return err
		}
		if action == "approve" {
			if err := s.supersedePrevious(ctx, tx, c, r); err != nil {
				return err
			}
		}
		after, err = s.reload(ctx, tx, id)
		return err
	})
	return after, translate(err, action+" plan")
}

// lockParts takes the parts' locks of plan id's province-year, before the
// plan's own row: approving a version changes what the budget allows to be
// paid, so it takes the lock payments take, in the order they take it.
func (s *Store) lockParts(ctx context.Context, tx bun.Tx, id ID) error {
	r, err := s.row(ctx, tx, id, false)
	if err != nil {
		return err
	}
	for _, part := range s.parts {
		if err := part.Lock(ctx, tx, units.ProvinceCode(r.ProvinceCode), r.Year); err != nil {
			return err
		}
	}
	return nil
}

// ready checks what an action needs beyond the status: a reason to return,
// the content to submit.
func (s *Store) ready(ctx context.Context, tx bun.Tx, st step, r PlanRecord) error {
	action, reason := st.action, st.reason
	switch action {
	case "return":
		var p baove.Problems
		if reason == "" {
			p.Add("reason", "say why the plan is returned", nil)
		}
		checkFree(&p, "reason", reason, 4000)
		if err := p.Err(); err != nil {
			return err
		}
	case "submit":
		if err := s.complete(ctx, tx, r); err != nil {
			return err
		}
	}
	if action == "submit" || action == "approve" {
		for _, part := range s.parts {
			if err := part.Check(ctx, tx, ID(r.ID)); err != nil {
				return err
			}
		}
	}
	return nil
}

// complete returns EINVALID listing what a plan lacks for submission.
func (s *Store) complete(ctx context.Context, tx bun.Tx, r PlanRecord) error {
	var p baove.Problems
	n, err := tx.NewSelect().Table("activities").Where("plan_id = ?", r.ID).Count(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		p.AddKey("activities", "plan.missing.activities", nil, nil)
	}
	n, err = tx.NewSelect().Table("plan_targets").Where("plan_id = ? AND indicator_code = ?", r.ID, string(indicators.CommuneWorker)).Count(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		p.AddKey("targets."+string(indicators.CommuneWorker), "plan.missing.commune_worker", nil, nil)
	}
	for _, part := range s.parts {
		if !part.RequiredForSubmission() {
			continue
		}
		k, err := part.Count(ctx, tx, ID(r.ID))
		if err != nil {
			return err
		}
		if k == 0 {
			p.AddKey(part.Name(), "plan.missing."+part.Name(), nil, nil)
		}
	}
	if len(p) > 0 {
		return &baove.Error{Code: baove.EINVALID, Key: "plan.not_ready", Fields: p}
	}
	return nil
}

// statusChange is a plan version's move to another status, by an action
// of the workflow, for a reason.
type statusChange struct {
	plan   PlanRecord
	action string
	to     Status
	reason string
}

// move sets a plan's status, with its history event and audit entry.
func (s *Store) move(ctx context.Context, tx bun.Tx, c access.Caller, ch statusChange) error {
	r, action, to, reason := ch.plan, ch.action, ch.to, ch.reason
	now := s.clock.Now()
	if _, err := tx.NewUpdate().Table("plans").Set("status = ?, revision = revision + 1, updated_at = ?", string(to), now).
		Where("id = ?", r.ID).Exec(ctx); err != nil {
		return err
	}
	e := EventRecord{PlanID: r.ID, Action: action, FromStatus: r.Status, ToStatus: to, Reason: reason}
	if err := s.event(ctx, tx, c, e); err != nil {
		return err
	}
	before := map[string]any{"status": r.Status, "version": r.Version}
	after := map[string]any{"status": to, "version": r.Version}
	if reason != "" {
		after["reason"] = reason
	}
	return s.recordAudit(ctx, tx, c, r.ProvinceCode, Audit{"plan." + action, "plan", idStr(r.ID), before, after})
}

// supersedePrevious marks the approved version that r revises, if any, as
// superseded.
func (s *Store) supersedePrevious(ctx context.Context, tx bun.Tx, c access.Caller, r PlanRecord) error {
	var prev []PlanRecord
	if err := tx.NewSelect().Model(&prev).Where("province_code = ? AND year = ? AND status = ? AND version < ?",
		r.ProvinceCode, r.Year, string(Approved), r.Version).Scan(ctx); err != nil {
		return err
	}
	for _, p := range prev {
		if err := s.move(ctx, tx, c, statusChange{p, "supersede", Superseded, fmt.Sprintf("version %d approved", r.Version)}); err != nil {
			return err
		}
	}
	return nil
}
