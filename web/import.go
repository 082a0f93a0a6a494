package web

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strconv"

	"baove"
	"baove/api"
	"baove/budget"
	"baove/i18n"
	"baove/upload"
)

// Between its preview and its record, an uploaded file travels with the
// preview page (base64 in a hidden field, checked by its hash), so that no
// server keeps it: servers are stateless and any may record it. A file
// over carryMax is chosen again instead.
const (
	carryMax      = 2 << 20
	maxImportBody = upload.MaxSize/3*4 + 1<<20 // a file's base64 with the rest of the form
)

// importView is what the imports page shows.
type importView struct {
	Year        int
	TemplateURL string
	Form        form
	// BadRows are the file's refused rows, in the file's order.
	BadRows []badRow
	// Preview is what recording the file would do; nil before an upload.
	Preview *budget.ImportResult
	// Replayed says the file was recorded before (preview or record).
	Replayed bool
	// Carry is the file as base64, when it travels with the page; SHA is
	// its hash.
	Carry, SHA string
	// Done is what the file just recorded did; nil otherwise.
	Done *importDone
}

// importDone is what a recorded file did, as the page after it says.
type importDone struct {
	Rows     int
	Total    budget.VND
	Replayed bool
}

// badRow is one problem of a refused file, on its row.
type badRow struct {
	Row     string
	Column  string
	Message string
}

// importsPage shows the template to download and the upload form, and
// what the file just recorded did.
func (s *Server) importsPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.importView(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	if rows, err := strconv.Atoi(q.Get("recorded")); err == nil {
		total, _ := strconv.ParseInt(q.Get("total"), 10, 64)
		v.Done = &importDone{Rows: rows, Total: budget.VND(total), Replayed: q.Get("replayed") != ""}
	}
	s.renderImports(w, r, http.StatusOK, v)
}

// previewImport checks an uploaded file as recording it would, records
// nothing, and shows what it would record or every bad row.
func (s *Server) previewImport(w http.ResponseWriter, r *http.Request) {
	s.runImport(w, r, true)
}

// recordImport records the file of a preview, all or nothing; the same
// file recorded twice records nothing the second time, and says so.
func (s *Server) recordImport(w http.ResponseWriter, r *http.Request) {
	s.runImport(w, r, false)
}

func (s *Server) runImport(w http.ResponseWriter, r *http.Request, dryRun bool) {
	ctx := r.Context()
	v, err := s.importView(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data, err := readUpload(w, r)
	var res budget.ImportResult
	if err == nil {
		res, v.Replayed, err = s.svc.Budget.ImportFile(ctx, viewerOf(ctx).Caller, budget.PaymentsFile{Province: viewerOf(ctx).Province,
			File: data, DryRun: dryRun})
	}
	if err != nil {
		status, ok := s.refused(w, r, err, &v.Form)
		if !ok {
			s.fail(w, r, err)
			return
		}
		v.BadRows, v.Form.Fields = badRows(v.Form.Fields)
		s.renderImports(w, r, status, v)
		return
	}
	if !dryRun {
		seeOther(w, r, "/imports?"+doneQuery(res, v.Replayed))
		return
	}
	v.Preview = &res
	sum := sha256.Sum256(data)
	if v.SHA = hex.EncodeToString(sum[:]); len(data) <= carryMax {
		v.Carry = base64.StdEncoding.EncodeToString(data)
	}
	s.renderImports(w, r, http.StatusOK, v)
}

// doneQuery is the query of the page that tells what a record did.
func doneQuery(res budget.ImportResult, replayed bool) string {
	q := "recorded=" + strconv.Itoa(res.Recorded) + "&total=" + res.Total.String()
	if replayed {
		q += "&replayed=1"
	}
	return q
}

// importView returns the imports page's frame for the reader's province.
func (s *Server) importView(r *http.Request) (importView, error) {
	p, year, err := s.pageContext(r)
	url := api.Prefix + "/provinces/" + string(p) + "/disbursements/import-template.xlsx?year=" + strconv.Itoa(year)
	return importView{Year: year, TemplateURL: url}, err
}

// readUpload returns the file a form sent: the hidden copy a preview
// carried (checked against its hash) or the file chosen. EINVALID naming
// file when there is none or it is not the file previewed; ETOOLARGE over
// the size an import takes.
func readUpload(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBody)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			return nil, baove.E(baove.ETOOLARGE, "web.imports.too_large", i18n.Args{"mb": int64(upload.MaxSize >> 20)})
		}
		return nil, baove.InvalidKey("file", "web.imports.no_file", nil, nil)
	}
	defer r.MultipartForm.RemoveAll()
	data, err := uploaded(r)
	if err != nil || len(data) == 0 {
		return nil, baove.InvalidKey("file", "web.imports.no_file", nil, nil)
	}
	sum := sha256.Sum256(data)
	if want := r.PostFormValue("file_sha256"); want != "" && want != hex.EncodeToString(sum[:]) {
		return nil, baove.InvalidKey("file", "web.imports.not_previewed", nil, nil)
	}
	return data, nil
}

// uploaded returns the bytes of the form's carried copy or chosen file.
func uploaded(r *http.Request) ([]byte, error) {
	if carried := r.PostFormValue("file_data"); carried != "" {
		return base64.StdEncoding.DecodeString(carried)
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, upload.MaxSize+1))
}

// A row's problem is named as staffing_save.go's rowField reads it:
// "rows[12].amount", "rows[12]".

// badRows splits a refused file's field messages into those of its rows,
// each on its row with its column's title, and the others.
func badRows(fields []fieldError) ([]badRow, []fieldError) {
	var rows []badRow
	var rest []fieldError
	for _, f := range fields {
		m := rowField.FindStringSubmatch(f.Field)
		if m == nil {
			rest = append(rest, f)
			continue
		}
		rows = append(rows, badRow{Row: m[1], Column: columnTitle(m[2]), Message: f.Text})
	}
	return rows, rest
}

// columnTitle returns the title of an import's column named key.
func columnTitle(key string) string {
	for _, f := range budget.ImportFields {
		if f.Key == key {
			return f.Title
		}
	}
	return key
}

func (s *Server) renderImports(w http.ResponseWriter, r *http.Request, status int, v importView) {
	s.render(w, r, status, importsPage(s.page(r, T(r.Context(), "web.imports.title")), v))
}
