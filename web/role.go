package web

import (
	"context"

	"baove/access"
)

// roleKeys name each role in words.
var roleKeys = map[access.Role]string{
	access.Admin:    "web.role.admin",
	access.Reviewer: "web.role.reviewer",
	access.Planner:  "web.role.planner",
	access.Approver: "web.role.approver",
	access.Finance:  "web.role.finance",
}

// roleName returns role in the reader's words: "Cán bộ lập kế hoạch".
func roleName(ctx context.Context, role access.Role) string {
	if key, ok := roleKeys[role]; ok {
		return T(ctx, key)
	}
	return string(role)
}

// placeName returns where a user of role works, given the name of their
// province: the province, or the whole country for the ministry's
// reviewers; "" for administrators, who work on the system.
func placeName(ctx context.Context, role access.Role, province string) string {
	switch {
	case province != "":
		return province
	case role == access.Reviewer:
		return T(ctx, "web.place.national")
	}
	return ""
}
