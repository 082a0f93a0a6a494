package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/i18n"
	"baove/units"
)

// Between its preview and its import, a unit list file is held by the
// units domain in the database, by its SHA-256 (units.Store.Hold): the
// preview page carries only the hash, so the browser sends the file once,
// the confirmation cannot swap in another file, and any instance of the
// service may record what another previewed.

// maxUnitsBody bounds the form that sends a list file.
const maxUnitsBody = units.MaxListSize + 1<<20

// unitsView is what the unit list page shows.
type unitsView struct {
	Form form
	// Problems are those of a refused file's entries, each at its place.
	Problems []listProblem
	// Preview is what importing the file held would change; nil before an
	// upload.
	Preview *units.Held
	// Done is what the last import changed, after the redirect.
	Done *units.ImportResult
}

// listProblem is a problem of one entry of a refused list file.
type listProblem struct {
	Place, Field, Message string
}

// unitsPage shows the upload form of a unit list, and what the last
// import changed.
func (s *Server) unitsPage(w http.ResponseWriter, r *http.Request) {
	if err := viewerOf(r.Context()).Caller.Require(access.Admin); err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderUnits(w, r, http.StatusOK, unitsView{Done: unitsDone(r.URL.Query())})
}

// previewUnits holds an uploaded list file and shows what importing it
// would change, changing nothing; a bad file is shown with every problem.
func (s *Server) previewUnits(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var v unitsView
	err := viewerOf(ctx).Caller.Require(access.Admin) // before reading the file
	var file []byte
	if err == nil {
		file, err = readListFile(w, r)
	}
	if err == nil {
		var h units.Held
		h, err = s.svc.Units.Hold(ctx, viewerOf(ctx).Caller, file)
		v.Preview = &h
	}
	if err != nil {
		status, ok := s.refused(w, r, err, &v.Form)
		if !ok || status == http.StatusForbidden {
			s.fail(w, r, err)
			return
		}
		v.Preview = nil
		v.Problems, v.Form.Fields = splitListProblems(r, v.Form.Fields)
		s.renderUnits(w, r, status, v)
		return
	}
	s.renderUnits(w, r, http.StatusOK, v)
}

// importUnits imports the file a preview held, by its hash, and shows
// what it changed (Post/Redirect/Get); the same file imported again
// changes nothing, and the page says so.
func (s *Server) importUnits(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	form, err := readForm(r)
	var d units.Diff
	if err == nil {
		d, err = s.svc.Units.ImportHeld(ctx, viewerOf(ctx).Caller, form.Get("sha256"))
	}
	if err != nil {
		var v unitsView
		status, ok := s.refused(w, r, err, &v.Form)
		if !ok || status == http.StatusForbidden {
			s.fail(w, r, err)
			return
		}
		s.renderUnits(w, r, status, v)
		return
	}
	seeOther(w, r, "/admin/units?"+doneUnitsQuery(d.Result()).Encode())
}

// readListFile returns the file the form sent. EINVALID naming file when
// there is none; ETOOLARGE over the size a list may have.
func readListFile(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUnitsBody)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			return nil, baove.E(baove.ETOOLARGE, "units.list.too_large", i18n.Args{"mb": int64(units.MaxListSize >> 20)})
		}
		return nil, baove.InvalidKey("file", "web.units.no_file", nil, nil)
	}
	defer r.MultipartForm.RemoveAll()
	f, _, err := r.FormFile("file")
	if err != nil {
		return nil, baove.InvalidKey("file", "web.units.no_file", nil, nil)
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, units.MaxListSize+1))
}

// The counts of an import travel to the page after it in its query.
var doneFields = []string{"pa", "pu", "pc", "ca", "cu", "cc", "sa", "sr"}

func doneUnitsQuery(res units.ImportResult) url.Values {
	q := url.Values{"done": {"1"}}
	for i, n := range []int{res.ProvincesAdded, res.ProvincesUpdated, res.ProvincesClosed, res.CommunesAdded,
		res.CommunesUpdated, res.CommunesClosed, res.SuccessionsAdded, res.SuccessionsRemoved} {
		q.Set(doneFields[i], strconv.Itoa(n))
	}
	return q
}

