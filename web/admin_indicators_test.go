package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"baove/web/webtest"
)

func TestAdminIndicators_ShowsTheCatalogueToTheAdministratorOnly(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		res := get(t, s, "/admin/indicators", signIn(t, s, "admin"))
		for _, want := range []string{"<code>CP_COMMUNE_WORKER</code>", "tính từ số liệu nhân sự cấp xã",
			"hằng quý, 15 ngày sau khi hết quý",
			`href="/admin/indicators/CP_ABUSE_CASES"`, `<label for="code">Mã chỉ tiêu</label>`} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the catalogue lacks %q", want)
			}
		}
		reviewer := signIn(t, s, "reviewer")
		for _, path := range []string{"/admin/indicators", "/admin/indicators/CP_ABUSE_CASES"} {
			if res := get(t, s, path, reviewer); res.StatusCode != http.StatusForbidden {
				t.Errorf("a reviewer opens %s: %d, want 403", path, res.StatusCode)
			}
		}
		if res := post(t, s, "/admin/indicators/CP_ABUSE_CASES/delete", nil, reviewer); res.StatusCode != http.StatusForbidden {
			t.Errorf("a reviewer takes a due date off: %d, want 403", res.StatusCode)
		}
	})
}

func TestAdminIndicators_AddsAnIndicatorWithItsTargetAndShowsABadCodeOnItsField(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		admin := signIn(t, s, "admin")
		form := url.Values{"code": {"tham-van"}, "name_vi": {"Tỷ lệ trường học có điểm tham vấn học đường"},
			"name_en": {"Schools with a counselling point"}, "unit": {"percent"}, "direction": {"higher"},
			"target_comparator": {">="}, "target_value": {"62,5"}, "target_year": {"2027"}, "target_source": {"QĐ 23/QĐ-TTg"}}
		res := post(t, s, "/admin/indicators", form, admin)
		if res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, `id="code-error">từ 3 đến 40 ký tự gồm chữ in hoa`) {
			t.Fatalf("a bad code: %d, want 422 on the code:\n%s", res.StatusCode, res.body)
		}
		form.Set("code", "CP_SCHOOL_COUNSEL")
		form.Set("target_source", "")
		res = post(t, s, "/admin/indicators", form, admin)
		if !strings.Contains(res.body, `id="target_source-error">văn bản quy định chỉ tiêu`) {
			t.Errorf("a target without its decision: %d, want its field to say so", res.StatusCode)
		}
		form.Set("target_source", "QĐ 23/QĐ-TTg")
		res = post(t, s, "/admin/indicators", form, admin)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/indicators?created=CP_SCHOOL_COUNSEL" {
			t.Fatalf("adding: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		page := get(t, s, res.Header.Get("Location"), admin).body
		for _, want := range []string{"Đã thêm chỉ tiêu CP_SCHOOL_COUNSEL vào danh mục.", "năm 2027: ≥ 62,5 (QĐ 23/QĐ-TTg)"} {
			if !strings.Contains(page, want) {
				t.Errorf("the catalogue lacks %q", want)
			}
		}
	})
}

func TestAdminDueDate_SetsAndRemovesAnIndicatorsDueDateAndShowsABadNumberOnItsField(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		admin := signIn(t, s, "admin")
		page := "/admin/indicators/CP_ABUSE_CASES"
		res := post(t, s, page, url.Values{"frequency": {"yearly"}, "days_after": {"400"}}, admin)
		if res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, `id="days_after-error">số ngày sau khi kết thúc kỳ báo cáo, từ 1 đến 366`) {
			t.Fatalf("400 days: %d, want 422 on the days:\n%s", res.StatusCode, res.body)
		}
		res = post(t, s, page, url.Values{"frequency": {"yearly"}, "days_after": {"31"}}, admin)
		if res.StatusCode != http.StatusSeeOther ||
			!strings.HasPrefix(res.Header.Get("Location"), "/admin/indicators?due=CP_ABUSE_CASES") {
			t.Fatalf("setting: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		list := get(t, s, res.Header.Get("Location"), admin).body
		if !strings.Contains(list, "Đã lưu hạn báo cáo của chỉ tiêu CP_ABUSE_CASES.") ||
			!strings.Contains(list, "hằng năm, 31 ngày sau khi hết năm") {
			t.Errorf("the catalogue does not show the new due date")
		}
		if res = post(t, s, page+"/delete", nil, admin); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("removing: %d", res.StatusCode)
		}
		if body := get(t, s, page, admin).body; !strings.Contains(body, "không báo cáo định kỳ") || strings.Contains(body, "/delete") {
			t.Errorf("the indicator's page still shows a due date")
		}
		if res = post(t, s, page+"/delete", nil, admin); res.StatusCode != http.StatusNotFound ||
			!strings.Contains(res.body, "Chỉ tiêu CP_ABUSE_CASES không có trong lịch báo cáo định kỳ.") {
			t.Errorf("removing twice: %d, want 404 with the refusal", res.StatusCode)
		}
	})
}
