package exports

import (
	"fmt"
	"io"
	"slices"

	"baove/budget"
	"baove/indicators"
	"baove/units"
	"baove/upload"
)

// Import templates prefilled with a province's data: the columns the
// import reads come first, as in the empty template, and reference
// columns after them, marked as not read, say what each row is. A file
// filled in from one imports back as it is.

// referenceMark ends the title of a column the import does not read.
const referenceMark = " (tham khảo, không nhập)"

// prefilled is an import template with rows: one cell per field, then one
// per reference column.
type prefilled struct {
	name      string
	fields    []upload.Field
	reference []Column
	rows      [][]any
	notes     []string
}

// write writes t as a workbook: the data sheet, then the instructions,
// which name the reference columns as not read.
func (t prefilled) write(w io.Writer) error {
	data := Sheet{Name: t.name}
	for _, f := range t.fields {
		data.Columns = append(data.Columns, Column{Title: f.Title, Kind: f.Kind, Places: f.Places})
	}
	help := instructions(t.fields, t.notes...)
	for i, c := range t.reference {
		c.Title += referenceMark
		data.Columns = append(data.Columns, c)
		help.Rows = slices.Insert(help.Rows, len(t.fields)+i, []any{c.Title, nil, "Không (no)", kindHelp[c.Kind],
			"Để tham khảo; khi tải lên, cột này không được đọc (for reference: not read on upload)"})
	}
	data.Rows = t.rows
	return WriteXLSX(w, Workbook{Sheets: []Sheet{data, help}})
}

// DisbursementTemplate is a province's disbursement import template for a
// year, prefilled with the lines of its plan in force.
type DisbursementTemplate struct {
	Province units.Province
	Year     int
	Lines    []budget.PlanLine
}

// WriteDisbursementTemplate writes t: a row for each line, with its id and
// the payment's columns empty, then its activity, task area, funding
// source, amount and what it has left for reference; and the
// instructions. A row left without a payment is skipped on upload, so the
// file is uploaded as it is once the payments are filled in. It returns
// the writer's error.
func WriteDisbursementTemplate(w io.Writer, t DisbursementTemplate) error {
	p := prefilled{name: "Giải ngân", fields: budget.ImportFields, reference: []Column{
		{Title: "Hoạt động", Kind: Text}, {Title: "Nhiệm vụ", Kind: Text}, {Title: "Nguồn kinh phí", Kind: Text},
		{Title: "Dự toán của dòng (đồng)", Kind: Money}, {Title: "Còn lại (đồng)", Kind: Money},
	}}
	for _, l := range t.Lines {
		p.rows = append(p.rows, []any{int64(l.ID), nil, nil, nil, nil, l.Activity, l.TaskArea,
			Vietnamese.name(string(l.FundingSource)), int64(l.Amount), int64(l.Remaining())})
	}
	p.notes = []string{
		fmt.Sprintf("Mỗi dòng là một dòng ngân sách của kế hoạch đang có hiệu lực năm %d của %s: "+
			"ghi số tiền, ngày chi và số chứng từ vào dòng cần chi (each row is a budget line of the plan in force: "+
			"fill in the amount, date and voucher of the lines you pay).", t.Year, t.Province.Name),
		"Dòng không ghi số tiền, ngày chi, số chứng từ và nội dung được bỏ qua khi tải lên " +
			"(rows left without a payment are skipped).",
		"Chi nhiều lần từ một dòng: sao chép dòng đó, giữ mã dòng (to pay a line more than once, copy its row with its id).",
		"Cột \"Còn lại\" tính đến lúc tải mẫu về (\"left\" is as of the download).",
	}
	if len(t.Lines) == 0 {
		p.notes = append(p.notes, fmt.Sprintf("%s chưa có kế hoạch năm %d được phê duyệt: chưa có dòng nào để chi "+
			"(no plan for the year is approved yet: no line takes payments).", t.Province.Name, t.Year))
	}
	return p.write(w)
}

// StaffingTemplate is a province's staffing import template for a year,
// prefilled with its communes in force and the figures they start from.
type StaffingTemplate struct {
	Year     int
	Communes []indicators.PrefilledCommune
}

// kindNames are the communes' kinds as the template writes them.
var kindNames = map[units.Kind]string{units.Xa: "Xã", units.Phuong: "Phường", units.DacKhu: "Đặc khu"}

// WriteStaffingTemplate writes t: a row for each commune, with its code and
// name, its figures (the year's record, else last year's, else empty),
// then its kind and the year the figures come from for reference; and the
// instructions. A commune left without figures is skipped on upload. It
// returns the writer's error.
func WriteStaffingTemplate(w io.Writer, t StaffingTemplate) error {
	p := prefilled{name: "Nhân lực xã", fields: indicators.StaffingFields, reference: []Column{
		{Title: "Loại", Kind: Text}, {Title: "Số liệu điền sẵn của năm", Kind: Count},
	}}
	for _, c := range t.Communes {
		row := []any{string(c.Commune.Code), c.Commune.Name, nil, nil, nil, nil, nil, nil, kindNames[c.Commune.Kind], nil}
		if s := c.Staffing; s != nil {
			copy(row[2:], []any{int64(s.FullTime), int64(s.PartTime), int64(s.Collaborators), int64(s.Villages),
				int64(s.VillagesWithCollaborator), s.Note, kindNames[c.Commune.Kind], int64(c.From)})
		}
		p.rows = append(p.rows, row)
	}
	p.notes = []string{
		fmt.Sprintf("Mỗi dòng là một xã, phường, đặc khu có hiệu lực trong năm %d, điền sẵn số liệu đã ghi của năm %d, "+
			"nếu chưa có thì của năm %d: sửa số liệu đã thay đổi rồi tải lên (each row is a commune in force, "+
			"prefilled with the year's figures, else last year's: change what changed, then upload).",
			t.Year, t.Year, t.Year-1),
		"Xã để trống mọi số liệu được bỏ qua khi tải lên (communes left without figures are skipped).",
	}
	return p.write(w)
}
