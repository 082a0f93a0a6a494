package plans

import (
	"context"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/i18n"
	"baove/units"
)

// Change is one edit of a plan version or its parts, run by Edit inside the
// plan's transaction with the plan row locked. It returns what to audit.
type Change func(ctx context.Context, tx bun.Tx, p Plan) (Audit, error)

// Audit describes a change for the trail.
type Audit struct {
	Action, Entity, EntityID string
	Before, After            any
}

// Ref names a plan version as its caller read it: its id and the revision
// (the ETag) they saw, nil when they sent none.
type Ref struct {
	ID      ID
	IfMatch *Revision
}

// Precondition is what a change expects of a plan version.
type Precondition struct {
	// Plan is the version to change.
	Plan ID
	// IfMatch is the revision the caller read; nil when none was sent.
	IfMatch *Revision
	// Required refuses the change when IfMatch is nil: changes to what
	// exists (PATCH, PUT, DELETE) need it, additions (POST) do not.
	Required bool
}

// Match returns the precondition of a change to what exists in ref's
// version: the revision its caller read is required.
func Match(ref Ref) Precondition {
	return Precondition{Plan: ref.ID, IfMatch: ref.IfMatch, Required: true}
}

// Adding returns the precondition of an addition to version id: no
// revision is required.
func Adding(id ID) Precondition { return Precondition{Plan: id} }

// Edit runs change on plan id for the caller, who must be the province's
// planner, while the plan is editable and still at the revision pre expects.
// The plan's revision then moves on. It returns the plan as it is
// afterwards, or, in this order of checking: ENOTFOUND for an unknown or
// invisible plan, EFORBIDDEN for a wrong role, ECONFLICT saying why a plan
// cannot change in its status, ENOPRECOND when a required If-Match is
// missing, ESTALE when it is stale. Other domains edit their parts of a plan
// through it (budget lines).
func (s *Store) Edit(ctx context.Context, c access.Caller, pre Precondition, change Change) (Plan, error) {
	id := pre.Plan
	var after Plan
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		r, err := s.editable(ctx, tx, c, pre)
		if err != nil {
			return err
		}
		a, err := change(ctx, tx, r.plan())
		if err != nil {
			return err
		}
		if err := s.bump(ctx, tx, r); err != nil {
			return err
		}
		if err := s.recordAudit(ctx, tx, c, r.ProvinceCode, a); err != nil {
			return err
		}
		after, err = s.reload(ctx, tx, id)
		return err
	})
	return after, translate(err, "edit plan")
}

// reload reads plan id afresh with its parts.
func (s *Store) reload(ctx context.Context, db bun.IDB, id ID) (Plan, error) {
	r, err := s.row(ctx, db, id, false)
	if err != nil {
		return Plan{}, err
	}
	return s.load(ctx, db, r)
}

// editable locks pre's plan and checks, in this order, that the caller may
// edit it, that its status allows it, and that pre holds.
func (s *Store) editable(ctx context.Context, tx bun.Tx, c access.Caller, pre Precondition) (PlanRecord, error) {
	id := pre.Plan
	r, err := s.row(ctx, tx, id, true)
	if err != nil {
		return r, err
	}
	if err := mayAct(c, r, access.Planner); err != nil {
		return r, err
	}
	if err := notEditable(r.Status); err != nil {
		return r, err
	}
	if pre.Required && pre.IfMatch == nil {
		return r, baove.E(baove.ENOPRECOND, "plan.if_match_required", i18n.Args{"id": int64(id)})
	}
	return r, checkRevision(r, pre.IfMatch)
}

// mayAct returns nil when c has one of roles and may act on r's province;
// ENOTFOUND when r is invisible to c.
func mayAct(c access.Caller, r PlanRecord, roles ...access.Role) error {
	if err := visible(c, r); err != nil {
		return err
	}
	return c.CanAct(units.ProvinceCode(r.ProvinceCode), roles...)
}

func checkRevision(r PlanRecord, ifMatch *Revision) error {
	if ifMatch != nil && Revision(r.Revision) != *ifMatch {
		return baove.E(baove.ESTALE, "plan.stale", i18n.Args{"now": r.Revision, "sent": int64(*ifMatch)})
	}
	return nil
}

// bump moves the plan's revision on. The WHERE on the old revision makes a
// concurrent writer that slipped past the lock fail rather than overwrite.
func (s *Store) bump(ctx context.Context, tx bun.Tx, r PlanRecord) error {
	res, err := tx.NewUpdate().Table("plans").Set("revision = ?, updated_at = ?", r.Revision+1, s.clock.Now()).
		Where("id = ? AND revision = ?", r.ID, r.Revision).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return baove.E(baove.ESTALE, "plan.changed_meanwhile", nil)
	}
	return nil
}

// recordAudit records a, a change of a plan of province, by c.
func (s *Store) recordAudit(ctx context.Context, tx bun.IDB, c access.Caller, province string, a Audit) error {
	return audit.Record(ctx, tx, audit.Change{At: s.clock.Now(), Actor: c.Actor(), Action: a.Action, Entity: a.Entity,
		EntityID: a.EntityID, ProvinceCode: province, BeforeState: a.Before, AfterState: a.After})
}

// translate maps database errors of plan edits to application errors.
func translate(err error, what string) error {
	var appErr *baove.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &appErr):
		return err
	case database.IsForeignKeyViolation(err):
		return baove.E(baove.ECONFLICT, "plan.has_dependents", nil)
	}
	return fmt.Errorf("plans: %s: %w", what, err)
}
