package plans

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"strconv"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/i18n"
	"baove/indicators"
	"baove/vn"
)

// PlanPatch changes a plan's own fields; nil fields stay.
type PlanPatch struct {
	Title     *string
	Narrative *string
}

// Update changes the plan's title or narrative (see Edit for the rules).
func (s *Store) Update(ctx context.Context, c access.Caller, ref Ref, p PlanPatch) (Plan, error) {
	return s.Edit(ctx, c, Match(ref), func(ctx context.Context, tx bun.Tx, before Plan) (Audit, error) {
		after := before
		if p.Title != nil {
			after.Title = vn.NFC(*p.Title)
		}
		if p.Narrative != nil {
			after.Narrative = vn.NFC(*p.Narrative)
		}
		var probs baove.Problems
		checkTitle(&probs, "title", after.Title)
		checkFree(&probs, "narrative", after.Narrative, MaxNarrative)
		if err := probs.Err(); err != nil {
			return Audit{}, err
		}
		_, err := tx.NewUpdate().Table("plans").Set("title = ?, narrative = ?", after.Title, after.Narrative).
			Where("id = ?", int64(ref.ID)).Exec(ctx)
		return Audit{"plan.update", "plan", idStr(int64(ref.ID)), planFields(before), planFields(after)}, err
	})
}

func planFields(p Plan) map[string]any {
	return map[string]any{"title": p.Title, "narrative": p.Narrative, "status": p.Status, "version": p.Version}
}

// checkLine refuses a one-line field longer than max characters or holding
// a tab, a line break or anything else text may not hold.
func checkLine(p *baove.Problems, field, s string, max int) {
	checkLength(p, field, s, max)
	checkText(p, field, s, false)
}

// checkFree refuses free text longer than max characters or holding what
// text may not (tabs and line breaks it may).
func checkFree(p *baove.Problems, field, s string, max int) {
	checkLength(p, field, s, max)
	checkText(p, field, s, true)
}

func checkLength(p *baove.Problems, field, s string, max int) {
	if len([]rune(s)) > max {
		p.AddKey(field, "field.too_long", i18n.Args{"max": max}, nil)
	}
}

// checkText refuses text that cannot be stored: invalid UTF-8, control
// characters, and tabs or line breaks unless multiline (vn.TextFault).
func checkText(p *baove.Problems, field, s string, multiline bool) {
	if f := vn.TextFault(s, multiline); f != "" {
		p.AddKey(field, "text."+f, nil, nil)
	}
}

// ActivityInput is an activity as a planner writes it.
type ActivityInput struct {
	TaskArea       string
	Title          string
	LeadAgency     string
	Partners       string
	StartsOn       baove.Date // zero: not set
	EndsOn         baove.Date // zero: not set
	ExpectedOutput string
}

// check normalises the input and returns every problem with it for a plan
// of year; taskAreas are the known task-area codes.
func (in *ActivityInput) check(year int, taskAreas map[string]bool) error {
	in.TaskArea, in.Title, in.LeadAgency = vn.NFC(in.TaskArea), vn.NFC(in.Title), vn.NFC(in.LeadAgency)
	in.Partners, in.ExpectedOutput = vn.NFC(in.Partners), vn.NFC(in.ExpectedOutput)
	var p baove.Problems
	if !taskAreas[in.TaskArea] {
		p.AddKey("task_area", "plan.activity.task_area_unknown", nil, in.TaskArea)
	}
	checkTitle(&p, "title", in.Title)
	checkLine(&p, "lead_agency", in.LeadAgency, MaxLeadAgency)
	checkFree(&p, "partners", in.Partners, MaxPartners)
	checkFree(&p, "expected_output", in.ExpectedOutput, MaxExpectedOutput)
	first, last := baove.NewDate(year, 1, 1), baove.NewDate(year, 12, 31)
	for field, d := range map[string]baove.Date{"starts_on": in.StartsOn, "ends_on": in.EndsOn} {
		if !d.IsZero() && (d.Before(first) || d.After(last)) {
			p.AddKey(field, "plan.activity.outside_year", i18n.Args{"year": strconv.Itoa(year)}, d.String())
		}
	}
	if !in.StartsOn.IsZero() && !in.EndsOn.IsZero() && in.EndsOn.Before(in.StartsOn) {
		p.AddKey("ends_on", "plan.activity.ends_before_starts", nil, in.EndsOn.String())
	}
	return p.Err()
}

