package exports

import (
	"baove/upload"
	"io"
)

// instructionsSheet is the name of the template's second sheet.
const instructionsSheet = "Hướng dẫn"

// kindHelp tells a user how to fill a column of each kind, in Vietnamese
// with English alongside, matching what the Checker accepts.
var kindHelp = map[Kind]string{
	Text:    "Chữ (text)",
	Count:   "Số nguyên, ví dụ 1200 hoặc 1.200 (whole number)",
	Money:   "Số tiền bằng đồng, số nguyên: 1500000 hoặc 1.500.000; không ghi phần lẻ, dấu phẩy hay chữ \"đồng\" (whole đồng)",
	Decimal: "Số, dấu phẩy ngăn phần thập phân: 12,5 (number, comma as decimal mark)",
	Percent: "Tỷ lệ phần trăm: 87,5 % (percentage)",
	Date:    "Ngày: 15/03/2026 hoặc 2026-03-15, hoặc ô kiểu ngày của Excel (date)",
}

// WriteTemplate writes the XLSX template of an import: a sheet named name
// with the header row of the fields' titles and one example row, then a
// sheet "Hướng dẫn" (instructions) explaining each column. A file filled
// in from it reads back with ReadUpload and a Checker. It returns an error
// when name is not a valid sheet name or an example does not fit its kind.
func WriteTemplate(w io.Writer, name string, fields []upload.Field) error {
	data := Sheet{Name: name}
	example := make([]any, len(fields))
	for i, f := range fields {
		data.Columns = append(data.Columns, Column{Title: f.Title, Kind: f.Kind, Places: f.Places})
		example[i] = f.Example
	}
	data.Rows = [][]any{example}
	return WriteXLSX(w, Workbook{Sheets: []Sheet{data, instructions(fields,
		"Giữ nguyên dòng tiêu đề; xóa dòng ví dụ trước khi tải lên (keep the header row; delete the example row).")}})
}

// instructions lists each column with its key, whether it is required,
// what it holds and the caller's help, then notes and the rules of every
// upload.
func instructions(fields []upload.Field, notes ...string) Sheet {
	s := Sheet{Name: instructionsSheet, Table: Table{Columns: []Column{
		{Title: "Cột (column)"}, {Title: "Mã (key)"}, {Title: "Bắt buộc (required)"},
		{Title: "Kiểu dữ liệu (type)"}, {Title: "Ghi chú (notes)"},
	}}}
	for _, f := range fields {
		required := "Không (no)"
		if f.Required {
			required = "Có (yes)"
		}
		s.Rows = append(s.Rows, []any{f.Title, f.Key, required, kindHelp[f.Kind], f.Help})
	}
	for _, note := range append(notes,
		"Chỉ đọc trang tính đầu tiên; có thể tải lên tệp .xlsx hoặc CSV UTF-8 (only the first sheet is read; .xlsx or CSV UTF-8).",
	) {
		s.Rows = append(s.Rows, []any{"Lưu ý (note)", nil, nil, nil, note})
	}
	return s
}
