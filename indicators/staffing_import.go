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
}

// ImportStaffing records the staffing of a province's communes for a year
// from an uploaded file, all or nothing (see PutProvinceStaffing), naming
// every bad row. Uploading the same file again changes nothing. Only the
// province's planner may.
func (s *Store) ImportStaffing(ctx context.Context, c access.Caller, f StaffingFile) (int, error) {
	p, year, file := f.Province, f.Year, f.File
	if err := c.CanAct(p, access.Planner); err != nil {
		return 0, err
	}
	u, err := upload.Read(bytes.NewReader(file), upload.MaxSize)
	if err != nil {
		return 0, err
	}
	items, names, numbers, err := parseStaffing(u)
	if err != nil {
		return 0, err
	}
	n, err := s.PutProvinceStaffing(ctx, c, ProvinceStaffing{Province: p, Year: year, Items: items, Names: names, imported: true})
	return n, itemsToRows(err, numbers)
}

// parseStaffing reads the rows into items, the commune names given beside
// them (empty when none) and their row numbers.
func parseStaffing(u *upload.File) ([]Staffing, []string, []int, error) {
	if err := u.CheckColumns(StaffingFields); err != nil {
		return nil, nil, nil, err
	}
	var ch upload.Checker
	f := StaffingFields
	items := make([]Staffing, 0, len(u.Rows))
	names := make([]string, 0, len(u.Rows))
	numbers := make([]int, 0, len(u.Rows))
	for _, r := range u.Rows {
		items = append(items, Staffing{Commune: units.CommuneCode(ch.Text(r, f[0])), FullTime: int(ch.Int(r, f[2])),
			PartTime: int(ch.Int(r, f[3])), Collaborators: int(ch.Int(r, f[4])), Villages: int(ch.Int(r, f[5])),
			VillagesWithCollaborator: int(ch.Int(r, f[6])), Note: ch.Text(r, f[7])})
		names = append(names, ch.Text(r, f[1]))
		numbers = append(numbers, r.Number)
	}
	return items, names, numbers, ch.Err()
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
