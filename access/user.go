package access

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"baove"
	"baove/i18n"
	"baove/units"
	"baove/vn"
)

// User is an account. Its password hash never leaves the package.
type User struct {
	ID        int64              `json:"id"`
	Username  string             `json:"username"`
	FullName  string             `json:"full_name"`
	Role      Role               `json:"role"`
	Province  units.ProvinceCode `json:"province_code,omitempty"`
	Disabled  bool               `json:"disabled"`
	CreatedAt time.Time          `json:"created_at"`
	UpdatedAt time.Time          `json:"updated_at"`
}

// NewUser is what creating a user takes.
type NewUser struct {
	Username string
	FullName string
	Role     Role
	Province units.ProvinceCode
	Password string
}

// UserPatch changes some fields of a user; nil fields stay as they are.
type UserPatch struct {
	FullName *string
	Role     *Role
	Province *units.ProvinceCode // "" removes the province
	Disabled *bool
	Password *string
}

// MinUsernameLength and MaxUsernameLength bound a username, in characters.
// The API's schema states the longest from MaxUsernameLength.
const (
	MinUsernameLength = 3
	MaxUsernameLength = 64
)

var usernameRE = regexp.MustCompile(fmt.Sprintf(`^[a-z0-9][a-z0-9._-]{%d,%d}$`, MinUsernameLength-1, MaxUsernameLength-1))

// NormaliseUsername folds a username to the form it is stored in: trimmed,
// NFC and lower-case, so that failed logins are recorded as typed once.
func NormaliseUsername(s string) string {
	return strings.ToLower(vn.NFC(s))
}

func (n *NewUser) check() error {
	n.Username = NormaliseUsername(n.Username)
	n.FullName = vn.NFC(n.FullName)
	var p baove.Problems
	if !usernameRE.MatchString(n.Username) {
		p.AddKey("username", "access.username.form", i18n.Args{"min": MinUsernameLength, "max": MaxUsernameLength}, n.Username)
	}
	checkFullName(&p, n.FullName)
	checkPassword(&p, "password", n.Username, n.Password)
	checkRole(&p, n.Role, n.Province)
	return p.Err()
}

// checkFullName refuses a name that is not one line of text.
func checkFullName(p *baove.Problems, name string) {
	if f := vn.TextFault(name, false); f != "" {
		p.AddKey("full_name", "text."+f, nil, nil)
	}
}

// checkRole applies the rule that planners, approvers and finance officers
// belong to one province and the ministry's roles to none.
func checkRole(p *baove.Problems, role Role, province units.ProvinceCode) {
	switch {
	case !role.Valid():
		p.AddKey("role", "access.role.unknown", nil, role)
	case role.Provincial() && province == "":
		p.AddKey("province_code", "access.role.needs_province", i18n.Args{"role": string(role)}, nil)
	case !role.Provincial() && province != "":
		p.AddKey("province_code", "access.role.no_province", i18n.Args{"role": string(role)}, province)
	}
}
