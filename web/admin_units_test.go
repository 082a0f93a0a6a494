package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"baove"
	"baove/units"
	"baove/web/webtest"
)

// changedList is the shipped list in force from 1 July 2026 with one
// commune renamed, one gone (with its successions) and one new, as a file;
// and the three communes.
func changedList(t *testing.T) (file []byte, renamed, gone, added units.ListEntry) {
	t.Helper()
	l, err := units.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	l.ValidFrom = baove.NewDate(2026, 7, 1)
	l.Communes = slices.Clone(l.Communes)
	l.Communes[1].Name = "Phường Đổi Tên Thử"
	renamed, gone = l.Communes[1], l.Communes[2]
	added = units.ListEntry{Code: "99999", ProvinceCode: "01", Name: "Xã Thử Nghiệm", Kind: units.Xa}
	l.Communes = append(slices.Delete(l.Communes, 2, 3), added)
	l.Successions = slices.DeleteFunc(slices.Clone(l.Successions),
		func(s units.Succession) bool { return string(s.NewCode) == gone.Code })
	if file, err = json.Marshal(l); err != nil {
		t.Fatal(err)
	}
	return file, renamed, gone, added
}

func TestUnitsPage_OpensForTheAdministratorAlone(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		res := get(t, s, "/admin/units", signIn(t, s, "admin"))
		if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Cập nhật danh sách đơn vị hành chính") ||
			!strings.Contains(res.body, `<label for="file">Tệp danh sách đơn vị</label>`) {
			t.Fatalf("the admin's unit page: %d %s", res.StatusCode, res.body)
		}
		planner := signIn(t, s, "planner.hanoi")
		if res := get(t, s, "/admin/units", planner); res.StatusCode != http.StatusForbidden {
			t.Errorf("a planner opens the unit page: %d", res.StatusCode)
		}
		file, _, _, _ := changedList(t)
		if res := postFile(t, s, "/admin/units/preview", filePost{File: file}, planner); res.StatusCode != http.StatusForbidden {
			t.Errorf("a planner previews a unit list: %d", res.StatusCode)
		}
		if res := post(t, s, "/admin/units", url.Values{"sha256": {"00"}}, planner); res.StatusCode != http.StatusForbidden {
			t.Errorf("a planner records a unit list: %d", res.StatusCode)
		}
	})
}

func TestUnitsPage_PreviewsExactlyWhatChangesAndRecordsNothing(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		file, renamed, gone, added := changedList(t)
		res := postFile(t, s, "/admin/units/preview", filePost{File: file}, signIn(t, s, "admin"))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("preview: %d %s", res.StatusCode, res.body)
		}
		for _, want := range []string{
			"Xã, phường, đặc khu: thêm 1, thay đổi 1, đóng 1",
			"Tỉnh, thành phố: thêm 0, thay đổi 0, đóng 0",
			"Xã, phường, đặc khu thêm mới (1)", added.Name,
			"Xã, phường, đặc khu đổi tên, đổi loại, đổi tỉnh hoặc mở lại (1)", renamed.Name,
			"Xã, phường, đặc khu bị đóng (1)", gone.Name,
			"hết hiệu lực sau ngày 30/06/2026",
		} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the preview lacks %q", want)
			}
		}
		if strings.Count(res.body, "<tr") > 40 {
			t.Errorf("the preview lists %d rows: more than what changes", strings.Count(res.body, "<tr"))
		}
		if _, err := s.Services.Units.Commune(context.Background(), "99999"); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("the preview recorded the new commune: %v", err)
		}
		if hidden(res.body, "sha256") == "" {
			t.Error("the preview has no form to record the file")
		}
	})
}

func TestUnitsPage_RecordsThePreviewOnceAndSaysSoTheSecondTime(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		admin := signIn(t, s, "admin")
		file, renamed, _, _ := changedList(t)
		preview := postFile(t, s, "/admin/units/preview", filePost{File: file}, admin)
		confirm := url.Values{"sha256": {hidden(preview.body, "sha256")}}
		res := post(t, s, "/admin/units", confirm, admin)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("record: %d %s", res.StatusCode, res.body)
		}
		done := get(t, s, res.Header.Get("Location"), admin)
		if !strings.Contains(done.body, "Đã cập nhật danh sách đơn vị hành chính") ||
			!strings.Contains(done.body, "Xã, phường, đặc khu: thêm 1, thay đổi 1, đóng 1") {
			t.Errorf("after recording: %s", done.body)
		}
		if c, err := s.Services.Units.Commune(context.Background(), units.CommuneCode(renamed.Code)); err != nil ||
			c.Commune.Name != renamed.Name {
			t.Errorf("the renamed commune is %+v (%v)", c.Commune, err)
		}
		again := post(t, s, "/admin/units", confirm, admin)
		if again.StatusCode != http.StatusSeeOther {
			t.Fatalf("record again: %d %s", again.StatusCode, again.body)
		}
		if page := get(t, s, again.Header.Get("Location"), admin); !strings.Contains(page.body, "Không có gì thay đổi") {
			t.Errorf("the second record does not say nothing changed: %s", page.body)
		}
		preview = postFile(t, s, "/admin/units/preview", filePost{File: file}, admin)
		if !strings.Contains(preview.body, "Không có gì thay đổi: danh sách đơn vị hiện tại đã đúng như tệp này.") {
			t.Errorf("previewing the recorded file again does not say nothing would change")
		}
	})
}

func TestUnitsPage_ABadFileIsRefusedNamingItsProblemInVietnamese(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		admin := signIn(t, s, "admin")
		for name, c := range map[string]struct {
			file string
			want []string
		}{
			"not JSON": {`{"source": x}`, []string{"Tệp không phải JSON hợp lệ: lỗi ở ký tự thứ 12."}},
			"a bad entry": {`{"source":"x","valid_from":"2026-07-01","provinces":[{"code":"01","name":"Hà Nội","kind":"tinh"}],
				"communes":[{"code":"123","province_code":"01","name":"Xã A"}]}`,
				[]string{"Chỗ sai trong tệp", "Xã thứ 1", `mã &#34;123&#34; không đúng dạng`}},
		} {
			res := postFile(t, s, "/admin/units/preview", filePost{File: []byte(c.file)}, admin)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d, want 422", name, res.StatusCode)
			}
			for _, want := range c.want {
				if !strings.Contains(res.body, want) {
					t.Errorf("%s: the page lacks %q: %s", name, want, res.body)
				}
			}
		}
		if res := postFile(t, s, "/admin/units/preview", filePost{}, admin); !strings.Contains(res.body, "Chọn tệp danh sách đơn vị") {
			t.Errorf("no file: %d %s", res.StatusCode, res.body)
		}
		if res := post(t, s, "/admin/units", url.Values{"sha256": {strings.Repeat("0", 64)}}, admin); res.StatusCode != http.StatusNotFound ||
			!strings.Contains(res.body, "chọn lại tệp") {
			t.Errorf("a file never previewed: %d %s", res.StatusCode, res.body)
		}
	})
}
