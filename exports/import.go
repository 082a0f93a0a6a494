package exports

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"baove"
	"baove/access"
	"baove/budget"
	"baove/indicators"
	"baove/units"
)

// MaxUpload caps an imported file: a month of a province's payments or its
// communes' staffing is far smaller.
const MaxUpload = 10 << 20

// DisbursementFields are the columns of a disbursement import; the template
// is written from them.
var DisbursementFields = []Field{
	{Key: "budget_line_id", Title: "Mã dòng ngân sách", Kind: Count, Required: true, Example: int64(51),
		Help: "Mã (id) của dòng ngân sách, như trong sheet \"Dòng ngân sách\" của báo cáo Excel / the budget line's id, as in the report's budget lines sheet"},
	{Key: "amount", Title: "Số tiền (đồng)", Kind: Money, Required: true, Example: int64(25_000_000),
		Help: "Số tiền chi, đồng chẵn / amount paid, whole đồng"},
	{Key: "paid_on", Title: "Ngày chi", Kind: Date, Required: true, Example: baove.NewDate(2026, 4, 2),
		Help: "Trong năm kế hoạch hoặc đến 31/01 năm sau / in the plan's year or up to 31 January next year"},
	{Key: "voucher_no", Title: "Số chứng từ", Kind: Text, Required: true, Example: "PC-2026-0042",
		Help: "Không trùng trong năm / unique within the year"},
	{Key: "description", Title: "Nội dung", Kind: Text, Example: "Chi tập huấn kỹ năng phòng, chống xâm hại",
		Help: "Không bắt buộc / optional"},
}

// ImportDisbursements records the payments of an uploaded XLSX or CSV file
// for province p, all or nothing (see budget.Store.ImportDisbursements): a
// file with any bad row answers EINVALID naming every bad row and records
// nothing, and the same file uploaded again records nothing new (replayed).
// Only the province's finance officer may; a file over MaxUpload is
// ETOOLARGE.
func ImportDisbursements(ctx context.Context, b *budget.Store, c access.Caller, p units.ProvinceCode, file []byte) (budget.ImportResult, bool, error) {
	if err := c.CanAct(p, access.Finance); err != nil {
		return budget.ImportResult{}, false, err
	}
	u, err := ReadUpload(bytes.NewReader(file), MaxUpload)
	if err != nil {
		return budget.ImportResult{}, false, err
	}
	rows, err := parseDisbursements(u)
	if err != nil {
		return budget.ImportResult{}, false, err
	}
	sum := sha256.Sum256(file)
	return b.ImportDisbursements(ctx, c, p, rows, hex.EncodeToString(sum[:]))
}

func parseDisbursements(u *Upload) ([]budget.ImportRow, error) {
	if err := u.CheckColumns(DisbursementFields); err != nil {
		return nil, err
	}
	if len(u.Rows) == 0 {
		return nil, baove.Invalid("rows", "the file has no rows under its header", nil)
	}
	var ch Checker
	f := DisbursementFields
	rows := make([]budget.ImportRow, 0, len(u.Rows))
	for _, r := range u.Rows {
		rows = append(rows, budget.ImportRow{Row: r.Number, Line: budget.LineID(ch.Int(r, f[0])),
			NewDisbursement: budget.NewDisbursement{Amount: budget.VND(ch.Money(r, f[1])), PaidOn: ch.Date(r, f[2]),
				VoucherNo: ch.Text(r, f[3]), Description: ch.Text(r, f[4])}})
	}
	return rows, ch.Err()
}

// StaffingFields are the columns of a staffing import.
var StaffingFields = []Field{
	{Key: "commune_code", Title: "Mã xã", Kind: Text, Required: true, Example: "03151", Help: "Mã xã, phường, đặc khu (5 chữ số) / commune code (5 digits)"},
	{Key: "commune_name", Title: "Tên xã", Kind: Text, Example: "Xã Mường Phăng", Help: "Để đối chiếu, không bắt buộc / for reference, optional"},
	{Key: "full_time", Title: "Chuyên trách", Kind: Count, Required: true, Example: int64(1), Help: "Số người chuyên trách / full-time workers"},
	{Key: "part_time", Title: "Kiêm nhiệm", Kind: Count, Required: true, Example: int64(0), Help: "Số người kiêm nhiệm / part-time workers"},
	{Key: "collaborators", Title: "Cộng tác viên", Kind: Count, Required: true, Example: int64(12), Help: "Cộng tác viên thôn, tổ dân phố / village collaborators"},
	{Key: "villages", Title: "Số thôn, tổ dân phố", Kind: Count, Required: true, Example: int64(15), Help: "/ villages and residential groups"},
	{Key: "villages_with_collaborator", Title: "Thôn có cộng tác viên", Kind: Count, Required: true, Example: int64(12), Help: "Không quá số thôn / at most the villages"},
	{Key: "note", Title: "Ghi chú", Kind: Text, Help: "Không bắt buộc / optional"},
}

// ImportStaffing records the staffing of a province's communes for year
// from an uploaded file, all or nothing (see indicators.Store.
// PutProvinceStaffing), naming every bad row. Uploading the same file again
// changes nothing. Only the province's planner may.
func ImportStaffing(ctx context.Context, s *indicators.Store, c access.Caller, p units.ProvinceCode, year int, file []byte) (int, error) {
	if err := c.CanAct(p, access.Planner); err != nil {
		return 0, err
	}
	u, err := ReadUpload(bytes.NewReader(file), MaxUpload)
	if err != nil {
		return 0, err
	}
	items, numbers, err := parseStaffing(u)
	if err != nil {
		return 0, err
	}
	n, err := s.PutProvinceStaffing(ctx, c, p, year, items)
	return n, itemsToRows(err, numbers)
}

func parseStaffing(u *Upload) ([]indicators.Staffing, []int, error) {
	if err := u.CheckColumns(StaffingFields); err != nil {
		return nil, nil, err
	}
	var ch Checker
	f := StaffingFields
	items := make([]indicators.Staffing, 0, len(u.Rows))
	numbers := make([]int, 0, len(u.Rows))
	for _, r := range u.Rows {
		items = append(items, indicators.Staffing{Commune: units.CommuneCode(ch.Text(r, f[0])), FullTime: int(ch.Int(r, f[2])),
			PartTime: int(ch.Int(r, f[3])), Collaborators: int(ch.Int(r, f[4])), Villages: int(ch.Int(r, f[5])),
			VillagesWithCollaborator: int(ch.Int(r, f[6])), Note: ch.Text(r, f[7])})
		numbers = append(numbers, r.Number)
	}
	return items, numbers, ch.Err()
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