// AddActivity adds an activity at the end of the plan (see Edit for the
// rules). It returns EINVALID naming each bad field.
func (s *Store) AddActivity(ctx context.Context, c access.Caller, id ID, in ActivityInput) (Plan, Activity, error) {
	var added ActivityRecord
	p, err := s.Edit(ctx, c, Adding(id), func(ctx context.Context, tx bun.Tx, plan Plan) (Audit, error) {
		areas, err := s.taskAreaCodes(ctx, tx)
		if err != nil {
			return Audit{}, err
		}
		if err := in.check(plan.Year, areas); err != nil {
			return Audit{}, err
		}
		var last int
		if err := tx.NewSelect().Table("activities").ColumnExpr("coalesce(max(position), 0)").
			Where("plan_id = ?", int64(id)).Scan(ctx, &last); err != nil {
			return Audit{}, err
		}
		added = ActivityRecord{PlanID: int64(id), Lineage: newLineage(), Position: last + 1}
		added.set(in)
		if _, err := tx.NewInsert().Model(&added).Exec(ctx); err != nil {
			return Audit{}, err
		}
		return Audit{"activity.create", "activity", idStr(added.ID), nil, added.activity()}, nil
	})
	return p, added.activity(), err
}

func (r *ActivityRecord) set(in ActivityInput) {
	r.TaskArea, r.Title, r.LeadAgency, r.Partners = in.TaskArea, in.Title, in.LeadAgency, in.Partners
	r.StartsOn, r.EndsOn, r.ExpectedOutput = in.StartsOn, in.EndsOn, in.ExpectedOutput
}

func (r ActivityRecord) input() ActivityInput {
	return ActivityInput{TaskArea: r.TaskArea, Title: r.Title, LeadAgency: r.LeadAgency, Partners: r.Partners,
		StartsOn: r.StartsOn, EndsOn: r.EndsOn, ExpectedOutput: r.ExpectedOutput}
}

// ActivityRef names an activity of a plan version as its caller read it.
type ActivityRef struct {
	Plan     Ref
	Activity ActivityID
}

// UpdateActivity changes an activity; patch receives the activity as it is
// and returns it as it should be (see Edit for the rules). It returns
// ENOTFOUND when the plan has no such activity.
func (s *Store) UpdateActivity(ctx context.Context, c access.Caller, ref ActivityRef, patch func(*ActivityInput)) (Plan, error) {
	id, aid := ref.Plan.ID, ref.Activity
	return s.Edit(ctx, c, Match(ref.Plan), func(ctx context.Context, tx bun.Tx, plan Plan) (Audit, error) {
		before, err := activity(ctx, tx, id, aid)
		if err != nil {
			return Audit{}, err
		}
		in := before.input()
		patch(&in)
		areas, err := s.taskAreaCodes(ctx, tx)
		if err != nil {
			return Audit{}, err
		}
		if err := in.check(plan.Year, areas); err != nil {
			return Audit{}, err
		}
		after := before
		after.set(in)
		_, err = tx.NewUpdate().Model(&after).WherePK().Exec(ctx)
		return Audit{"activity.update", "activity", idStr(after.ID), before.activity(), after.activity()}, err
	})
}

// DeleteActivity removes an activity (see Edit for the rules). It returns
// ENOTFOUND when the plan has no such activity, and ECONFLICT while budget
// lines still refer to it.
func (s *Store) DeleteActivity(ctx context.Context, c access.Caller, ref ActivityRef) (Plan, error) {
	id, aid := ref.Plan.ID, ref.Activity
	return s.Edit(ctx, c, Match(ref.Plan), func(ctx context.Context, tx bun.Tx, plan Plan) (Audit, error) {
		before, err := activity(ctx, tx, id, aid)
		if err != nil {
			return Audit{}, err
		}
		_, err = tx.NewDelete().Model(&before).WherePK().Exec(ctx)
		return Audit{"activity.delete", "activity", idStr(before.ID), before.activity(), nil}, err
	})
}

