package budget

import (
	"baove"
	"baove/access"
	"baove/units"
	"baove/upload"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
)

// ImportFields are the columns of a disbursement import; the template is
// written from them.
var ImportFields = []upload.Field{
	{Key: "budget_line_id", Title: "Mã dòng ngân sách", Kind: upload.Count, Required: true, Example: int64(51),
		Help: "Mã (id) của dòng ngân sách, như trong sheet \"Dòng ngân sách\" của báo cáo Excel / the budget line's id, as in the report's budget lines sheet"},
	{Key: "amount", Title: "Số tiền (đồng)", Kind: upload.Money, Required: true, Example: int64(25_000_000),
		Help: "Số tiền chi, đồng chẵn / amount paid, whole đồng"},
	{Key: "paid_on", Title: "Ngày chi", Kind: upload.Date, Required: true, Example: baove.NewDate(2026, 4, 2),
		Help: "Trong năm kế hoạch hoặc đến 31/01 năm sau / in the plan's year or up to 31 January next year"},
	{Key: "voucher_no", Title: "Số chứng từ", Kind: upload.Text, Required: true, Example: "PC-2026-0042",
		Help: "Không trùng trong năm / unique within the year"},
	{Key: "description", Title: "Nội dung", Kind: upload.Text, FreeText: true, Example: "Chi tập huấn kỹ năng phòng, chống xâm hại",
		Help: "Không bắt buộc / optional"},
}

// PaymentsFile is an uploaded XLSX or CSV file of payments for a province.
type PaymentsFile struct {
	Province units.ProvinceCode
	File     []byte
	// DryRun checks the file as the import would and records nothing.
	DryRun bool
}

// ImportFile records the payments of an uploaded XLSX or CSV file for
// province f.Province, all or nothing (see ImportDisbursements): a file with
// any bad row answers EINVALID naming every bad row and records nothing,
// and the same file uploaded again records nothing new (replayed). A row
// holding only a line's id (and the reference columns, which are not
// read), as the prefilled template leaves a line not paid, is skipped and
// counted. A dry run answers the same and records nothing. Only the
// province's finance officer may; a file over upload.MaxSize is ETOOLARGE.
func (s *Store) ImportFile(ctx context.Context, c access.Caller, f PaymentsFile) (ImportResult, bool, error) {
	if err := c.CanAct(f.Province, access.Finance); err != nil {
		return ImportResult{}, false, err
	}
	u, err := upload.Read(bytes.NewReader(f.File), upload.MaxSize)
	if err != nil {
		return ImportResult{}, false, err
	}
	rows, skipped, err := parseRows(u)
	if err != nil {
		return ImportResult{}, false, err
	}
	sum := sha256.Sum256(f.File)
	return s.ImportDisbursements(ctx, c, Import{Province: f.Province, Rows: rows, Key: hex.EncodeToString(sum[:]),
		Skipped: skipped, DryRun: f.DryRun})
}

// parseRows returns the payments of u's rows and how many rows hold none.
func parseRows(u *upload.File) ([]ImportRow, int, error) {
	if err := u.CheckColumns(ImportFields); err != nil {
		return nil, 0, err
	}
	var ch upload.Checker
	f := ImportFields
	rows, skipped := make([]ImportRow, 0, len(u.Rows)), 0
	for _, r := range u.Rows {
		if !holdsPayment(r) {
			skipped++
			continue
		}
		rows = append(rows, ImportRow{Row: r.Number, NewDisbursement: NewDisbursement{Line: LineID(ch.Int(r, f[0])),
			Amount: VND(ch.Money(r, f[1])), PaidOn: ch.Date(r, f[2]), VoucherNo: ch.Text(r, f[3]), Description: ch.Text(r, f[4])}})
	}
	if len(rows) == 0 {
		return nil, skipped, baove.InvalidKey("rows", "ledger.file_empty", nil, nil)
	}
	return rows, skipped, ch.Err()
}

// holdsPayment reports whether r has anything in a column of the payment
// besides the line's id.
func holdsPayment(r upload.Row) bool {
	for _, f := range ImportFields[1:] {
		if r.Value(f.Title) != "" || r.Value(f.Key) != "" {
			return true
		}
	}
	return false
}