// unitsDone returns the counts of the import q tells of, or nil.
func unitsDone(q url.Values) *units.ImportResult {
	if q.Get("done") == "" {
		return nil
	}
	var res units.ImportResult
	for i, n := range []*int{&res.ProvincesAdded, &res.ProvincesUpdated, &res.ProvincesClosed, &res.CommunesAdded,
		&res.CommunesUpdated, &res.CommunesClosed, &res.SuccessionsAdded, &res.SuccessionsRemoved} {
		*n, _ = strconv.Atoi(q.Get(doneFields[i]))
	}
	return &res
}

// listEntryField names a problem of one entry of a list file:
// "communes[12].code".
var listEntryField = regexp.MustCompile(`^(provinces|communes|successions)\[(\d+)\]\.(\w+)$`)

// splitListProblems splits a refused file's field messages into those of its
// entries, each at its place in the file, and the others.
func splitListProblems(r *http.Request, fields []fieldError) ([]listProblem, []fieldError) {
	var out []listProblem
	var rest []fieldError
	for _, f := range fields {
		m := listEntryField.FindStringSubmatch(f.Field)
		if m == nil {
			rest = append(rest, f)
			continue
		}
		n, _ := strconv.Atoi(m[2])
		place := Tf(r.Context(), placeKeys[m[1]], i18n.Args{"n": n + 1})
		out = append(out, listProblem{Place: place, Field: m[3], Message: f.Text})
	}
	return out, rest
}

func (s *Server) renderUnits(w http.ResponseWriter, r *http.Request, status int, v unitsView) {
	s.render(w, r, status, unitsPage(s.page(r, T(r.Context(), "web.units.title")), v))
}

// unitText writes a unit of a list: "Phường Ba Đình (phường, tỉnh 01)".
func unitText(ctx context.Context, e units.ListEntry) string {
	if e.ProvinceCode == "" {
		return Tf(ctx, "web.units.province_text", i18n.Args{"name": e.Name, "kind": kindName(ctx, e.Kind)})
	}
	return Tf(ctx, "web.units.commune_text", i18n.Args{"name": e.Name, "kind": kindName(ctx, e.Kind), "province": e.ProvinceCode})
}

// kindName returns a unit's kind in words: "phường".
func kindName(ctx context.Context, k units.Kind) string {
	if key, ok := unitKindKeys[k]; ok {
		return T(ctx, key)
	}
	return string(k)
}

var (
	unitKindKeys = map[units.Kind]string{units.Tinh: "web.units.kind.tinh", units.ThanhPho: "web.units.kind.thanh_pho",
		units.Xa: "web.units.kind.xa", units.Phuong: "web.units.kind.phuong", units.DacKhu: "web.units.kind.dac_khu"}
	// placeKeys name an entry of a list file by its list.
	placeKeys = map[string]string{"provinces": "web.units.place.provinces", "communes": "web.units.place.communes",
		"successions": "web.units.place.successions"}
	// changeKeys title the units of a level (provinces, communes) that an
	// import adds, changes and closes.
	changeKeys = map[string][3]string{
		"provinces": {"web.units.provinces.added", "web.units.provinces.changed", "web.units.provinces.closed"},
		"communes":  {"web.units.communes.added", "web.units.communes.changed", "web.units.communes.closed"},
	}
	// auditChangeKeys mark a field of the audit trail changed, added or
	// removed.
	auditChangeKeys = map[string]string{audit.Changed: "web.audit.change.changed", audit.Added: "web.audit.change.added",
		audit.Removed: "web.audit.change.removed"}
)

// successionText writes an old unit: "00001 Phường Phúc Xá, Quận Ba Đình,
// Thành phố Hà Nội".
func successionText(s units.Succession) string {
	out := string(s.OldCode)
	for _, part := range []string{s.OldName, s.OldDistrict, s.OldProvince} {
		switch {
		case part == "":
		case out == "":
			out = part
		case out == string(s.OldCode):
			out += " " + part
		default:
			out += ", " + part
		}
	}
	return out
}
