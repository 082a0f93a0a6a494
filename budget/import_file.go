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

// ImportFile records the payments of an uploaded XLSX or CSV file for
// province p, all or nothing (see ImportDisbursements): a file with any bad
// row answers EINVALID naming every bad row and records nothing, and the
// same file uploaded again records nothing new (replayed). Only the
// province's finance officer may; a file over upload.MaxSize is ETOOLARGE.
func (s *Store) ImportFile(ctx context.Context, c access.Caller, p units.ProvinceCode, file []byte) (ImportResult, bool, error) {
	if err := c.CanAct(p, access.Finance); err != nil {
		return ImportResult{}, false, err
	}
	u, err := upload.Read(bytes.NewReader(file), upload.MaxSize)
	if err != nil {
		return ImportResult{}, false, err
	}
	rows, err := parseRows(u)
	if err != nil {
		return ImportResult{}, false, err
	}
	sum := sha256.Sum256(file)
	return s.ImportDisbursements(ctx, c, Import{Province: p, Rows: rows, Key: hex.EncodeToString(sum[:])})
}

func parseRows(u *upload.File) ([]ImportRow, error) {
	if err := u.CheckColumns(ImportFields); err != nil {
		return nil, err
	}
	if len(u.Rows) == 0 {
		return nil, baove.Invalid("rows", "the file has no rows under its header", nil)
	}
	var ch upload.Checker
	f := ImportFields
	rows := make([]ImportRow, 0, len(u.Rows))
	for _, r := range u.Rows {
		rows = append(rows, ImportRow{Row: r.Number, NewDisbursement: NewDisbursement{Line: LineID(ch.Int(r, f[0])),
			Amount: VND(ch.Money(r, f[1])), PaidOn: ch.Date(r, f[2]), VoucherNo: ch.Text(r, f[3]), Description: ch.Text(r, f[4])}})
	}
	return rows, ch.Err()
}
