package web_test

import (
	"net/http"
	"strings"
	"testing"

	"baove/demo"
	"baove/web/webtest"
)

func TestBrowser_TheAdminPreviewsAndRecordsAUnitListThenReadsItInTheTrail(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		file, renamed, _, _ := changedList(t)
		b := s.Browser(t)
		b.SignIn("admin", demo.Password)
		if menu := b.Text(".menu"); !strings.Contains(menu, "Đơn vị hành chính") || !strings.Contains(menu, "Nhật ký thay đổi") {
			t.Errorf("the admin's menu reads %q", menu)
		}
		if status := b.Open("/admin/units"); status != http.StatusOK {
			t.Fatalf("the unit page answered %d", status)
		}
		b.CheckAccessibility()
		chooseFile(b, "file", "units.json", `{"source": "x", "valid_from": "2026-07-01", "provinces": [], "communes": []}`)
		if status := b.Click("Xem trước thay đổi"); status != http.StatusUnprocessableEntity {
			t.Fatalf("a list without provinces answered %d", status)
		}
		if text := b.Text(".error-summary"); !strings.Contains(text, "danh sách không có tỉnh nào") {
			t.Errorf("the refusal says %q", text)
		}
		b.CheckAccessibility()
		chooseFile(b, "file", "units.json", string(file))
		if status := b.Click("Xem trước thay đổi"); status != http.StatusOK {
			t.Fatalf("the preview answered %d", status)
		}
		if text := b.Text("main"); !strings.Contains(text, renamed.Name) || !strings.Contains(text, "thêm 1, thay đổi 1, đóng 1") {
			t.Errorf("the preview says %q", text)
		}
		b.CheckAccessibility()
		if status := b.Click("Ghi các thay đổi này"); status != http.StatusOK || !strings.Contains(b.Path(), "done=1") {
			t.Fatalf("recording landed on %s with %d", b.Path(), status)
		}
		if msg := b.Text(".notice.success"); !strings.Contains(msg, "Đã cập nhật danh sách đơn vị hành chính") {
			t.Errorf("the page after recording says %q", msg)
		}
		b.CheckAccessibility()
		if status := b.Open("/audit"); status != http.StatusOK {
			t.Fatalf("the trail answered %d", status)
		}
		b.FillByLabel("Loại đối tượng", "unit_list")
		if status := b.Click("Lọc"); status != http.StatusOK || !strings.Contains(b.Text("main"), "units.import") {
			t.Errorf("the trail of unit lists (%d) says %q", status, b.Text("main"))
		}
		b.CheckAccessibility()
	})
}
