package indicators

import (
	"baove"
	"baove/access"
	"baove/units"
	"baove/upload"
	"baove/vn"
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// StaffingFields are the columns of a staffing import.
var StaffingFields = []upload.Field{
	{Key: "commune_code", Title: "Mã xã", Kind: upload.Text, Required: true, Example: "03151", Help: "Mã xã, phường, đặc khu (5 chữ số) / commune code (5 digits)"},
	{Key: "commune_name", Title: "Tên xã", Kind: upload.Text, Example: "Xã Mường Phăng", Help: "Để đối chiếu, không bắt buộc / for reference, optional"},
	{Key: "full_time", Title: "Chuyên trách", Kind: upload.Count, Required: true, Example: int64(1), Help: "Số người chuyên trách / full-time workers"},
	{Key: "part_time", Title: "Kiêm nhiệm", Kind: upload.Count, Required: true, Example: int64(0), Help: "Số người kiêm nhiệm / part-time workers"},
	{Key: "collaborators", Title: "Cộng tác viên", Kind: upload.Count, Required: true, Example: int64(12), Help: "Cộng tác viên thôn, tổ dân phố / village collaborators"},
	{Key: "villages", Title: "Số thôn, tổ dân phố", Kind: upload.Count, Required: true, Example: int64(15), Help: "/ villages and residential groups"},
	{Key: "villages_with_collaborator", Title: "Thôn có cộng tác viên", Kind: upload.Count, Required: true, Example: int64(12), Help: "Không quá số thôn / at most the villages"},
	{Key: "note", Title: "Ghi chú", Kind: upload.Text, FreeText: true, Help: "Không bắt buộc / optional"},
}

// StaffingFile is an uploaded file of a province's communes' staffing in a
// year.
type StaffingFile struct {
	Province units.ProvinceCode
	Year     int
	File     []byte
	// DryRun checks the file as the import would and records nothing.
	DryRun bool
}

// ImportStaffing records the staffing of a province's communes for a year
// from an uploaded file, all or nothing (see PutProvinceStaffing), naming
// every bad row, and says which communes it changed. Uploading the same
// file again changes nothing. A row holding a commune but no figure, as
// the prefilled template leaves a commune without last year's, is skipped
// and counted. A dry run checks the file as the import would and answers
// the same, reading what it would change, and writes nothing. Only the
// province's planner may.
func (s *Store) ImportStaffing(ctx context.Context, c access.Caller, f StaffingFile) (StaffingImport, error) {
	if err := c.CanAct(f.Province, access.Planner); err != nil {
		return StaffingImport{}, err
	}
	u, err := upload.Read(bytes.NewReader(f.File), upload.MaxSize)
	if err != nil {
		return StaffingImport{}, err
	}
	rows, err := parseStaffing(u)
	if err != nil {
		return StaffingImport{}, err
	}
	ps := ProvinceStaffing{Province: f.Province, Year: f.Year, Items: rows.items, Names: rows.names, imported: true}
	d, err := s.recordProvince(ctx, c, ps, f.DryRun)
	d.Skipped = rows.skipped
	return d, itemsToRows(err, rows.numbers)
}

// staffingRows are a file's rows as items, the commune names given beside
// them (empty when none), their row numbers, and how many rows held no
// figure.
type staffingRows struct {
	items   []Staffing
	names   []string
	numbers []int
	skipped int
}

// parseStaffing reads the rows of u that hold figures.
func parseStaffing(u *upload.File) (staffingRows, error) {
	var out staffingRows
	if err := u.CheckColumns(StaffingFields); err != nil {
		return out, err
	}
	var ch upload.Checker
	f := StaffingFields
	for _, r := range u.Rows {
		if !holdsFigures(r) {
			out.skipped++
			continue
		}
		out.items = append(out.items, Staffing{Commune: units.CommuneCode(ch.Text(r, f[0])), FullTime: int(ch.Int(r, f[2])),
			PartTime: int(ch.Int(r, f[3])), Collaborators: int(ch.Int(r, f[4])), Villages: int(ch.Int(r, f[5])),
			VillagesWithCollaborator: int(ch.Int(r, f[6])), Note: ch.Text(r, f[7])})
		out.names = append(out.names, ch.Text(r, f[1]))
		out.numbers = append(out.numbers, r.Number)
	}
	if len(out.items) == 0 {
		return out, baove.InvalidKey("rows", "staffing.file_empty", nil, nil)
	}
	return out, ch.Err()
}

// holdsFigures reports whether r has anything in a column after the
// commune's code and name.
func holdsFigures(r upload.Row) bool {
	for _, f := range StaffingFields[2:] {
		if r.Value(f.Title) != "" || r.Value(f.Key) != "" {
			return true
		}
	}
	return false
}

// kindPrefixes are the folded words a commune's name starts with.
var kindPrefixes = []string{"xa ", "phuong ", "dac khu ", "thi tran "}

// nameMatches reports whether given names the commune called name: empty
// (the column is optional), or the same once normalised, without case or
// diacritics, with or without the kind ("Xã", "Phường", "Đặc khu").
func nameMatches(given, name string) bool {
	g, n := vn.Fold(vn.NFC(given)), vn.Fold(name)
	if g == "" || g == n {
		return true
	}
	for _, k := range kindPrefixes {
		if rest, ok := strings.CutPrefix(n, k); ok && rest == g {
			return true
		}
	}
	return false
}

var itemRE = regexp.MustCompile(`^items\[(\d+)\]`)

// itemsToRows renames "items[3].x" problems to the rows of the file they
// came from: "rows[5].x".
func itemsToRows(err error, numbers []int) error {
	var e *baove.Error
	if !errors.As(err, &e) || e.Code != baove.EINVALID {
		return err
	}
	out := *e
	out.Fields = make([]baove.FieldError, len(e.Fields))
	for i, f := range e.Fields {
		if m := itemRE.FindStringSubmatch(f.Field); m != nil {
			if k, _ := strconv.Atoi(m[1]); k < len(numbers) {
				f.Field = fmt.Sprintf("rows[%d]", numbers[k]) + f.Field[len(m[0]):]
			}
		}
		out.Fields[i] = f
	}
	return &out
}
