package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"baove"
	"baove/i18n"
	"baove/indicators"
	"baove/upload"
)

// saveStaffing records the grid: every commune with something typed, all
// or nothing (the domain's PutProvinceStaffing). A refusal shows the grid
// again as typed, each message on its row and in the summary.
func (s *Server) saveStaffing(w http.ResponseWriter, r *http.Request) {
	v, ok := s.staffingView(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	in, err := readForm(r)
	var items []indicators.Staffing
	var rows []int // the grid's row of each item
	if err == nil {
		items, rows, err = readStaffing(in, v.Rows)
	}
	n := 0
	if err == nil {
		ps := indicators.ProvinceStaffing{Province: v.Scope.Province.Code, Year: v.Scope.Year, Items: items}
		n, err = s.svc.Indicators.PutProvinceStaffing(ctx, viewerOf(ctx).Caller, ps)
	}
	if err == nil {
		seeOther(w, r, staffingURL(v.Scope, "saved", n))
		return
	}
	status, ok := s.refused(w, r, err, &v.Form)
	if !ok {
		s.fail(w, r, err)
		return
	}
	for i := range v.Rows {
		for k, col := range staffingColumns {
			v.Rows[i].Values[k] = in.Get(v.Rows[i].id(col.Field))
		}
	}
	v.Form.Fields = s.rowErrors(r, err, v.Rows, rows)
	s.renderStaffing(w, r, status, v)
}

// readStaffing returns the staffing of each row of the grid in which
// something was typed (a row left empty records nothing), and the row of
// each; EINVALID naming each control left empty or whose text is not a
// whole number, by item (items[3].villages) as the domain names them.
func readStaffing(in url.Values, grid []staffingRow) ([]indicators.Staffing, []int, error) {
	var p baove.Problems
	var items []indicators.Staffing
	var rows []int
	for i, row := range grid {
		text := func(field string) string { return strings.TrimSpace(in.Get(row.id(field))) }
		typed := false
		for _, col := range staffingColumns {
			typed = typed || text(col.Field) != ""
		}
		if !typed {
			continue
		}
		at := "items[" + strconv.Itoa(len(items)) + "]."
		st := indicators.Staffing{Commune: row.Code, Note: text("note")}
		counts := []*int{&st.FullTime, &st.PartTime, &st.Collaborators, &st.Villages, &st.VillagesWithCollaborator}
		for k, to := range counts { // the columns' order
			*to = readCell(&p, at+staffingColumns[k].Field, text(staffingColumns[k].Field))
		}
		items, rows = append(items, st), append(rows, i)
	}
	return items, rows, p.Err()
}

// readCell reads the count typed in a cell of the grid, recording a
// problem with field when it is missing or not a whole number.
func readCell(p *baove.Problems, field, text string) int {
	n, ok := readCount(text)
	switch {
	case text == "":
		p.AddKey(field, "field.required", nil, nil)
	case !ok || n > indicators.MaxStaff:
		p.AddKey(field, "staffing.whole_number", i18n.Args{"max": i18n.Count(indicators.MaxStaff)}, text)
	}
	return int(n)
}

// readCount reads a whole number as a person types it: digits, grouped by
// thousands or not ("1.500", "1500"); "" is missing, not zero.
func readCount(s string) (int64, bool) {
	plain := strings.NewReplacer(".", "", ",", "", " ", "").Replace(s)
	if plain == "" || len(plain) > 15 || strings.Trim(plain, "0123456789") != "" {
		return 0, false
	}
	if plain != s && !groupedByThousands(s) {
		return 0, false
	}
	n, err := strconv.ParseInt(plain, 10, 64)
	return n, err == nil
}

// groupedByThousands reports whether s groups its digits by three with one
// kind of mark: "1.500.000", "1,500", not "1.5" or "1.500,000".
func groupedByThousands(s string) bool {
	for _, mark := range []string{".", ",", " "} {
		parts := strings.Split(s, mark)
		if len(parts) < 2 || len(parts[0]) == 0 || len(parts[0]) > 3 {
			continue
		}
		ok := true
		for _, p := range parts[1:] {
			ok = ok && len(p) == 3
		}
		if ok && strings.Trim(strings.Join(parts, ""), "0123456789") == "" {
			return true
		}
	}
	return false
}

var itemField = regexp.MustCompile(`^items\[(\d+)\]\.([a-z_]+)$`)

// rowErrors puts each message of err about an item (items[3].villages)
// on its row of the grid (rows gives the grid's row of each item) and
// returns the summary's lines, each a link to its control.
func (s *Server) rowErrors(r *http.Request, err error, grid []staffingRow, rows []int) []fieldError {
	ctx, lang := r.Context(), langOf(r.Context())
	var e *baove.Error
	if !errors.As(err, &e) {
		return nil
	}
	var out []fieldError
	for _, fe := range e.Fields {
		m := itemField.FindStringSubmatch(fe.Field)
		if m == nil {
			out = append(out, fieldError{Field: fe.Field, Text: fe.Text(lang)})
			continue
		}
		k, _ := strconv.Atoi(m[1])
		if k >= len(rows) {
			continue
		}
		row := &grid[rows[k]]
		if row.Errors == nil {
			row.Errors = map[string]string{}
		}
		row.Errors[m[2]] = fe.Text(lang)
		out = append(out, fieldError{Field: row.id(m[2]), Text: Tf(ctx, "web.staffing.row_error",
			i18n.Args{"commune": row.Name, "column": columnName(r, m[2]), "message": fe.Text(lang)})})
	}
	return out
}

// columnName returns the heading of the grid's (or the file's) column
// field in the reader's words.
func columnName(r *http.Request, field string) string {
	ctx := r.Context()
	for _, c := range staffingColumns {
		if c.Field == field {
			return T(ctx, c.Key)
		}
	}
	switch field {
	case "commune_code":
		return T(ctx, "web.staffing.code")
	case "commune_name":
		return T(ctx, "web.staffing.name")
	}
	return field
}

// importStaffing records the staffing from an uploaded file (the template
// filled in), all or nothing, as the API's import does; a refusal lists
// each message by the row of the file.
func (s *Server) importStaffing(w http.ResponseWriter, r *http.Request) {
	v, ok := s.staffingView(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	file, err := uploadedFile(w, r)
	var done indicators.StaffingImport
	if err == nil {
		f := indicators.StaffingFile{Province: v.Scope.Province.Code, Year: v.Scope.Year, File: file}
		done, err = s.svc.Indicators.ImportStaffing(ctx, viewerOf(ctx).Caller, f)
	}
	if err == nil {
		seeOther(w, r, staffingURL(v.Scope, "imported", len(done.Changes)))
		return
	}
	status, ok := s.refused(w, r, err, &v.Upload)
	if !ok {
		s.fail(w, r, err)
		return
	}
	for i, fe := range v.Upload.Fields {
		v.Upload.Fields[i] = fieldError{Field: "file", Text: fileRowText(r, fe)}
	}
	s.renderStaffing(w, r, status, v)
}

var rowField = regexp.MustCompile(`^rows\[(\d+)\](?:\.([a-z_]+))?$`)

// fileRowText says a message of an import in words: "Dòng 5, Chuyên
// trách: …" for a field of a row of the file.
func fileRowText(r *http.Request, fe fieldError) string {
	m := rowField.FindStringSubmatch(fe.Field)
	if m == nil {
		return fe.Text
	}
	args := i18n.Args{"row": m[1], "message": fe.Text, "column": columnName(r, m[2])}
	if m[2] == "" {
		return Tf(r.Context(), "web.staffing.file_row", args)
	}
	return Tf(r.Context(), "web.staffing.file_cell", args)
}

// uploadedFile returns the file sent in the multipart form's part "file",
// reading no more of it than an upload may hold (upload.Read refuses a
// larger one); EINVALID when the form sends none.
func uploadedFile(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, upload.MaxSize+64<<10)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, baove.InvalidKey("file", "web.staffing.no_file", nil, nil)
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			return nil, baove.InvalidKey("file", "web.staffing.no_file", nil, nil)
		}
		if part.FormName() != "file" {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(part, upload.MaxSize+1))
		if err != nil || len(b) == 0 {
			return nil, baove.InvalidKey("file", "web.staffing.no_file", nil, nil)
		}
		return b, nil
	}
}
