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

// Submit sends a draft or returned plan to the province's leadership, whose
// approver issues or returns it. Only the province's planner may. The plan
// needs at least one activity, a target for CP_COMMUNE_WORKER, and an item
// of every part required for submission (budget lines); it returns EINVALID
// naming what is missing.
func (s *Store) Submit(ctx context.Context, c access.Caller, ref Ref) (Plan, error) {
	return s.transition(ctx, c, step{ref: ref, action: "submit", role: access.Planner})
}

// Approve issues a submitted plan for the province: the version is then in
// force, with is as its issuance; the version it revises, if any, is marked
// superseded, and the revision requests on earlier versions are resolved.
// Only the province's approver may (a ministry reviewer gets EFORBIDDEN).
// It returns EINVALID naming each missing or bad field of is: all are
// required, and the date is neither after today nor before the version was
// submitted.
func (s *Store) Approve(ctx context.Context, c access.Caller, ref Ref, is Issuance) (Plan, error) {
	is.normalize()
	is.IssuedBy = c.Username
	return s.transition(ctx, c, step{ref: ref, action: "approve", role: access.Approver, issuance: &is})
}

// Return sends a submitted plan back to its planner with a reason, which is
// required (EINVALID). Only the province's approver may.
func (s *Store) Return(ctx context.Context, c access.Caller, ref Ref, reason string) (Plan, error) {
	return s.transition(ctx, c, step{ref: ref, action: "return", reason: vn.NFC(reason), role: access.Approver})
}

// step is a move of a plan version through the workflow: the version, the
// action, its reason or the issuance it records, and the role that may take
// it.
type step struct {
	ref            Ref
	action, reason string
	issuance       *Issuance
	role           access.Role
}

func (s *Store) transition(ctx context.Context, c access.Caller, st step) (Plan, error) {
	id, action := st.ref.ID, st.action
	var after Plan
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if action == "approve" {
			if err := s.lockParts(ctx, tx, id); err != nil {
				return err
			}
		}
		r, to, err := s.allowed(ctx, tx, c, st)
		if err != nil {
			return err
		}
		if err := s.ready(ctx, tx, st, r); err != nil {
			return err
		}
		move := statusChange{plan: r, action: action, to: to, reason: st.reason, issuance: st.issuance}
		if err := s.move(ctx, tx, c, move); err != nil {
			return err
		}
		if action == "approve" {
			if err := s.approved(ctx, tx, c, r); err != nil {
				return err
			}
		}
		after, err = s.reload(ctx, tx, id)
		return err
	})
	return after, translate(err, action+" plan")
}

// allowed reads the version st moves, locked, and returns it with the
// status st leads to, once the caller may take st, the version's status
// allows it and the caller read the version as it is.
func (s *Store) allowed(ctx context.Context, tx bun.Tx, c access.Caller, st step) (PlanRecord, Status, error) {
	r, err := s.row(ctx, tx, st.ref.ID, true)
	if err != nil {
		return r, "", err
	}
	if err := mayAct(c, r, st.role); err != nil {
		return r, "", err
	}
	to, err := next(r.Status, st.action)
	if err != nil {
		return r, "", err
	}
	return r, to, checkRevision(r, st.ref.IfMatch)
}

// approved does what the approval of r brings about beyond its status: the
// version it revises is superseded, and the revision requests it answers
// are resolved.
func (s *Store) approved(ctx context.Context, tx bun.Tx, c access.Caller, r PlanRecord) error {
	if err := s.supersedePrevious(ctx, tx, c, r); err != nil {
		return err
	}
	return s.resolveRequests(ctx, tx, c, r)
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
// the content to submit, the issuance to approve.
func (s *Store) ready(ctx context.Context, tx bun.Tx, st step, r PlanRecord) error {
	switch st.action {
	case "return":
		var p baove.Problems
		if st.reason == "" {
			p.Add("reason", "say why the plan is returned", nil)
		}
		checkFree(&p, "reason", st.reason, 4000)
		if err := p.Err(); err != nil {
			return err
		}
	case "submit":
		if err := s.complete(ctx, tx, r); err != nil {
			return err
		}
	case "approve":
		submitted, err := s.submittedOn(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		if err := st.issuance.check(s.clock.Today(), submitted); err != nil {
			return err
		}
	}
	if st.action == "submit" || st.action == "approve" {
		for _, part := range s.parts {
			if err := part.Check(ctx, tx, ID(r.ID)); err != nil {
				return err
			}
		}
	}
	return nil
}

// submittedOn returns the day, in the service's zone, plan version id was
// last submitted; zero if it never was.
func (s *Store) submittedOn(ctx context.Context, tx bun.Tx, id int64) (baove.Date, error) {
	var events []EventRecord
	if err := tx.NewSelect().Model(&events).Where("plan_id = ? AND action = 'submit'", id).
		OrderExpr("id DESC").Limit(1).Scan(ctx); err != nil {
		return baove.Date{}, err
	}
	if len(events) == 0 {
		return baove.Date{}, nil
	}
	return s.clock.Day(events[0].At), nil
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
// of the workflow, for a reason or with the issuance it records.
type statusChange struct {
	plan     PlanRecord
	action   string
	to       Status
	reason   string
	issuance *Issuance
}

// move sets a plan's status (and, on approval, its issuance), with its
// history event and audit entry.
func (s *Store) move(ctx context.Context, tx bun.Tx, c access.Caller, ch statusChange) error {
	r, to := ch.plan, ch.to
	now := s.clock.Now()
	q := tx.NewUpdate().Table("plans").Set("status = ?, revision = revision + 1, updated_at = ?", string(to), now)
	if is := ch.issuance; is != nil {
		q = q.Set("document_no = ?, issued_on = ?, signer_name = ?, signer_title = ?, issued_by = ?",
			is.DocumentNo, is.IssuedOn, is.SignerName, is.SignerTitle, is.IssuedBy)
	}
	if _, err := q.Where("id = ?", r.ID).Exec(ctx); err != nil {
		return err
	}
	e := EventRecord{PlanID: r.ID, Action: ch.action, FromStatus: r.Status, ToStatus: to, Reason: ch.reason}
	if err := s.event(ctx, tx, c, e); err != nil {
		return err
	}
	before := map[string]any{"status": r.Status, "version": r.Version}
	after := map[string]any{"status": to, "version": r.Version}
	if ch.reason != "" {
		after["reason"] = ch.reason
	}
	if ch.issuance != nil {
		after["issuance"] = ch.issuance
	}
	return s.recordAudit(ctx, tx, c, r.ProvinceCode, Audit{"plan." + ch.action, "plan", idStr(r.ID), before, after})
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
		move := statusChange{plan: p, action: "supersede", to: Superseded, reason: fmt.Sprintf("version %d issued", r.Version)}
		if err := s.move(ctx, tx, c, move); err != nil {
			return err
		}
	}
	return nil
}
