package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"baove"
	"baove/access"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
	"baove/indicators"
	"baove/plans"
	"baove/web/webtest"
)

// The planner's journey through the plan pages, as a person makes it:
// start the year's plan, add an activity and its budget line, see the
// totals, set the commune-worker target, submit.
func TestBrowser_APlannerDraftsAndSubmitsThePlan(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		b := s.Browser(t)
		b.AcceptDialogs()
		b.SignIn("planner.dienbien", demo.Password)
		if menu := b.Text("nav.menu"); !strings.Contains(menu, "Kế hoạch") {
			t.Errorf("the menu lacks the plans: %q", menu)
		}
		if status := b.Open("/plans"); status != http.StatusOK {
			t.Fatalf("the plans answered %d", status)
		}
		b.CheckAccessibility()
		if status := b.Click("Lập kế hoạch"); status != http.StatusOK || !strings.HasPrefix(b.Path(), "/plans/") {
			t.Fatalf("starting the plan landed on %s with %d", b.Path(), status)
		}
		if missing := b.Text(".submit-box"); !strings.Contains(missing, "kế hoạch cần ít nhất một hoạt động trước khi trình") {
			t.Errorf("a new plan does not say what is missing: %q", missing)
		}
		b.CheckAccessibility()

		add := `form[action$="/activities"]`
		b.FillIn(add, "Nhiệm vụ", "1.3")
		b.FillIn(add, "Tên hoạt động", "Truyền thông Tổng đài 111 tại 129 xã")
		b.FillIn(add, "Cơ quan chủ trì", "Sở Y tế tỉnh Điện Biên")
		if status := b.Click("Thêm hoạt động"); status != http.StatusOK {
			t.Fatalf("adding the activity answered %d", status)
		}
		line := `form[action$="/lines"]`
		if got := b.Text(line + " .eligibility"); !strings.Contains(got, "được hỗ trợ cho nhiệm vụ 1.3 trong năm 2026") {
			t.Errorf("the line form does not say central funds may pay: %q", got)
		}
		b.FillIn(line, "Nguồn kinh phí", "provincial")
		b.FillIn(line, "Số tiền (đồng)", "1.500.000")
		if preview := b.Text(line + " .preview"); preview != "Cộng hoạt động khi lưu: 1.500.000 đ" {
			t.Errorf("as the amount is typed, the activity's total reads %q", preview)
		}
		b.FillIn(line, "Nội dung chi", "In và phát tờ rơi")
		if status := b.Click("Thêm dòng kinh phí"); status != http.StatusOK {
			t.Fatalf("adding the line answered %d", status)
		}
		if total := b.Text(".totals tfoot"); !strings.Contains(total, "1.500.000 đ") {
			t.Errorf("the plan's total reads %q", total)
		}
		b.FillIn("#target-CP_COMMUNE_WORKER", "Chỉ tiêu của tỉnh: Tỷ lệ xã, phường, đặc khu bố trí người làm công tác bảo vệ trẻ em", "100")
		if status := b.ClickIn("#target-CP_COMMUNE_WORKER", "Lưu"); status != http.StatusOK {
			t.Fatalf("setting the target answered %d", status)
		}
		if ready := b.Text(".submit-box"); !strings.Contains(ready, "Kế hoạch đã đủ nội dung để trình.") {
			t.Errorf("the complete plan says %q", ready)
		}
		b.CheckAccessibility()
		b.SaveScreenshot("plan-editor.png")

		if status := b.Click("Trình kế hoạch"); status != http.StatusOK {
			t.Fatalf("submitting answered %d", status)
		}
		if got := b.Text(".notice"); got != "Đã trình kế hoạch để thẩm định." {
			t.Errorf("after submitting the page says %q", got)
		}
		if status := b.Text(".facts .status"); status != "đã trình, chờ ban hành" {
			t.Errorf("the status reads %q", status)
		}
		b.CheckAccessibility()
	})
}

