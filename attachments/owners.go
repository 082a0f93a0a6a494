package attachments

import (
	"context"
	"errors"
	"slices"

	"baove"
	"baove/access"
	"baove/assessment"
	"baove/budget"
	"baove/i18n"
	"baove/plans"
	"baove/units"
)

// PlanReader reads a plan version's head (whose it is) as its caller may
// (plans.Store).
type PlanReader interface {
	Head(ctx context.Context, c access.Caller, id plans.ID) (plans.Plan, error)
}

// AllocationReader reads an allocation entry as its caller may
// (budget.Store).
type AllocationReader interface {
	Allocation(ctx context.Context, c access.Caller, id int64) (budget.Allocation, error)
}

// DisbursementReader reads a ledger entry as its caller may (budget.Store).
type DisbursementReader interface {
	Disbursement(ctx context.Context, c access.Caller, id int64) (budget.Disbursement, error)
}

// ProvinceReader finds a province (units.Store).
type ProvinceReader interface {
	Province(ctx context.Context, code units.ProvinceCode) (units.Province, error)
}

// Owners are the domains attachments belong to. Each says whether the
// caller may read an owner and whose province it is; a planner of another
// province learns nothing (ENOTFOUND), an administrator is refused
// (EFORBIDDEN).
type Owners struct {
	Plans         PlanReader
	Allocations   AllocationReader
	Disbursements DisbursementReader
	Provinces     ProvinceReader
}

func (o Owners) complete() bool {
	return o.Plans != nil && o.Allocations != nil && o.Disbursements != nil && o.Provinces != nil
}

// province returns the province of owner when c may read it. It returns
// ENOTFOUND when there is no such owner or c may not know of it,
// EFORBIDDEN when c reads no provincial data, and EINVALID for a check of a
// year out of range.
func (o Owners) province(ctx context.Context, c access.Caller, owner Owner) (units.ProvinceCode, error) {
	if owner.Kind == OnCheck {
		return o.checkProvince(ctx, c, owner)
	}
	id, ok := owner.id()
	if !ok {
		return "", ownerNotFound(owner)
	}
	switch owner.Kind {
	case OnPlan:
		p, err := o.Plans.Head(ctx, c, plans.ID(id))
		return p.Province, err
	case OnAllocation:
		a, err := o.Allocations.Allocation(ctx, c, id)
		return a.Province, err
	case OnDisbursement:
		d, err := o.Disbursements.Disbursement(ctx, c, id)
		return d.Province, err
	}
	return "", ownerNotFound(owner)
}

// checkProvince is province for a compliance check: a check of the
// catalogue, of a province that exists and that c may read.
func (o Owners) checkProvince(ctx context.Context, c access.Caller, owner Owner) (units.ProvinceCode, error) {
	ref, ok := owner.check()
	if !ok || !slices.ContainsFunc(assessment.Checks(), func(k assessment.Check) bool { return k.Code == ref.Code }) {
		return "", ownerNotFound(owner)
	}
	if c.Role.Provincial() && c.Province != ref.Province {
		return "", ownerNotFound(owner)
	}
	if err := c.CanRead(ref.Province); err != nil {
		return "", err
	}
	if err := baove.CheckYear("year", ref.Year); err != nil {
		return "", err
	}
	if _, err := o.Provinces.Province(ctx, ref.Province); err != nil {
		return "", err
	}
	return ref.Province, nil
}

func ownerNotFound(o Owner) error {
	return baove.E(baove.ENOTFOUND, "attachment.no_owner", i18n.Args{"owner": ownerName(o.Kind), "id": o.ID})
}

// hidden turns "no such owner" into "no such attachment", so that a
// download of another province's attachment says nothing of its owner.
func hidden(err error, id int64) error {
	var e *baove.Error
	if errors.As(err, &e) && e.Code == baove.ENOTFOUND {
		return notFound(id)
	}
	return err
}

func notFound(id int64) error {
	return baove.E(baove.ENOTFOUND, "attachment.not_found", i18n.Args{"id": id})
}

// ownerName is a kind of owner as the messages name it.
type ownerName OwnerKind

// Localize implements i18n.Localizer.
func (k ownerName) Localize(lang i18n.Lang) string {
	return i18n.Text(lang, "attachment.owner."+string(k), nil)
}
