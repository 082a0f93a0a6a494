// Package demo fills a database with a realistic demonstration: users of
// every role for Hà Nội (01), Điện Biên (11) and TP Hồ Chí Minh (79); plans
// issued by each province's approver for 2025 (Hà Nội's revised once, at
// the ministry's request) and 2026 (Hà Nội's with a revision submitted on
// the ministry's open request, Điện Biên's returned once then issued, TP Hồ
// Chí Minh's returned with a reason), each step on its own day, and Hà
// Nội's 2027 plan in draft; their budgets, allocations and a year of
// payments after each issuance; and the staffing of every
// commune of these provinces and their indicator values for 2025 and 2026,
// with what a reviewer meets in practice: TP Hồ Chí Minh has not reported
// its 2026 staffing and reported the latest quarter's abuse cases late,
// Điện Biên has not reported them; and small PDF scans attached to plans,
// allocations, payments and a compliance check, one plan in force without
// its signed scan.
// Loading is idempotent: what exists already is left alone.
//
// The demo password is public (it is in the README): never load the demo
// into a database that holds real data.
package demo

import (
	"context"
	"fmt"
	"io"

	"baove"
	"baove/access"
	"baove/app"
	"baove/units"
)

// Password is the password of every demo user.
const Password = "demo-password"

// Provinces are the demo provinces: Hà Nội, Điện Biên, TP Hồ Chí Minh.
var Provinces = []units.ProvinceCode{"01", "11", "79"}

// Years are the years the demo has staffing and indicator values for.
var Years = []int{2025, 2026}

// User is a demo account.
type User struct {
	Username string
	FullName string
	Role     access.Role
	Province units.ProvinceCode
}

// Users are the demo accounts, one per role and province; each approver
// signs their province's plans as its Vice-Chairman.
var Users = []User{
	{"admin", "Quản trị hệ thống", access.Admin, ""},
	{"reviewer", "Cục Trẻ em (Bộ Y tế)", access.Reviewer, ""},
	{"planner.hanoi", "Nguyễn Thu Hà", access.Planner, "01"},
	{"approver.hanoi", "Đỗ Quang Vinh", access.Approver, "01"},
	{"finance.hanoi", "Trần Văn Minh", access.Finance, "01"},
	{"planner.dienbien", "Lò Thị Hoa", access.Planner, "11"},
	{"approver.dienbien", "Lường Văn Thắng", access.Approver, "11"},
	{"finance.dienbien", "Quàng Văn Sơn", access.Finance, "11"},
	{"planner.hcm", "Lê Ngọc Mai", access.Planner, "79"},
	{"approver.hcm", "Huỳnh Thanh Tâm", access.Approver, "79"},
	{"finance.hcm", "Phạm Quốc Bảo", access.Finance, "79"},
}

// Load creates what is missing of the demo through the services, so that
// it obeys the same rules and leaves the same audit trail as real users,
// and says what it did on w.
func Load(ctx context.Context, d *app.Services, w io.Writer) error {
	if err := LoadUsers(ctx, d, w); err != nil {
		return err
	}
	if err := loadPlans(ctx, d, w); err != nil {
		return err
	}
	if err := loadBudget(ctx, d, w); err != nil {
		return err
	}
	if err := loadIndicators(ctx, d, w); err != nil {
		return err
	}
	return loadAttachments(ctx, d, w)
}

// LoadUsers creates the demo users that are missing.
func LoadUsers(ctx context.Context, d *app.Services, w io.Writer) error {
	admin := access.System("demo")
	for _, u := range Users {
		_, err := d.Access.CreateUser(ctx, admin, access.NewUser{Username: u.Username, FullName: u.FullName,
			Role: u.Role, Province: u.Province, Password: Password})
		switch baove.ErrorCode(err) {
		case "":
			fmt.Fprintf(w, "demo: user %-17s %-8s %s\n", u.Username, u.Role, u.Province)
		case baove.ECONFLICT: // already there
		default:
			return fmt.Errorf("demo: user %s: %w", u.Username, err)
		}
	}
	return nil
}

// loadIndicators records the staffing of every commune of the demo
// provinces and their indicator values.
func loadIndicators(ctx context.Context, d *app.Services, w io.Writer) error {
	planners, err := planners(ctx, d.Access)
	if err != nil {
		return err
	}
	for _, p := range Provinces {
		if err := loadProvince(ctx, d, planners[p], w); err != nil {
			return err
		}
	}
	return nil
}

// planners returns the demo planner of each demo province as a caller.
func planners(ctx context.Context, s *access.Store) (map[units.ProvinceCode]access.Caller, error) {
	all, err := s.Users(ctx, access.System("demo"))
	if err != nil {
		return nil, fmt.Errorf("demo: users: %w", err)
	}
	out := map[units.ProvinceCode]access.Caller{}
	for _, u := range all {
		for _, d := range Users {
			if u.Username == d.Username && u.Role == access.Planner {
				out[u.Province] = u.Caller("demo")
			}
		}
	}
	return out, nil
}

func loadProvince(ctx context.Context, d *app.Services, planner access.Caller, w io.Writer) error {
	for _, year := range Years {
		if err := loadStaffing(ctx, d.Indicators, planner, year, w); err != nil {
			return err
		}
		if err := loadValues(ctx, d, planner, year, w); err != nil {
			return err
		}
	}
	return nil
}
