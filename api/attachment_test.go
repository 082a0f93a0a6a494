package api_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"baove/api"
	"baove/attachments"
	"baove/database"
	"baove/database/dbtest"
)

// scan returns a PDF-looking file of n bytes (its first bytes say PDF; the
// rest varies, so that a byte out of place shows).
func scan(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	copy(b, "%PDF-1.7\n")
	return b
}

// draftPlan starts Hà Nội's 2026 plan and returns its id.
func (e *env) draftPlan() int64 {
	e.t.Helper()
	var plan api.Plan
	e.mustDo("planner.hanoi", "POST", "/api/v1/plans", map[string]any{"province_code": "01", "year": 2026, "title": "Kế hoạch 2026"}, &plan)
	return plan.ID
}

// attachForm sends file as the part named file (named name) of a
// multipart form with fields.
func (e *env) attachForm(as, path, name string, file []byte, fields map[string]string) response {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	part, _ := w.CreateFormFile("file", name)
	part.Write(file)
	w.Close()
	res, _ := e.sendRaw(as, "POST", path, body.Bytes(), w.FormDataContentType())
	return res
}

func TestAttachment_IsDownloadedByteIdenticalWithItsHash(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		path := fmt.Sprintf("/api/v1/plans/%d/attachments", e.draftPlan())
		file := scan(3<<20 + 12345) // several chunks, the last one short
		nfd := "Ke\u0302\u0301 hoa\u0323ch đã ký.pdf"
		res := e.attachForm("planner.hanoi", path, nfd, file, map[string]string{"title": "Bản ký"})
		var a api.Attachment
		if res.StatusCode != 201 {
			t.Fatalf("upload: %d %s", res.StatusCode, res.body)
		}
		decode(t, res.body, &a)
		sum := sha256.Sum256(file)
		if a.SHA256 != hex.EncodeToString(sum[:]) || a.Size != int64(len(file)) || a.ContentType != "application/pdf" ||
			a.Kind != "signed_plan" || a.FileName != "Kế hoạch đã ký.pdf" || !a.Current || res.Header.Get("Location") != a.Download {
			t.Fatalf("stored %+v, want the file's hash and size, a PDF, a signed plan named in NFC", a)
		}
		got, _ := e.raw("reviewer", "GET", a.Download, nil)
		h := got.Header
		if got.StatusCode != 200 || !bytes.Equal(got.body, file) {
			t.Fatalf("download: %d, %d bytes, identical %v", got.StatusCode, len(got.body), bytes.Equal(got.body, file))
		}
		if h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-SHA256") != a.SHA256 ||
			h.Get("Repr-Digest") != "sha-256=:"+base64.StdEncoding.EncodeToString(sum[:])+":" ||
			!strings.Contains(h.Get("Content-Disposition"), "filename*=UTF-8''"+url.PathEscape("Kế hoạch đã ký.pdf")) {
			t.Errorf("download headers %v", h)
		}
	})
}

func TestAttachment_IsHiddenFromAnotherProvinceAndRefusedToAnAdministrator(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		path := fmt.Sprintf("/api/v1/plans/%d/attachments", e.draftPlan())
		res, _ := e.sendRaw("planner.hanoi", "POST", path, scan(2000), "application/pdf")
		var a api.Attachment
		decode(t, res.body, &a)
		for _, c := range []struct {
			as, method, path string
			status           int
		}{{"planner.dienbien", "GET", a.Download, 404}, {"planner.dienbien", "GET", path, 404}, {"planner.dienbien", "POST", path, 404},
			{"admin", "GET", a.Download, 403}, {"finance.hanoi", "POST", path, 403}, {"reviewer", "POST", path, 403}} {
			res, _ := e.sendRaw(c.as, c.method, c.path, scan(1000), "application/pdf")
			if res.StatusCode != c.status || bytes.Contains(res.body, []byte("%PDF")) {
				t.Errorf("%s %s as %s: %d %s, want %d", c.method, c.path, c.as, res.StatusCode, res.body, c.status)
			}
		}
		var list struct{ Items []api.Attachment }
		e.mustDo("finance.hanoi", "GET", path, nil, &list)
		if len(list.Items) != 1 {
			t.Errorf("the province's finance officer lists %d attachments, want the one", len(list.Items))
		}
	})
}