// The reviewer's read-only view and a refused form are accessible too.
func TestBrowser_PlanPagesAreAccessibleToAReviewerAndOnARefusal(t *testing.T) {
	s := webtest.Start(t, dbtest.MustOpenDB(t, database.SQLite))
	b := s.Browser(t)
	b.SignIn("planner.dienbien", demo.Password)
	b.Open("/plans")
	b.Click("Lập kế hoạch")
	plan := b.Path()
	b.FillIn(`form[action$="/activities"]`, "Nhiệm vụ", "0")
	b.Eval(`document.querySelector('form[action$="/activities"]').noValidate = true`, nil) // the server's refusal, not the browser's
	if status := b.Click("Thêm hoạt động"); status != http.StatusUnprocessableEntity {
		t.Errorf("an activity without a title answered %d", status)
	}
	if msg := b.Text("#activity-new-title-error"); msg != "bắt buộc" {
		t.Errorf("the title's field says %q", msg)
	}
	b.CheckAccessibility()
	b.Click("Đăng xuất")
	b.SignIn("reviewer", demo.Password)
	b.Open("/plans?province=11")
	b.CheckAccessibility()
	b.Open(plan)
	b.CheckAccessibility()
	v2 := issueAndRevise(t, s, plans.ID(mustAtoi(t, strings.TrimPrefix(plan, "/plans/"))))
	if status := b.Open(fmt.Sprintf("/plans/%d/diff", v2)); status != http.StatusOK {
		t.Fatalf("the diff answered %d", status)
	}
	if changed := b.Text("tr.changed"); !strings.Contains(changed, "Truyền thông Tổng đài 111 và Zalo") {
		t.Errorf("the diff's changed row reads %q", changed)
	}
	b.CheckAccessibility()
	b.Open(fmt.Sprintf("/plans/%d", v2))
	b.CheckAccessibility()
}

// issueAndRevise completes Điện Biên's plan id through the domain, has it
// issued, starts its revision and renames its activity there; it returns
// the revision.
func issueAndRevise(t *testing.T, s *webtest.Server, id plans.ID) plans.ID {
	t.Helper()
	ctx, svc := context.Background(), s.Services
	planner := access.Caller{Username: "planner.dienbien", Role: access.Planner, Province: "11"}
	approver := access.Caller{Username: "approver.dienbien", Role: access.Approver, Province: "11"}
	must := func(p plans.Plan, err error) plans.Plan {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p, a, err := svc.Plans.AddActivity(ctx, planner, id, plans.ActivityInput{TaskArea: "1.3", Title: "Truyền thông Tổng đài 111"})
	if err != nil {
		t.Fatal(err)
	}
	p, _, err = svc.Budget.AddLine(ctx, planner, id, budget.LineInput{ActivityID: a.ID, FundingSource: budget.Central, Amount: 90_000_000})
	if err != nil {
		t.Fatal(err)
	}
	p = must(svc.Plans.SetTarget(ctx, planner, p.Ref(), plans.Target{Indicator: indicators.CommuneWorker, Value: decimal.NewFromInt(100)}))
	p = must(svc.Plans.Submit(ctx, planner, p.Ref()))
	must(svc.Plans.Approve(ctx, approver, p.Ref(), plans.Issuance{DocumentNo: "12/KH-UBND", IssuedOn: baove.NewDate(2026, 11, 28),
		SignerName: "Lường Văn Thắng", SignerTitle: "Phó Chủ tịch"}))
	v2 := must(svc.Plans.Revise(ctx, planner, id))
	ref := plans.ActivityRef{Plan: v2.Ref(), Activity: v2.Activities[0].ID}
	must(svc.Plans.UpdateActivity(ctx, planner, ref, func(in *plans.ActivityInput) { in.Title = "Truyền thông Tổng đài 111 và Zalo" }))
	return v2.ID
}
