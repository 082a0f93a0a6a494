// Package access knows who may do what: users and their roles, passwords,
// sessions, login throttling, and the rules every domain operation applies
// to its caller.
//
// The rules (docs/domain.md §1): a planner, approver or finance officer acts
// only on their own province; the approver (the province's leadership) issues
// or returns its plans; a reviewer reads every province, comments on plans
// and allocates central support; an administrator manages users and
// catalogues.
package access

import (
	"slices"
	"strings"

	"baove"
	"baove/audit"
	"baove/i18n"
	"baove/units"
)

// Role is what a user does in the service.
type Role string

// The five roles.
const (
	Admin    Role = "admin"    // IT staff: users, unit lists, catalogues
	Reviewer Role = "reviewer" // the ministry: reads everything, comments on plans, allocates central support
	Planner  Role = "planner"  // a province's child-protection staff: plans, staffing, indicators
	Approver Role = "approver" // a province's leadership (the People's Committee, or the department head for it): issues plans
	Finance  Role = "finance"  // a province's budget staff: disbursements, year-end close
)

// Roles lists every role.
var Roles = []Role{Admin, Reviewer, Planner, Approver, Finance}

// Valid reports whether r is one of the five roles.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Provincial reports whether users of r belong to one province: planners,
// approvers and finance officers.
func (r Role) Provincial() bool { return r == Planner || r == Approver || r == Finance }

// Caller is the person (or the system) on whose behalf an operation runs.
// Every domain operation takes one and checks it before anything else.
type Caller struct {
	UserID    int64
	Username  string
	Role      Role
	Province  units.ProvinceCode // set for the provincial roles only (Role.Provincial)
	RequestID string
}

// System returns the caller for work done by the service itself or its CLI,
// with administrator rights; name says what, e.g. "cli".
func System(name string) Caller {
	return Caller{Username: "system:" + name, Role: Admin}
}

// SystemAs returns the caller for work the service or its CLI does with
// role's rights, e.g. the CLI reading reports as the ministry does.
func SystemAs(name string, role Role) Caller {
	return Caller{Username: "system:" + name, Role: role}
}

// Caller returns the caller that acts as u, for the request requestID.
func (u User) Caller(requestID string) Caller {
	return Caller{UserID: u.ID, Username: u.Username, Role: u.Role, Province: u.Province, RequestID: requestID}
}

// Actor returns the caller as the audit trail records it.
func (c Caller) Actor() audit.Actor {
	return audit.Actor{UserID: c.UserID, Name: c.Username, RequestID: c.RequestID}
}

// UnitImporter implements units.Importer: administrators import lists of
// units, audited as themselves; anyone else gets EFORBIDDEN.
func (c Caller) UnitImporter() (audit.Actor, error) {
	if err := c.Require(Admin); err != nil {
		return audit.Actor{}, err
	}
	return c.Actor(), nil
}

// Require returns EFORBIDDEN unless the caller has one of roles.
func (c Caller) Require(roles ...Role) error {
	for _, r := range roles {
		if c.Role == r {
			return nil
		}
	}
	return baove.E(baove.EFORBIDDEN, "access.forbidden.role", i18n.Args{"roles": roleList(roles), "role": c.Role})
}

// CanRead returns nil when the caller may read province p's data: a
// reviewer reads every province, a planner, approver or finance officer
// their own.
// Administrators manage the system, not its plans and money. It returns
// EFORBIDDEN otherwise.
func (c Caller) CanRead(p units.ProvinceCode) error {
	switch {
	case c.Role == Reviewer:
		return nil
	case c.Role.Provincial() && c.Province == p:
		return nil
	case c.Role.Provincial():
		return baove.E(baove.EFORBIDDEN, "access.forbidden.province", i18n.Args{"mine": string(c.Province), "other": string(p)})
	}
	return baove.E(baove.EFORBIDDEN, "access.forbidden.provincial_data", i18n.Args{"role": c.Role})
}

// CanAct returns nil when the caller has one of roles and, for a provincial
// role, p is their province. It returns EFORBIDDEN otherwise.
func (c Caller) CanAct(p units.ProvinceCode, roles ...Role) error {
	if err := c.Require(roles...); err != nil {
		return err
	}
	if c.Role.Provincial() && c.Province != p {
		return baove.E(baove.EFORBIDDEN, "access.forbidden.province", i18n.Args{"mine": string(c.Province), "other": string(p)})
	}
	return nil
}

// AdminEntities are the entities of the audit trail an administrator
// reads: what administrators manage (accounts and their sign-ins, the
// client addresses throttled for failed sign-ins, unit lists, task areas,
// the indicator catalogue and its reporting calendar, generated datasets, report settings). Money
// and the contents of plans are not among them, as no money or plan operation
// answers an administrator; an entity not listed here is hidden from them.
var AdminEntities = []string{"user", "address", "unit_list", "task_area", "indicator", "due_rule", "dataset", "report_settings"}

// AuditScope implements audit.Viewer, scoping the trail like the data it
// describes: a reviewer reads all of it; an administrator the entries about
// AdminEntities; a provincial role their province's entries. It
// returns EFORBIDDEN for anyone else.
func (c Caller) AuditScope() (audit.Scope, error) {
	switch {
	case c.Role == Reviewer:
		return audit.Scope{}, nil
	case c.Role == Admin:
		return audit.Scope{Entities: AdminEntities}, nil
	case c.Role.Provincial() && c.Province != "":
		return audit.Scope{Province: string(c.Province)}, nil
	}
	return audit.Scope{}, baove.E(baove.EFORBIDDEN, "access.forbidden.audit", nil)
}

// roleList is roles in words, joined by "or" in the reader's language.
type roleList []Role

// Localize implements i18n.Localizer: "Cán bộ lập kế hoạch hoặc Cán bộ
// tài chính", "Planner or Finance officer".
func (l roleList) Localize(lang i18n.Lang) string {
	words := make([]string, len(l))
	for i, r := range l {
		words[i] = r.Localize(lang)
	}
	return strings.Join(words, " "+i18n.Text(lang, "access.role.or", nil)+" ")
}

// Localize implements i18n.Localizer: the role in words, as the pages
// name it ("Cán bộ lập kế hoạch", "Planner").
func (r Role) Localize(lang i18n.Lang) string {
	return i18n.Text(lang, "web.role."+string(r), nil)
}
