package upload

import (
	"baove"
	"baove/i18n"
	"baove/vn"
)

// Field is one column of an import: its title in the file, the key that
// names it in problems, how its cells are read, and what the import
// template says about it.
type Field struct {
	// Key names the column in problems: "rows[12].amount". A file's header
	// may use the key instead of the title.
	Key string
	// Title heads the column in the template, e.g. "Số tiền (đồng)"; a
	// file's header matches it without regard to case or diacritics.
	Title  string
	Kind   Kind
	Places int32 // decimals the template shows for Decimal and Percent
	// Required makes an empty cell a problem.
	Required bool
	// Negative allows Count, Money, Decimal and Percent values below zero.
	Negative bool
	// FreeText lets a Text cell hold tabs and line breaks, as a
	// description or a note may; other cells holding them are refused,
	// as is any other control character anywhere.
	FreeText bool
	// Help and Example explain the column in the template: Example is typed
	// as a table cell of the Kind.
	Help    string
	Example any
}

// CheckColumns returns an EINVALID error naming each required field whose
// column the header lacks, or nil when all are there.
func (u *File) CheckColumns(fields []Field) error {
	var p baove.Problems
	for _, f := range fields {
		if f.Required && u.column(f) < 0 {
			p.AddKey("columns."+f.Key, "upload.column_missing", i18n.Args{"title": f.Title}, nil)
		}
	}
	return p.Err()
}

// column returns the index of f's column, found by title or else by key,
// or -1.
func (u *File) column(f Field) int {
	for _, name := range []string{f.Title, f.Key} {
		if i, ok := u.columns[vn.Fold(name)]; ok && name != "" {
			return i
		}
	}
	return -1
}