func TestAttachment_OverTwentyMiBIs413AndAnExecutableIs415(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		path := fmt.Sprintf("/api/v1/plans/%d/attachments", e.draftPlan())
		before := dbtest.Snapshot(t, db, volatile...)
		vi := map[string]string{"Content-Type": "application/pdf", "Accept-Language": "vi"}
		if res, _ := e.send("planner.hanoi", "POST", path, scan(21<<20), vi); res.StatusCode != 413 ||
			!strings.Contains(string(res.body), "Yêu cầu có 22.020.096 byte, vượt giới hạn") {
			t.Errorf("21 MiB: %d %s, want 413 saying so in Vietnamese", res.StatusCode, res.body)
		}
		if res := e.attachForm("planner.hanoi", path, "big.pdf", scan(attachments.MaxSize+1), nil); res.StatusCode != 413 {
			t.Errorf("20 MiB and a byte in a form: %d %s, want 413", res.StatusCode, res.body)
		}
		exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), bytes.Repeat([]byte{0}, 500)...)
		for _, res := range []response{e.attachForm("planner.hanoi", path, "ke-hoach.pdf", exe, nil),
			first(e.sendRaw("planner.hanoi", "POST", path+"?file_name=ke-hoach.pdf", exe, "application/pdf"))} {
			if res.StatusCode != 415 || !strings.Contains(string(res.body), "PDF, JPEG or PNG") {
				t.Errorf("an executable named .pdf: %d %s, want 415", res.StatusCode, res.body)
			}
		}
		if dbtest.Snapshot(t, db, volatile...) != before {
			t.Error("a refused file changed the database")
		}
		for _, f := range [][]byte{{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}, {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0}} {
			var a api.Attachment
			res, _ := e.sendRaw("planner.hanoi", "POST", path+"?kind=other", f, "application/octet-stream")
			decode(t, res.body, &a)
			if res.StatusCode != 201 || a.ContentType == "application/pdf" || a.Kind != "other" {
				t.Errorf("an image: %d %+v", res.StatusCode, a)
			}
		}
	})
}

func first(r response, _ error) response { return r }

func TestAttachment_SupersedingKeepsBoth(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		plan := e.draftPlan()
		path := fmt.Sprintf("/api/v1/plans/%d/attachments", plan)
		var old, rescan api.Attachment
		e.mustDo("planner.hanoi", "POST", path, scan(900), &old)
		res := e.attachForm("planner.hanoi", path, "ban-chup-lai.pdf", scan(1200), map[string]string{"supersedes": fmt.Sprint(old.ID)})
		decode(t, res.body, &rescan)
		if res.StatusCode != 201 || rescan.Supersedes != old.ID {
			t.Fatalf("rescan: %d %s", res.StatusCode, res.body)
		}
		var list struct{ Items []api.Attachment }
		e.mustDo("reviewer", "GET", path, nil, &list)
		if len(list.Items) != 2 || list.Items[0].SupersededBy == nil || *list.Items[0].SupersededBy != rescan.ID ||
			list.Items[0].Current || !list.Items[1].Current || list.Items[1].SupersededBy != nil {
			t.Fatalf("list %+v, want the old one superseded by the rescan, both kept", list.Items)
		}
		if res, _ := e.raw("reviewer", "GET", old.Download, nil); res.StatusCode != 200 || !bytes.Equal(res.body, scan(900)) {
			t.Errorf("the superseded scan downloads: %d", res.StatusCode)
		}
		p := e.expectProblem("planner.hanoi", "POST", fmt.Sprintf("%s?supersedes=%d", path, old.ID), scan(100), 409)
		if !strings.Contains(p.Detail, fmt.Sprint(rescan.ID)) {
			t.Errorf("superseding twice: %q does not name the newer scan", p.Detail)
		}
		other := fmt.Sprintf("/api/v1/plans/%d/attachments?supersedes=%d", e.draftPlanOf(2025), rescan.ID)
		if p := e.expectProblem("planner.hanoi", "POST", other, scan(100), 422); len(p.Errors) != 1 || p.Errors[0].Location != "supersedes" {
			t.Errorf("superseding another plan's scan: %+v, want 422 naming supersedes", p)
		}
		var trail struct{ Items []api.AuditEntry }
		e.mustDo("reviewer", "GET", "/api/v1/audit?entity=attachment", nil, &trail)
		if len(trail.Items) != 2 || strings.Contains(fmt.Sprint(trail.Items), "%PDF") {
			t.Errorf("audit %+v, want two entries without the bytes", trail.Items)
		}
	})
}

// draftPlanOf starts Hà Nội's plan of year and returns its id.
func (e *env) draftPlanOf(year int) int64 {
	e.t.Helper()
	var plan api.Plan
	e.mustDo("planner.hanoi", "POST", "/api/v1/plans", map[string]any{"province_code": "01", "year": year, "title": "Kế hoạch"}, &plan)
	return plan.ID
}
