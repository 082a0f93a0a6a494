package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"baove/audit"
	"baove/web/webtest"
)

// plantTrail records entries of the trail: a user's role changed by the
// admin on 2 March 2026 at 01:00 in Hà Nội (still 1 March in UTC), a plan
// of Hà Nội and one of Điện Biên changed by their planners on 10 March.
func plantTrail(t *testing.T, s *webtest.Server) {
	t.Helper()
	march2 := time.Date(2026, 3, 1, 18, 0, 0, 0, time.UTC)
	march10 := time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC)
	err := audit.RecordAll(context.Background(), s.Services.DB, []audit.Change{
		{At: march2, Actor: audit.Actor{Name: "admin", RequestID: "req-7"}, Action: "user.update", Entity: "user", EntityID: "42",
			BeforeState: map[string]any{"username": "ke.toan", "role": "planner", "disabled": false},
			AfterState:  map[string]any{"username": "ke.toan", "role": "finance", "province": "11"}},
		{At: march10, Actor: audit.Actor{Name: "planner.hanoi"}, Action: "plan.update", Entity: "plan", EntityID: "5",
			ProvinceCode: "01", BeforeState: map[string]any{"title": "Kế hoạch cũ"}, AfterState: map[string]any{"title": "Kế hoạch mới"}},
		{At: march10, Actor: audit.Actor{Name: "planner.dienbien"}, Action: "plan.update", Entity: "plan", EntityID: "6",
			ProvinceCode: "11", AfterState: map[string]any{"title": "Kế hoạch Điện Biên"}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestAuditPage_ShowsEachRecordBeforeAndAfterSideBySide(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		plantTrail(t, s)
		res := get(t, s, "/audit?entity=user&entity_id=42", signIn(t, s, "admin"))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("the trail: %d %s", res.StatusCode, res.body)
		}
		for _, want := range []string{
			"<h1>Nhật ký thay đổi</h1>", "user.update", "admin, 01:00 ngày 02/03/2026", "yêu cầu req-7",
			`<th scope="row">role <span class="diff-kind">đã đổi</span></th><td><del>planner</del></td><td><ins>finance</ins></td>`,
			`<th scope="row">username </th><td>ke.toan</td><td>ke.toan</td>`,
			`<th scope="row">disabled <span class="diff-kind">bỏ</span></th><td><del>false</del></td><td></td>`,
			`<th scope="row">province <span class="diff-kind">thêm</span></th><td></td><td><ins>11</ins></td>`,
		} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the record lacks %s", want)
			}
		}
	})
}

func TestAuditPage_EachRoleReadsItsScopeFilteredAsAsked(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		plantTrail(t, s)
		admin, planner, reviewer := signIn(t, s, "admin"), signIn(t, s, "planner.hanoi"), signIn(t, s, "reviewer")
		for name, c := range map[string]struct {
			query  string
			as     int
			want   []string // entity ids found
			status int
		}{
			// March's entries only: the demo's users and the sign-ins are
			// in the trail too, in November.
			"the admin reads accounts, not plans": {"?to=2026-03-31", 0, []string{"42"}, 200},
			"the admin asks for plans":            {"?entity=plan", 0, nil, 200},
			"a planner reads their province's":    {"?to=2026-03-31", 1, []string{"5"}, 200},
			"a planner asks for another province": {"?province=11&to=2026-03-31", 1, nil, 200},
			"a reviewer reads everything":         {"?to=2026-03-31", 2, []string{"6", "5", "42"}, 200},
			"by actor":                            {"?actor=planner.dienbien", 2, []string{"6"}, 200},
			"by province":                         {"?province=01&to=2026-03-31", 2, []string{"5"}, 200},
			"by entity":                           {"?entity=plan&entity_id=5", 2, []string{"5"}, 200},
			"by day in Hà Nội":                    {"?from=2026-03-02&to=2026-03-02", 2, []string{"42"}, 200},
			"until the day before":                {"?to=2026-03-01", 2, nil, 200},
			"from a later day":                    {"?from=2026-03-03&to=2026-03-31", 2, []string{"6", "5"}, 200},
			"a bad day":                           {"?from=2-3-2026", 2, nil, 422},
		} {
			res := get(t, s, "/audit"+c.query, []*http.Cookie{admin, planner, reviewer}[c.as])
			if res.StatusCode != c.status {
				t.Errorf("%s: %d, want %d", name, res.StatusCode, c.status)
			}
			if got := entityIDs(res.body); fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%s: entries %v, want %v", name, got, c.want)
			}
		}
		if res := get(t, s, "/audit?from=2-3-2026", reviewer); !strings.Contains(res.body, "ngày không đọc được") {
			t.Errorf("a bad day is not named: %s", res.body)
		}
	})
}

// entityIDs returns the ids of the records a page of the trail shows, in
// its order.
func entityIDs(page string) []string {
	var out []string
	for _, part := range strings.Split(page, `<span class="audit-entity">`)[1:] {
		fields := strings.Fields(part[:strings.Index(part, "<")])
		out = append(out, fields[len(fields)-1])
	}
	return out
}

func TestAuditPage_PagesGoBackAndReturnToTheNewest(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		changes := make([]audit.Change, 25)
		for i := range changes {
			changes[i] = audit.Change{At: time.Date(2026, 3, 1, 0, i, 0, 0, time.UTC), Actor: audit.Actor{Name: "admin"},
				Action: "indicator.create", Entity: "indicator", EntityID: fmt.Sprint("IND", i)}
		}
		if err := audit.RecordAll(context.Background(), s.Services.DB, changes); err != nil {
			t.Fatal(err)
		}
		admin := signIn(t, s, "admin")
		first := get(t, s, "/audit?entity=indicator", admin)
		ids := entityIDs(first.body)
		if len(ids) != 20 || ids[0] != "IND24" || strings.Contains(first.body, "Về các thay đổi mới nhất") {
			t.Fatalf("the first page: %v", ids)
		}
		older := linkTo(first.body, "Các thay đổi cũ hơn")
		if !strings.Contains(older, "entity=indicator") {
			t.Fatalf("the link to older changes %q does not keep the filter", older)
		}
		next := get(t, s, older, admin)
		if ids := entityIDs(next.body); fmt.Sprint(ids) != "[IND4 IND3 IND2 IND1 IND0]" || linkTo(next.body, "Các thay đổi cũ hơn") != "" {
			t.Errorf("the older page: %v", ids)
		}
		if linkTo(next.body, "Về các thay đổi mới nhất") != "/audit?entity=indicator" {
			t.Errorf("the older page has no way back to the newest")
		}
	})
}

// linkTo returns the address of the link whose words are text, or "".
func linkTo(page, text string) string {
	end := strings.Index(page, `>`+text+`</a>`)
	if end < 0 {
		return ""
	}
	start := strings.LastIndex(page[:end], `href="`) + len(`href="`)
	return strings.ReplaceAll(page[start:strings.Index(page[start:], `"`)+start], "&amp;", "&")
}
