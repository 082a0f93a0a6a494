package demo

import (
	"context"
	"fmt"
	"time"

	"baove"
	"baove/access"
	"baove/app"
	"baove/plans"
	"baove/units"
)

// The demo plans' stories: each plan is built on its day, then taken
// through the workflow by the province's planner and approver, with the
// ministry's comments, each step recorded on its own day.

// demoPlan is a demo province's plan for a year and its story: built on
// created, then taken through its steps, each on its own day.
type demoPlan struct {
	province units.ProvinceCode
	planner  string
	year     int
	created  baove.Date
	steps    []step
}

// step is a step of a demo plan's story: the planner submits or revises,
// the province's approver issues (with a document number) or returns (with
// a reason), the ministry's reviewer comments or requests a revision.
type step struct {
	on     baove.Date
	action string // "submit", "return", "issue", "revise", "comment", "request"
	// text is the reason of a return, a comment's text, what a revision
	// adds to the narrative, or the number of the document that issues.
	text string
}

// ymd is the day of year, month and day.
func ymd(year int, month time.Month, day int) baove.Date { return baove.NewDate(year, month, day) }

var demoPlans = []demoPlan{
	{"01", "planner.hanoi", 2025, ymd(2025, 1, 6), []step{
		{ymd(2025, 1, 20), "submit", ""},
		{ymd(2025, 2, 14), "issue", "35/KH-UBND"},
		{ymd(2025, 5, 12), "request", RevisionRequest2025},
		{ymd(2025, 6, 2), "revise", Revision2025},
		{ymd(2025, 6, 20), "submit", ""},
		{ymd(2025, 7, 15), "issue", "210/KH-UBND"},
	}},
	{"11", "planner.dienbien", 2025, ymd(2025, 1, 8), []step{
		{ymd(2025, 2, 3), "submit", ""},
		{ymd(2025, 2, 20), "issue", "41/KH-UBND"},
	}},
	{"79", "planner.hcm", 2025, ymd(2025, 1, 10), []step{
		{ymd(2025, 2, 10), "submit", ""},
		{ymd(2025, 3, 5), "issue", "112/KH-UBND"},
	}},
	{"01", "planner.hanoi", 2026, ymd(2026, 1, 5), []step{
		{ymd(2026, 1, 19), "submit", ""},
		{ymd(2026, 2, 10), "issue", "18/KH-UBND"},
		{ymd(2026, 9, 15), "request", RevisionRequest},
		{ymd(2026, 10, 1), "revise", Revision2026},
		{ymd(2026, 11, 20), "submit", ""}, // the approver has yet to issue it
	}},
	{"11", "planner.dienbien", 2026, ymd(2026, 1, 7), []step{
		{ymd(2026, 1, 26), "submit", ""},
		{ymd(2026, 2, 5), "return", ReturnDienBien},
		{ymd(2026, 2, 16), "submit", ""},
		{ymd(2026, 2, 25), "issue", "45/KH-UBND"},
		{ymd(2026, 4, 10), "comment", Comment},
	}},
	{"79", "planner.hcm", 2026, ymd(2026, 1, 12), []step{
		{ymd(2026, 2, 2), "submit", ""},
		{ymd(2026, 2, 12), "return", Reason},
	}},
	{"01", "planner.hanoi", 2027, ymd(2026, 11, 16), nil}, // next year's, in draft
}

// The words of the demo's stories.
const (
	// Reason is the reason TP Hồ Chí Minh's approver returns its 2026 plan.
	Reason = "Đề nghị bổ sung chỉ tiêu về trẻ em có hoàn cảnh đặc biệt " +
		"và hoạt động kiện toàn Ban chỉ đạo liên ngành (mục 2.1)."
	// ReturnDienBien is why Điện Biên's approver first returned its 2026
	// plan.
	ReturnDienBien = "Đề nghị Sở Y tế làm rõ nguồn ngân sách tỉnh bố trí cho hoạt động tập huấn (mục 1.2) " +
		"trước khi trình ban hành."
	// RevisionRequest is the ministry's open request to Hà Nội on its 2026
	// plan.
	RevisionRequest = "Đề nghị Thành phố điều chỉnh Kế hoạch năm 2026: tăng cường truyền thông Tổng đài 111 " +
		"tại các xã, phường mới sau sắp xếp đơn vị hành chính."
	// RevisionRequest2025 is the ministry's request to Hà Nội on its 2025
	// plan, which its revision answered.
	RevisionRequest2025 = "Đề nghị Thành phố bổ sung kinh phí hỗ trợ trực tiếp trẻ em bị xâm hại (mục 5.1) " +
		"từ ngân sách địa phương."
	// Comment is the ministry's comment on Điện Biên's 2026 plan.
	Comment = "Bộ ghi nhận Tỉnh đã ban hành Kế hoạch; đề nghị ưu tiên bố trí người làm công tác bảo vệ trẻ em " +
		"tại các xã còn trống (mục 2.2)."
	// Revision2025 and Revision2026 are what Hà Nội's revisions add to
	// their plan's narrative.
	Revision2025 = " Điều chỉnh giữa năm: bổ sung kinh phí hỗ trợ trực tiếp trẻ em bị xâm hại."
	Revision2026 = " Điều chỉnh cuối năm: tăng cường truyền thông Tổng đài 111 sau sáp nhập đơn vị hành chính."
)

