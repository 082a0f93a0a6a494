package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"baove/budget"
	"baove/plans"
	"baove/units"
	"baove/web/webtest"
)

var rowRE = regexp.MustCompile(`<tr><th scope="row">([^<]+)</th>`)

// provinceRows returns the provinces of the national page's rows, in order.
func provinceRows(body string) []string {
	var out []string
	body, _, _ = strings.Cut(body, "<tfoot>")
	for _, m := range rowRE.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestNational_ListsThe34ProvincesSortsByAColumnAndDrawsTheBars(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		_, _, err := s.Services.Budget.AllocateDecision(bg, callerFor(t, s, "reviewer"), budget.Decision{Year: 2026, DecisionNo: "88/QĐ-BYT",
			DecidedOn: s.Services.Clock.Today(), Shares: []budget.Share{{Province: "11", Amount: 900_000_000}, {Province: "01", Amount: 5}}}, "")
		must(t, err)
		reviewer := signIn(t, s, "reviewer")
		res := get(t, s, "/national?year=2026", reviewer)
		rows := provinceRows(res.body)
		if res.StatusCode != http.StatusOK || len(rows) != 34 {
			t.Fatalf("the national page answered %d with %d provinces", res.StatusCode, len(rows))
		}
		if !strings.Contains(res.body, "<svg") || strings.Count(res.body, `class="chart-row"`) != 34 || strings.Contains(res.body, "style=") {
			t.Errorf("the page does not draw 34 bars as inline SVG without inline style")
		}
		sorted := provinceRows(get(t, s, "/national?year=2026&sort=-allocated", reviewer).body)
		if len(sorted) != 34 || sorted[0] != "Điện Biên" || !strings.Contains(sorted[1], "Hà Nội") {
			t.Errorf("sorted by allocation downwards, the page starts %v", sorted[:2])
		}
		if up := provinceRows(get(t, s, "/national?year=2026&sort=allocated", reviewer).body); up[33] != "Điện Biên" {
			t.Errorf("sorted by allocation upwards, the last province is %s", up[33])
		}
		if res := get(t, s, "/national?year=1890", reviewer); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a year out of range answered %d", res.StatusCode)
		}
		if res := get(t, s, "/national", signIn(t, s, "approver.dienbien")); res.StatusCode != http.StatusForbidden {
			t.Errorf("an approver opened the national page: %d", res.StatusCode)
		}
	})
}

func TestComment_TheReviewerRequestsARevisionThatTheApproverSees(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		p := submittedPlan(t, s)
		reviewer := signIn(t, s, "reviewer")
		path := fmt.Sprintf("/provinces/11/plans/%d", p.ID)
		if res := get(t, s, path, reviewer); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Tập huấn cán bộ xã") {
			t.Fatalf("the plan's page answered %d without its activity", res.StatusCode)
		}
		if res := get(t, s, fmt.Sprintf("/provinces/01/plans/%d", p.ID), reviewer); res.StatusCode != http.StatusNotFound {
			t.Errorf("the plan under another province's path answered %d", res.StatusCode)
		}
		res := post(t, s, path+"/comments", url.Values{"kind": {"revision_requested"}, "text": {""}}, reviewer)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `checked value="revision_requested"`) &&
			!strings.Contains(res.body, `value="revision_requested" checked`) {
			t.Errorf("an empty comment answered %d, or forgot its kind", res.StatusCode)
		}
		res = post(t, s, path+"/comments", url.Values{"kind": {"revision_requested"}, "text": {"Đề nghị bổ sung kinh phí cho tổng đài 111."}}, reviewer)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), path+"?done=comment") {
			t.Fatalf("commenting answered %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		page := get(t, s, fmt.Sprintf("/review/%d", p.ID), signIn(t, s, "approver.dienbien")).body
		if !strings.Contains(page, "Đề nghị bổ sung kinh phí cho tổng đài 111.") || !strings.Contains(page, "đang chờ tỉnh") {
			t.Errorf("the approver does not see the open revision request")
		}
		comments, err := s.Services.Plans.Comments(bg, callerFor(t, s, "reviewer"), p.ID)
		must(t, err)
		res = post(t, s, fmt.Sprintf("%s/comments/%d/close", path, comments[0].ID), url.Values{}, reviewer)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("closing answered %d", res.StatusCode)
		}
		if res := post(t, s, path+"/comments", url.Values{"kind": {"comment"}, "text": {"x"}}, signIn(t, s, "planner.dienbien")); res.StatusCode != http.StatusForbidden {
			t.Errorf("a planner's comment answered %d", res.StatusCode)
		}
		_ = plans.Remark
	})
}

