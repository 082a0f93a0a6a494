package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"baove/web/webtest"
)

// staffingRow is a row of the grid as a form sends it.
func staffingRow(code string, fullTime, partTime, collaborators, villages, withCollaborator string) url.Values {
	f := url.Values{}
	for field, v := range map[string]string{"full_time": fullTime, "part_time": partTime, "collaborators": collaborators,
		"villages": villages, "villages_with_collaborator": withCollaborator} {
		f.Set("c"+code+"-"+field, v)
	}
	return f
}

func recorded(t *testing.T, s *webtest.Server, year int) int {
	t.Helper()
	c, err := s.Services.Indicators.Tally(context.Background(), "11", year)
	if err != nil {
		t.Fatal(err)
	}
	return c.Recorded
}

func TestStaffing_ShowsEveryCommuneOfTheProvinceInForceThatYear(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		res := get(t, s, "/staffing?year=2026", signIn(t, s, "planner.dienbien"))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("answered %d: %s", res.StatusCode, res.body)
		}
		c, _ := s.Services.Indicators.Tally(context.Background(), "11", 2026)
		if rows := strings.Count(res.body, `name="c`) / 6; rows != c.Total || c.Total < 40 {
			t.Errorf("the grid has %d communes, want the %d in force", rows, c.Total)
		}
		for _, want := range []string{"Phường Mường Lay", "Chuyên trách", "Thôn có cộng tác viên", "Lưu tất cả",
			"/api/v1/provinces/11/staffing/2026/import-template.xlsx"} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
	})
}

func TestStaffing_SavesTheGridAllOrNothingWithErrorsOnTheirRows(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		planner := signIn(t, s, "planner.dienbien")
		form := staffingRow("03151", "1", "0", "6", "8", "6")
		for k, v := range staffingRow("03127", "1", "1", "4", "5", "9") { // more villages with a collaborator than villages
			form[k] = v
		}
		res := post(t, s, "/staffing?year=2026", form, planner)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("a bad row answered %d, want 422", res.StatusCode)
		}
		if !strings.Contains(res.body, "không quá số thôn, tổ dân phố (5)") ||
			!strings.Contains(res.body, `id="c03127-villages_with_collaborator-error"`) {
			t.Errorf("the row's message is not on its row:\n%s", res.body)
		}
		if !strings.Contains(res.body, `value="9"`) {
			t.Error("what was typed is not kept")
		}
		if n := recorded(t, s, 2026); n != 0 {
			t.Fatalf("a refused grid recorded %d communes", n)
		}
		form.Set("c03127-villages_with_collaborator", "4")
		res = post(t, s, "/staffing?year=2026", form, planner)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staffing?saved=2&year=2026" {
			t.Fatalf("a good grid answered %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		if n := recorded(t, s, 2026); n != 2 {
			t.Errorf("recorded %d communes, want 2", n)
		}
		if page := get(t, s, res.Header.Get("Location"), planner); !strings.Contains(page.body, "Đã lưu: 2 xã") {
			t.Errorf("the page after saving does not say so")
		}
	})
}

func TestStaffing_RefusesTextThatIsNotANumberOnItsCell(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		res := post(t, s, "/staffing?year=2026", staffingRow("03151", "một", "0", "6", "", "6"), signIn(t, s, "planner.dienbien"))
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("answered %d, want 422", res.StatusCode)
		}
		for _, want := range []string{`id="c03151-full_time-error"`, "số nguyên từ 0 đến 10.000",
			`id="c03151-villages-error"`, "bắt buộc"} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
	})
}

// upload sends file as the staffing import's form.
func upload(t *testing.T, s *webtest.Server, path, file string, c *http.Cookie) answer {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile("file", "nhan-luc.csv")
	part.Write([]byte(file))
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, s.URL+path, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(c)
	res, err := s.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{Response: res, body: string(b)}
}

func TestStaffing_ImportsAFileAndNamesTheRowsOfItsErrors(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		planner := signIn(t, s, "planner.dienbien")
		header := "commune_code,commune_name,full_time,part_time,collaborators,villages,villages_with_collaborator,note\n"
		res := upload(t, s, "/staffing/import?year=2026", header+"03151,,1,0,6,8,6,\n03127,,1,0,0,5,2,\n", planner)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("a bad file answered %d, want 422", res.StatusCode)
		}
		want := "Dòng 3, cột Thôn có cộng tác viên: thôn có cộng tác viên thì xã cần có ít nhất một cộng tác viên"
		if !strings.Contains(res.body, want) {
			t.Errorf("the file's error is not named by its row:\n%s", res.body)
		}
		res = upload(t, s, "/staffing/import?year=2026", header+"03151,,1,0,6,8,6,\n", planner)
		if res.StatusCode != http.StatusSeeOther || recorded(t, s, 2026) != 1 {
			t.Errorf("a good file answered %d and recorded %d communes", res.StatusCode, recorded(t, s, 2026))
		}
	})
}

func TestStaffing_ReviewersReadAnyProvinceOthersOnlyTheirOwn(t *testing.T) {
	webtest.Run(t, func(t *testing.T, s *webtest.Server) {
		reviewer := signIn(t, s, "reviewer")
		res := get(t, s, "/staffing?province=11&year=2026", reviewer)
		if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Phường Mường Lay") ||
			strings.Contains(res.body, `method="post" action="/staffing`) {
			t.Errorf("a reviewer's page answered %d with a form or without the communes", res.StatusCode)
		}
		if !strings.Contains(res.body, "Chỉ xem") {
			t.Error("the reviewer's page does not say it is read only")
		}
		form := staffingRow("03151", "1", "0", "6", "8", "6")
		if res := post(t, s, "/staffing?province=11&year=2026", form, reviewer); res.StatusCode != http.StatusForbidden {
			t.Errorf("a reviewer's save answered %d, want 403", res.StatusCode)
		}
		if res := get(t, s, "/staffing?province=11", signIn(t, s, "planner.hanoi")); res.StatusCode != http.StatusForbidden {
			t.Errorf("another province's planner answered %d, want 403", res.StatusCode)
		}
		if res := get(t, s, "/staffing", signIn(t, s, "admin")); res.StatusCode != http.StatusForbidden {
			t.Errorf("an administrator answered %d, want 403", res.StatusCode)
		}
		for _, officer := range []string{"finance.dienbien", "approver.dienbien"} {
			res = get(t, s, "/staffing", signIn(t, s, officer))
			if res.StatusCode != http.StatusOK || strings.Contains(res.body, "Lưu tất cả") ||
				!strings.Contains(res.body, "Phường Mường Lay") {
				t.Errorf("%s answered %d, or may save, or sees no commune", officer, res.StatusCode)
			}
		}
	})
}