// signers sign the demo provinces' plans, by province: a Vice-Chairman of
// its People's Committee, who is also its demo approver.
var signers = map[units.ProvinceCode]User{}

func init() {
	for _, u := range Users {
		if u.Role == access.Approver {
			signers[u.Province] = u
		}
	}
}

// SignerTitle is the title the demo's plans are signed with.
const SignerTitle = "Phó Chủ tịch"

// returned reports whether the plan's story ends with its return: it then
// lacks the activity the approver asks for.
func (dp demoPlan) returned() bool {
	return len(dp.steps) > 0 && dp.steps[len(dp.steps)-1].action == "return"
}

// user returns the username of the province's demo user of role, e.g.
// approver.hanoi for the planner planner.hanoi.
func (dp demoPlan) user(role access.Role) string { return string(role) + dp.planner[len("planner"):] }

// on returns the services as they run on day at 09:00 in the service's
// zone (or now, when that is earlier), so that each step of a demo plan is
// recorded on its own day, as if it had been typed in then.
func on(d *app.Services, day baove.Date) *app.Services {
	t := time.Date(day.Year(), day.Time().Month(), day.Time().Day(), 9, 0, 0, 0, d.Clock.Zone())
	if now := d.Clock.Now(); t.After(now) {
		t = now
	}
	return app.MustNew(d.DB, app.Config{Clock: baove.NewClock(func() time.Time { return t }, d.Clock.Zone())})
}

// tell takes a built plan through its story and returns its latest version.
func tell(ctx context.Context, d *app.Services, dp demoPlan, p plans.Plan) (plans.Plan, error) {
	callers := map[access.Role]access.Caller{}
	for _, role := range []access.Role{access.Planner, access.Approver, access.Reviewer} {
		username := dp.user(role)
		if role == access.Reviewer {
			username = "reviewer"
		}
		c, err := caller(ctx, d, username)
		if err != nil {
			return p, err
		}
		callers[role] = c
	}
	for _, st := range dp.steps {
		var err error
		if p, err = take(ctx, on(d, st.on), callers, p, st); err != nil {
			return p, fmt.Errorf("%s on %s: %w", st.action, st.on, err)
		}
	}
	return p, nil
}

// take takes step st of a plan whose latest version is p, by the role the
// step is for, and returns the latest version afterwards.
func take(ctx context.Context, s *app.Services, by map[access.Role]access.Caller, p plans.Plan, st step) (plans.Plan, error) {
	ref := plans.Ref{ID: p.ID}
	switch st.action {
	case "submit":
		return s.Plans.Submit(ctx, by[access.Planner], ref)
	case "return":
		return s.Plans.Return(ctx, by[access.Approver], ref, st.text)
	case "issue":
		signer := signers[p.Province]
		return s.Plans.Approve(ctx, by[access.Approver], ref, plans.Issuance{DocumentNo: st.text, IssuedOn: s.Clock.Today(),
			SignerName: signer.FullName, SignerTitle: SignerTitle})
	case "revise":
		r, err := s.Plans.Revise(ctx, by[access.Planner], p.ID)
		if err != nil {
			return p, err
		}
		narrative := r.Narrative + st.text
		return s.Plans.Update(ctx, by[access.Planner], r.Ref(), plans.PlanPatch{Narrative: &narrative})
	}
	kind := plans.Remark
	if st.action == "request" {
		kind = plans.RevisionRequest
	}
	_, err := s.Plans.AddComment(ctx, by[access.Reviewer], p.ID, plans.NewComment{Kind: kind, Text: st.text})
	return p, err
}
