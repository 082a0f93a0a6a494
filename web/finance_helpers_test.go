package web_test

import (
	"bytes"
	"cmp"
	"context"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"baove/access"
	"baove/budget"
	"baove/database"
	"baove/demo"
	"baove/web/webtest"
)

// financeServer is the service over db with the whole demo loaded: Điện
// Biên's 2026 plan in force with a year of payments, TP Hồ Chí Minh's 2025
// left open.
func financeServer(t *testing.T, db *database.DB) *webtest.Server {
	t.Helper()
	s := webtest.Start(t, db)
	loadDemo(t, s)
	return s
}

// loadDemo loads the whole demo into the database of s.
func loadDemo(t *testing.T, s *webtest.Server) {
	t.Helper()
	if err := demo.Load(context.Background(), s.Services, io.Discard); err != nil {
		t.Fatal(err)
	}
}

// hidden returns the value of the hidden field name in page, or "".
func hidden(page, name string) string {
	m := regexp.MustCompile(`name="` + regexp.QuoteMeta(name) + `" value="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// lineWithLeft returns a line of Điện Biên's plan in force with more than
// amount left.
func lineWithLeft(t *testing.T, s *webtest.Server, amount budget.VND) budget.PlanLine {
	t.Helper()
	lines, _, err := s.Services.Budget.LinesInForce(context.Background(), financeDienBien, "11", 2026)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if l.Remaining() > amount && l.FundingSource != budget.Central {
			return l
		}
	}
	t.Fatalf("no line of Điện Biên's plan has %d left", amount)
	return budget.PlanLine{}
}

// filePost is a multipart form: its fields and, when not nil, a file sent
// as "file", named Name (payments.csv when empty).
type filePost struct {
	Fields url.Values
	File   []byte
	Name   string
}

// postFile sends the multipart form f to path with the session cookie c.
func postFile(t *testing.T, s *webtest.Server, path string, f filePost, c *http.Cookie) answer {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range f.Fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if f.File != nil {
		fw, err := mw.CreateFormFile("file", cmp.Or(f.Name, "payments.csv"))
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(f.File)
	}
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

// financeDienBien reads Điện Biên's books in the tests.
var financeDienBien = access.Caller{Username: "finance.dienbien", Role: access.Finance, Province: "11"}

// financeDienBienUser is Điện Biên's finance officer as the services know
// them, to write with.
func financeDienBienUser(t *testing.T, s *webtest.Server) access.Caller {
	t.Helper()
	u, err := s.Services.Access.UserByUsername(context.Background(), "finance.dienbien")
	if err != nil {
		t.Fatal(err)
	}
	return u.Caller("test")
}