func activity(ctx context.Context, db bun.IDB, id ID, aid ActivityID) (ActivityRecord, error) {
	var r ActivityRecord
	err := db.NewSelect().Model(&r).Where("a.id = ? AND a.plan_id = ?", int64(aid), int64(id)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return r, baove.E(baove.ENOTFOUND, "plan.activity.not_found", i18n.Args{"id": int64(id), "activity": int64(aid)})
	}
	return r, err
}

func newLineage() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// SetTarget sets the plan's target for an indicator (see Edit for the
// rules). Provinces choose their own targets: they are never held to
// national bounds, only to sense (not negative; a percentage at most 100).
func (s *Store) SetTarget(ctx context.Context, c access.Caller, ref Ref, t Target) (Plan, error) {
	id, code, value := ref.ID, t.Indicator, t.Value
	return s.Edit(ctx, c, Match(ref), func(ctx context.Context, tx bun.Tx, plan Plan) (Audit, error) {
		ind, err := s.catalogue.IndicatorIn(ctx, tx, code)
		if baove.ErrorCode(err) == baove.ENOTFOUND {
			return Audit{}, baove.InvalidKey("indicator_code", "plan.target.indicator_unknown", nil, code)
		} else if err != nil {
			return Audit{}, err
		}
		if err := checkTarget(ind, value); err != nil {
			return Audit{}, err
		}
		var before any // none when the plan had no target for code
		switch t, err := target(ctx, tx, id, code); {
		case err == nil:
			before = t
		case baove.ErrorCode(err) != baove.ENOTFOUND:
			return Audit{}, err
		}
		_, err = tx.NewInsert().Model(&TargetRecord{PlanID: int64(id), IndicatorCode: string(code), Value: value.String()}).
			On("CONFLICT (plan_id, indicator_code) DO UPDATE").Set("value = EXCLUDED.value").Exec(ctx)
		return Audit{"target.set", "plan", idStr(int64(id)), before, Target{code, value}}, err
	})
}

func checkTarget(ind indicators.Indicator, v decimal.Decimal) error {
	switch {
	case v.IsNegative():
		return baove.InvalidKey("value", "plan.target.negative", nil, v.String())
	case ind.Unit == indicators.Percent && v.GreaterThan(decimal.NewFromInt(100)):
		return baove.InvalidKey("value", "plan.target.over_100", nil, v.String())
	case ind.Unit == indicators.Count && !v.IsInteger():
		return baove.InvalidKey("value", "plan.target.whole", nil, v.String())
	}
	return nil
}

// target returns the plan's target for code as stored; ENOTFOUND when the
// plan has none.
func target(ctx context.Context, db bun.IDB, id ID, code indicators.Code) (Target, error) {
	var r TargetRecord
	err := db.NewSelect().Model(&r).Where("plan_id = ? AND indicator_code = ?", int64(id), string(code)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Target{}, baove.E(baove.ENOTFOUND, "plan.target.not_found", i18n.Args{"id": int64(id), "indicator": string(code)})
	}
	return r.target(), err
}

// DeleteTarget removes the plan's target for an indicator (see Edit for the
// rules). It returns ENOTFOUND when the plan has none.
func (s *Store) DeleteTarget(ctx context.Context, c access.Caller, ref Ref, code indicators.Code) (Plan, error) {
	id := ref.ID
	return s.Edit(ctx, c, Match(ref), func(ctx context.Context, tx bun.Tx, plan Plan) (Audit, error) {
		before, err := target(ctx, tx, id, code)
		if err != nil {
			return Audit{}, err
		}
		_, err = tx.NewDelete().Table("plan_targets").Where("plan_id = ? AND indicator_code = ?", int64(id), string(code)).Exec(ctx)
		return Audit{"target.delete", "plan", idStr(int64(id)), before, nil}, err
	})
}
