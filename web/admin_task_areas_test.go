package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"baove/web/webtest"
)

func TestAdminTaskAreas_ListsTheAreasWithTheirYearsToTheAdministratorOnly(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		admin := signIn(t, s, "admin")
		res := get(t, s, "/admin/task-areas", admin)
		if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `<th scope="row">1.3</th>`) ||
			!strings.Contains(res.body, `href="/admin/task-areas/1.3"`) {
			t.Fatalf("the administrator opens the task areas: %d\n%s", res.StatusCode, res.body)
		}
		planner := signIn(t, s, "planner.hanoi")
		for _, path := range []string{"/admin/task-areas", "/admin/task-areas/1.3"} {
			if res := get(t, s, path, planner); res.StatusCode != http.StatusForbidden {
				t.Errorf("a planner opens %s: %d, want 403", path, res.StatusCode)
			}
		}
		if res := post(t, s, "/admin/task-areas/1.3", url.Values{"name_vi": {"x"}}, planner); res.StatusCode != http.StatusForbidden {
			t.Errorf("a planner changes a task area: %d, want 403", res.StatusCode)
		}
	})
}

func TestAdminTaskArea_ChangesEligibilityFromAYearAndRefusesAPastYearOnItsField(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		admin := signIn(t, s, "admin")
		page := get(t, s, "/admin/task-areas/1.3", admin)
		if page.StatusCode != http.StatusOK || !strings.Contains(page.body, `<label for="eligible_from_year">Áp dụng từ năm</label>`) {
			t.Fatalf("the form of 1.3: %d", page.StatusCode)
		}
		name := "Tăng cường công tác bảo vệ trẻ em ở xã"
		form := url.Values{"name_vi": {name}, "name_en": {"Child protection in communes"}, "eligible": {"0"},
			"eligible_from_year": {"2025"}}
		res := post(t, s, "/admin/task-areas/1.3", form, admin)
		if res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body,
				`id="eligible_from_year-error">năm từ 2026 trở đi: thay đổi không áp dụng cho các năm đã qua`) {
			t.Fatalf("a past year: %d, want 422 on the year:\n%s", res.StatusCode, res.body)
		}
		form.Set("name_vi", "")
		if res := post(t, s, "/admin/task-areas/1.3", form, admin); !strings.Contains(res.body, `id="name_vi-error">bắt buộc`) {
			t.Errorf("an empty name: %d, want its field to say it is required", res.StatusCode)
		}
		form.Set("name_vi", name)
		form.Set("eligible_from_year", "2027")
		res = post(t, s, "/admin/task-areas/1.3", form, admin)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/task-areas?saved=1.3#area-1.3" {
			t.Fatalf("saving: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		list := get(t, s, "/admin/task-areas?saved=1.3", admin).body
		for _, want := range []string{"Đã lưu nhiệm vụ 1.3.", name, "từ 2027: không được dùng kinh phí trung ương"} {
			if !strings.Contains(list, want) {
				t.Errorf("the list lacks %q", want)
			}
		}
	})
}