func TestAllocation_OneFormAllocatesToTwoProvincesAndADoubleSubmitRecordsOnce(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		reviewer := signIn(t, s, "reviewer")
		page := get(t, s, "/allocations?year=2026", reviewer)
		if page.StatusCode != http.StatusOK || strings.Count(page.body, `name="amount-`) != 34 {
			t.Fatalf("the allocation form answered %d without a row per province", page.StatusCode)
		}
		form := url.Values{"year": {"2026"}, "idempotency_key": {hiddenField(t, page.body, "idempotency_key")}, "decision_no": {"88/QĐ-BYT"},
			"decided_on": {"2026-11-20"}, "amount-01": {"1.500.000"}, "amount-11": {"2000000"}}
		for i := range 2 {
			res := post(t, s, "/allocations", form, reviewer)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("send %d answered %d: %s", i+1, res.StatusCode, res.body)
			}
		}
		for code, want := range map[string]budget.VND{"01": 1_500_000, "11": 2_000_000} {
			as, err := s.Services.Budget.Allocations(bg, callerFor(t, s, "reviewer"), units.ProvinceCode(code), 2026)
			must(t, err)
			if len(as) != 1 || as[0].Amount != want || as[0].DecisionNo != "88/QĐ-BYT" {
				t.Errorf("province %s has %+v, want one allocation of %d", code, as, want)
			}
		}
		form.Set("idempotency_key", "another")
		form.Set("amount-11", "hai triệu")
		res := post(t, s, "/allocations", form, reviewer)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="amount-11-error"`) {
			t.Errorf("a bad amount answered %d without its row's message", res.StatusCode)
		}
		form.Set("amount-11", "0")
		res = post(t, s, "/allocations", form, reviewer)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="amount-11-error"`) {
			t.Errorf("a zero amount answered %d without its row's message", res.StatusCode)
		}
		if as, _ := s.Services.Budget.Allocations(bg, callerFor(t, s, "reviewer"), "01", 2026); len(as) != 1 {
			t.Errorf("a refused decision allocated to Hà Nội: %d entries", len(as))
		}
	})
}

func TestReporting_ListsEveryProvincesStandingForAQuarter(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		reviewer := signIn(t, s, "reviewer")
		res := get(t, s, "/reporting?period=2026-Q3", reviewer)
		if res.StatusCode != http.StatusOK || len(provinceRows(res.body)) != 34 || !strings.Contains(res.body, "quý III/2026") {
			t.Fatalf("the reporting calendar answered %d with %d provinces", res.StatusCode, len(provinceRows(res.body)))
		}
		if res := get(t, s, "/reporting", reviewer); !strings.Contains(res.body, `value="2026-Q3"`) {
			t.Errorf("by default the calendar does not show the last quarter that ended")
		}
		if res := get(t, s, "/reporting?period=2026-Q5", reviewer); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a period that is none answered %d", res.StatusCode)
		}
		if res := get(t, s, "/reporting", signIn(t, s, "approver.hcm")); res.StatusCode != http.StatusForbidden {
			t.Errorf("an approver opened the calendar: %d", res.StatusCode)
		}
		if res := get(t, s, "/", reviewer); !strings.Contains(res.body, `href="/reporting?period=2026-Q3"`) {
			t.Errorf("the reviewer's home does not point at the late reports")
		}
	})
}
