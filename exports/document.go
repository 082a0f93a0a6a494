// Package exports renders report models into files people read and reads the
// files people upload. It knows nothing of plans or budgets: other packages
// build a Document, a Workbook or a list of Fields from the domain and hand it
// here.
//
//   - WritePDF lays a Document out as a Vietnamese official document
//     (Decree 30/2020/NĐ-CP): issuing body and national motto, place and
//     date, title, body blocks, signature blocks, "Trang x/y" on every page.
//   - WriteXLSX writes a Workbook of typed sheets; WriteTemplate writes an
//     import template from a list of Fields.
//   - ReadUpload reads an uploaded XLSX or CSV file into rows keyed by its
//     header; a Checker turns cells into typed values and lists every bad
//     cell at once.
//
// Money is int64 whole đồng throughout, never floating point; rates and
// shares are decimal.Decimal. Every string is NFC-normalised before it is
// measured or drawn. The package never imports bun, Huma or net/http.
package exports

import (
	"time"

	"baove/upload"

	"github.com/shopspring/decimal"

	"baove"
)

// Lang is the language of a report's fixed labels and number format.
type Lang string

// Report languages. The zero Lang is Vietnamese.
const (
	Vietnamese Lang = "vi"
	English    Lang = "en"
)

// Document is an official document (Decree 30/2020/NĐ-CP, Appendix I):
// the header, the type and subject, body blocks in order, the signer
// beside the recipients, then annexes. Text is given as it should read;
// the renderer normalises it to NFC and upper-cases the issuer, the type
// and the signer's title.
type Document struct {
	Lang Lang
	// Superior names a body above the issuer, in regular capitals, e.g.
	// "BỘ Y TẾ" over its department; Issuer names the issuing body, one
	// line each, in bold capitals, e.g. "ỦY BAN NHÂN DÂN", "TỈNH ĐIỆN
	// BIÊN", with a short rule under the last line.
	Superior, Issuer []string
	// Number is the number and symbol under the issuer, e.g. "Số: 12/BC-UBND"
	// or, before the document is registered, "Số:      /BC-UBND"; empty
	// prints none.
	Number string
	// Place and Date make the place-and-date line ("Điện Biên, ngày 05
	// tháng 01 năm 2027"). Date is required.
	Place string
	Date  baove.Date
	// Kind is the document's type, e.g. "Báo cáo", printed in bold capitals
	// on its own line; Title, required, is its subject under it, with
	// Subtitle as an optional second line. Without a Kind the title is
	// printed in capitals.
	Kind, Title, Subtitle string
	// Landscape turns the pages for wide tables; the default is A4 portrait.
	Landscape bool
	Blocks    []Block
	// Signer signs the document, on the right under its body, beside the
	// Recipients ("Nơi nhận") on the left.
	Signer     *Signer
	Recipients []string
	// Signatures are signature blocks of a statistical form at the end of
	// the body, e.g. "NGƯỜI LẬP BIỂU".
	Signatures []Signature
	// Annexes follow the body, each from a new page.
	Annexes []Annex
	// Generated is when the document was made: the file's creation time
	// and, with its content's hash, its stamp (see Stamp). Zero dates the
	// file by Date, so that the same Document always gives the same bytes.
	Generated time.Time
}

// Signer is who signs a document: the authority lines, e.g. "TM. ỦY BAN
// NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", and the name under the room
// for the signature and the seal.
type Signer struct {
	Lines []string
	Name  string
}

// Annex is an appendix to a document (phụ lục): its label ("Phụ lục"),
// title, what it is attached to, its blocks (the statistical tables) and
// the signatures of the form that closes it.
type Annex struct {
	Label, Title, Subtitle string
	Blocks                 []Block
	Signatures             []Signature
}

// Block is one piece of a document's body: a Heading, Paragraph,
// KeyValues, Table or BarChart.
type Block interface{ isBlock() }

// Heading is a bold line that opens a section, e.g. "I. TÌNH HÌNH THỰC HIỆN".
type Heading struct{ Text string }

// Paragraph is running text, justified and wrapped to the page.
type Paragraph struct{ Text string }

// KeyValues is a list of labelled values, e.g. "Kỳ báo cáo: Năm 2026".
type KeyValues []KeyValue

// KeyValue is one labelled value of a KeyValues block.
type KeyValue struct{ Key, Value string }

// Kind is the type of a column's values (see upload.Kind): how they are
// formatted, aligned, stored in a spreadsheet and parsed from an upload.
type Kind = upload.Kind

// Column kinds (see upload.Kind for the Go type of each).
const (
	Text    = upload.Text
	Count   = upload.Count
	Money   = upload.Money
	Decimal = upload.Decimal
	Percent = upload.Percent
	Date    = upload.Date
)

// Column describes one column of a Table or Sheet.
type Column struct {
	Title string
	Kind  Kind
	// Places is the number of decimals shown for Decimal and Percent.
	Places int32
	// Width is the column's share of the table width in a PDF, relative to
	// the other columns; 0 picks a width by kind.
	Width float64
	// Align is "R" for text that reads as a number (a figure written with
	// its unit), right-aligned in a PDF; empty aligns by kind.
	Align string
}

// Table is a table with typed columns. Each row has one cell per column
// whose Go type matches the column's Kind (see Kind); a renderer returns an
// error otherwise. In a PDF the header row repeats on every page.
type Table struct {
	Columns []Column
	Rows    [][]any
	// Totals, when not nil, is a last row set in bold, e.g. "Tổng cộng" and
	// the sums. It follows the same typing as Rows.
	Totals []any
	// Unit is the text of the unit line above the table in a PDF, e.g.
	// "người". Empty means "đồng" ("VND") when the table has a Money column
	// and no unit line otherwise. Money cells are always whole đồng.
	Unit string
}

// BarChart draws one horizontal bar per label, scaled to Max, with an
// optional dashed target line: e.g. the share of communes with a
// child-protection worker in each of the 34 provinces against 100 %. Rows
// that do not fit continue on the next page.
type BarChart struct {
	Bars []Bar
	// Kind and Places format the values as in a table column: Percent values
	// are fractions (1 is 100 %). Text and Date are not allowed.
	Kind   Kind
	Places int32
	// Max is the value of a full-length bar; zero means the largest of the
	// values and the target.
	Max decimal.Decimal
	// Target, when valid, is drawn as a dashed vertical line.
	Target decimal.NullDecimal
}

// Bar is one labelled value of a BarChart. A bar without a value says
// Missing instead (e.g. "chưa báo cáo") and draws nothing: missing is not
// zero.
type Bar struct {
	Label   string
	Value   decimal.Decimal
	Missing string
}

// Note stands in a table cell of any kind for a value that is not there,
// e.g. "chưa báo cáo" where a percentage would be: missing is not zero.
type Note string

// Sum stands in a cell of a Count or Money column for the sum of the
// column's cells above it, back to the row after the previous row holding
// a Sum (or to the first row): a totals row. A workbook writes it as a SUM
// formula with Value stored as its result, and refuses a Value that is not
// the sum of those cells; a PDF prints Value.
type Sum struct{ Value int64 }

// Signature is one signature block at the end of a document, e.g.
// "NGƯỜI LẬP BIỂU" with "(Ký, ghi rõ họ tên)" under it and room to sign.
type Signature struct {
	Title string
	// Name, when set, is printed under the space for the signature.
	Name string
}

func (Heading) isBlock()   {}
func (Paragraph) isBlock() {}
func (KeyValues) isBlock() {}
func (Table) isBlock()     {}
func (BarChart) isBlock()  {}
