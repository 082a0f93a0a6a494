package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"baove/web/webtest"
)

func TestValues_RecordsAPeriodsFiguresAllOrNothingWithErrorsOnTheirFields(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		planner := signIn(t, s, "planner.dienbien")
		page := get(t, s, "/values?year=2026&period=Q3", planner)
		if page.StatusCode != http.StatusOK || !strings.Contains(page.body, "Số vụ xâm hại trẻ em được phát hiện") ||
			!strings.Contains(page.body, `id="v-CP_STAFF_TRAINED-numerator"`) || strings.Contains(page.body, `v-CP_COMMUNE_WORKER`) {
			t.Fatalf("the page of 2026-Q3 answered %d without the reported indicators' controls", page.StatusCode)
		}
		form := url.Values{"v-CP_ABUSE_CASES-value": {"1.204"}, "v-CP_STAFF_TRAINED-numerator": {"50"},
			"v-CP_STAFF_TRAINED-denominator": {"40"}, "v-CP_STAFF_TRAINED-note": {"Báo cáo của Sở Y tế"}}
		res := post(t, s, "/values?year=2026&period=Q3", form, planner)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="v-CP_STAFF_TRAINED-numerator-error"`) ||
			!strings.Contains(res.body, "tử số không được lớn hơn mẫu số") {
			t.Fatalf("a numerator over its denominator answered %d without its message on its field", res.StatusCode)
		}
		if vs, _ := s.Services.Indicators.ProvinceValues(context.Background(), "11", 2026); len(vs) != 0 {
			t.Fatalf("a refused period recorded %d values", len(vs))
		}
		form.Set("v-CP_STAFF_TRAINED-denominator", "60")
		res = post(t, s, "/values?year=2026&period=Q3", form, planner)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/values?period=Q3&saved=1&year=2026" {
			t.Fatalf("a good period answered %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		vs, _ := s.Services.Indicators.ProvinceValues(context.Background(), "11", 2026)
		if len(vs) != 2 || vs[1].Count != 1204 {
			t.Errorf("recorded %+v, want two values, 1204 cases", vs)
		}
		page = get(t, s, res.Header.Get("Location"), planner)
		for _, want := range []string{"Đã lưu số liệu của kỳ.", "83,33 %", `value="1204"`} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the page after saving lacks %q", want)
			}
		}
	})
}

func TestValues_TheQuarterUnderWayTakesEstimatesAndTextIsRefused(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		planner := signIn(t, s, "planner.dienbien")
		res := post(t, s, "/values?year=2026&period=Q4", url.Values{"v-CP_ABUSE_CASES-value": {"2"}}, planner)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "chưa kết thúc") {
			t.Errorf("the quarter under way without estimate answered %d", res.StatusCode)
		}
		res = post(t, s, "/values?year=2026&period=Q4", url.Values{"v-CP_ABUSE_CASES-value": {"2"}, "estimate": {"1"}}, planner)
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("an estimate of the quarter under way answered %d", res.StatusCode)
		}
		res = post(t, s, "/values?year=2026&period=Q1", url.Values{"v-CP_ABUSE_CASES-value": {"hai"}}, planner)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="v-CP_ABUSE_CASES-value-error"`) {
			t.Errorf("a word for a number answered %d without a message on its field", res.StatusCode)
		}
		if res := get(t, s, "/values?year=2026&period=Q5", planner); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a fifth quarter answered %d, want 422", res.StatusCode)
		}
	})
}

func TestValues_AReviewerReadsAProvincesFiguresWithoutAForm(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		post(t, s, "/values?year=2025", url.Values{"v-CP_SWC-value": {"3"}}, signIn(t, s, "planner.dienbien"))
		res := get(t, s, "/values?province=11&year=2025&lang=en", signIn(t, s, "reviewer"))
		if res.StatusCode != http.StatusOK || strings.Contains(res.body, "Save the figures") {
			t.Fatalf("the reviewer's page answered %d or has the form", res.StatusCode)
		}
		if !strings.Contains(res.body, "Social Work Centres with a child-protection function") ||
			!strings.Contains(res.body, "Read only") {
			t.Errorf("the reviewer's page lacks the figures in English or the read-only note")
		}
	})
}

func TestProgressAndCompliance_ShowStatusesInWordsAndTheReports(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		for _, who := range []string{"planner.dienbien", "finance.dienbien", "reviewer"} {
			c := signIn(t, s, who)
			progress := get(t, s, "/progress?province=11&year=2026", c)
			if progress.StatusCode != http.StatusOK || !strings.Contains(progress.body, "Chưa có số liệu") ||
				!strings.Contains(progress.body, `class="status status-none"`) || !strings.Contains(progress.body, "≥ 100 %") {
				t.Errorf("%s: progress answered %d without statuses in words", who, progress.StatusCode)
			}
			compliance := get(t, s, "/compliance?province=11&year=2026", c)
			if compliance.StatusCode != http.StatusOK || !strings.Contains(compliance.body, "Không đạt") ||
				!strings.Contains(compliance.body, "Mọi xã, phường, đặc khu có người làm công tác bảo vệ trẻ em") {
				t.Errorf("%s: compliance answered %d without its checks", who, compliance.StatusCode)
			}
			for _, link := range []string{"/api/v1/provinces/11/reports/2026.pdf?lang=vi", "/api/v1/provinces/11/reports/2026.xlsx"} {
				if !strings.Contains(compliance.body, link) || !strings.Contains(progress.body, link) {
					t.Errorf("%s: the pages lack the report %s", who, link)
				}
			}
		}
		if res := get(t, s, "/compliance?province=11", signIn(t, s, "planner.hanoi")); res.StatusCode != http.StatusForbidden {
			t.Errorf("another province's planner answered %d, want 403", res.StatusCode)
		}
	})
}

func TestProvincePages_AReviewerChoosesAProvinceFirst(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		reviewer := signIn(t, s, "reviewer")
		for _, path := range []string{"/staffing", "/values", "/progress", "/compliance"} {
			res := get(t, s, path, reviewer)
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `<option value="11">Điện Biên</option>`) {
				t.Errorf("%s answered %d without the choice of province", path, res.StatusCode)
			}
		}
		if res := get(t, s, "/progress?year=abc", reviewer); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a year that is not one answered %d, want 422", res.StatusCode)
		}
	})
}
