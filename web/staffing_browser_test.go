package web_test

import (
	"net/http"
	"strings"
	"testing"

	"baove/demo"
	"baove/web/webtest"
)

// TestBrowser_APlannerRecordsStaffingAndAnIndicatorValue drives the pages
// of a province's year as planner.dienbien would, checking each page with
// axe-core.
func TestBrowser_APlannerRecordsStaffingAndAnIndicatorValue(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		b := s.Browser(t)
		if status := b.SignIn("planner.dienbien", demo.Password); status != http.StatusOK {
			t.Fatalf("signing in answered %d", status)
		}
		if status := b.Open("/staffing"); status != http.StatusOK {
			t.Fatalf("the staffing page answered %d", status)
		}
		b.CheckAccessibility()

		fill := func(column, value string) { b.FillByLabel(column+", Phường Mường Lay", value) }
		fill("Chuyên trách", "1")
		fill("Kiêm nhiệm", "0")
		fill("Cộng tác viên", "6")
		fill("Số thôn, tổ dân phố", "8")
		fill("Thôn có cộng tác viên", "12")
		if status := b.Click("Lưu tất cả"); status != http.StatusUnprocessableEntity {
			t.Fatalf("more villages with a collaborator than villages answered %d, want 422", status)
		}
		if msg := b.Text(".row-invalid .field-error"); msg != "không quá số thôn, tổ dân phố (8)" {
			t.Errorf("the row's error says %q", msg)
		}
		b.CheckAccessibility()
		fill("Thôn có cộng tác viên", "6")
		if status := b.Click("Lưu tất cả"); status != http.StatusOK {
			t.Fatalf("saving answered %d", status)
		}
		if msg := b.Text(".notice.success"); msg != "Đã lưu: 1 xã có số liệu thay đổi." {
			t.Errorf("after saving the page says %q", msg)
		}

		b.Open("/values?year=2026&period=Q3")
		b.CheckAccessibility()
		b.FillInGroup("Số vụ xâm hại trẻ em được phát hiện", "Giá trị", "3")
		if status := b.Click("Lưu số liệu"); status != http.StatusOK {
			t.Fatalf("recording a value answered %d", status)
		}
		if msg := b.Text(".notice.success"); msg != "Đã lưu số liệu của kỳ." {
			t.Errorf("after recording the page says %q", msg)
		}

		for _, path := range []string{"/progress", "/compliance"} {
			if status := b.Open(path); status != http.StatusOK {
				t.Errorf("%s answered %d", path, status)
			}
			b.CheckAccessibility()
		}
	})
}

func TestBrowser_AReviewerReadsAProvincesYearInEnglish(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		b := s.Browser(t)
		b.Open("/signin?lang=en")
		b.SignIn("reviewer", demo.Password)
		for _, path := range []string{"/staffing", "/staffing?province=11", "/values?province=11&period=Q2", "/progress?province=11",
			"/compliance?province=11"} {
			if status := b.Open(path); status != http.StatusOK {
				t.Errorf("%s answered %d", path, status)
			}
			b.CheckAccessibility()
		}
		if !strings.Contains(b.Text("main"), "Every commune has a child-protection worker") {
			t.Errorf("the compliance page in English says %q", b.Text("main"))
		}
	})
}
