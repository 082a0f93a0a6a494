package upload

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"baove"
	"baove/i18n"
)

// maxReported caps the field details of the error an API answers with: a
// file of 100,000 bad rows gets the first ones and a count of the rest.
const maxReported = 500

// Checker reads typed values out of upload rows and collects every problem,
// so that the uploader hears about every bad cell at once. Each reader
// returns the zero value for an empty or bad cell. The zero Checker is ready
// to use.
type Checker struct {
	problems []CellError
	columns  map[columnOf]int // where each field's column is in each upload, found once
}

// columnOf is a field of an upload.
type columnOf struct {
	upload     *File
	title, key string
}

// CellError says what is wrong with one cell of an upload.
type CellError struct {
	Row    int    // 1-based row number in the sheet
	Column string // the Field's Key
	// Key and Args are the message, a key of the catalogue.
	Key   string
	Args  i18n.Args
	Value string // the cell as read
}

// RowsError lists every bad cell of an upload in row order. It unwraps to a
// baove.Error with code EINVALID and one field per cell, named like
// "rows[12].amount", so that the API answers 422 naming each bad row.
type RowsError struct {
	Cells []CellError
}

// Text returns the text of r's cell under f, NFC-normalised and trimmed,
// with a free-text field's line breaks as "\n".
func (c *Checker) Text(r Row, f Field) string {
	v, _ := c.value(r, f)
	if f.FreeText {
		return strings.ReplaceAll(v.text, "\r\n", "\n")
	}
	return v.text
}

// Int returns r's cell under f as a whole number, e.g. a count of people:
// digits, optionally grouped with dots ("1.200"), below 10^15.
func (c *Checker) Int(r Row, f Field) int64 {
	return c.whole(r, f, "upload.cell.not_whole")
}

// Money returns r's cell under f as whole đồng. A numeric cell must hold a
// whole number; text must be digits, optionally grouped with dots the
// Vietnamese way ("1.500.000"). Commas, fractions, currency signs and
// amounts of 10^15 đồng or more are refused, so that no guess is made
// about what "1,500" or "1.500,50" meant.
func (c *Checker) Money(r Row, f Field) int64 {
	return c.whole(r, f, "upload.cell.not_amount")
}

// Decimal returns r's cell under f as a decimal. Text uses the Vietnamese
// comma as decimal mark ("12,5", "1.234,5"). For a Percent field, a
// numeric cell is the fraction Excel stores (0.875 for 87,5 %) and text is
// in percent, with or without the sign ("87,5 %" is 0.875).
func (c *Checker) Decimal(r Row, f Field) decimal.Decimal {
	v, ok := c.value(r, f)
	if !ok {
		return decimal.Zero
	}
	d, problem := parseDecimal(v, f.Kind == Percent)
	if problem == "" && !f.Negative && d.IsNegative() {
		problem = "upload.cell.negative"
	}
	if problem != "" {
		c.add(r, f, problem, v.text)
		return decimal.Zero
	}
	return d
}

// Date returns r's cell under f as a date: an Excel date, or text written
// 15/03/2026 or 2026-03-15.
func (c *Checker) Date(r Row, f Field) baove.Date {
	v, ok := c.value(r, f)
	if !ok {
		return baove.Date{}
	}
	d, problem := parseDate(v, r.upload.date1904)
	if problem != "" {
		c.add(r, f, problem, v.text)
	}
	return d
}

// AddKey records a problem with r's cell under f that the caller found,
// e.g. a commune code that names no commune: the catalogue's key with
// args.
func (c *Checker) AddKey(r Row, f Field, key string, args i18n.Args) {
	c.problems = append(c.problems, CellError{Row: r.Number, Column: f.Key, Key: key, Args: args, Value: c.cell(r, f).text})
}

// Err returns nil when every cell was good, else a *RowsError listing the
// problems in row order.
func (c *Checker) Err() error {
	if len(c.problems) == 0 {
		return nil
	}
	cells := slices.Clone(c.problems)
	slices.SortStableFunc(cells, func(a, b CellError) int { return cmp.Compare(a.Row, b.Row) })
	return &RowsError{Cells: cells}
}

func (c *Checker) whole(r Row, f Field, notNumber string) int64 {
	v, ok := c.value(r, f)
	if !ok {
		return 0
	}
	n, problem := parseWhole(v, notNumber)
	if problem == "" && !f.Negative && n < 0 {
		problem = "upload.cell.negative"
	}
	if problem != "" {
		c.add(r, f, problem, v.text)
		return 0
	}
	return n
}

// value returns r's cell under f and whether it holds anything; an empty
// required cell is a problem, and so is text that is not valid UTF-8 or
// holds a control character, which reads as empty.
func (c *Checker) value(r Row, f Field) (cell, bool) {
	v := c.cell(r, f)
	if key, args := textProblem(v.text, f.FreeText); key != "" {
		c.problems = append(c.problems, CellError{Row: r.Number, Column: f.Key, Key: key, Args: args, Value: strconv.Quote(v.text)})
		return cell{}, false
	}
	if v.text == "" && f.Required {
		c.add(r, f, "field.required", "")
	}
	return v, v.text != ""
}

// add records the problem key, without arguments, with r's cell under f.
func (c *Checker) add(r Row, f Field, key, value string) {
	c.problems = append(c.problems, CellError{Row: r.Number, Column: f.Key, Key: key, Value: value})
}

// cell returns r's cell in f's column, found by title or else by key.
// Folding a title costs more than reading a cell, so each field's column
// is looked up once per upload.
func (c *Checker) cell(r Row, f Field) cell {
	k := columnOf{r.upload, f.Title, f.Key}
	i, ok := c.columns[k]
	if !ok {
		i = r.upload.column(f)
		if c.columns == nil {
			c.columns = map[columnOf]int{}
		}
		c.columns[k] = i
	}
	if i < 0 || i >= len(r.cells) {
		return cell{}
	}
	return r.cells[i]
}

// Error implements error.
func (e *RowsError) Error() string {
	first := e.Cells[0]
	message := i18n.Text(i18n.EN, first.Key, first.Args)
	return fmt.Sprintf("upload: %d bad cells in the upload; row %d, column %s: %s",
		len(e.Cells), first.Row, first.Column, message)
}

// Unwrap returns the baove.Error an API answers with.
func (e *RowsError) Unwrap() error {
	rows := map[int]bool{}
	var fields []baove.FieldError
	for _, c := range e.Cells {
		rows[c.Row] = true
		if len(fields) < maxReported {
			fields = append(fields, baove.FieldError{Field: fmt.Sprintf("rows[%d].%s", c.Row, c.Column),
				Key: c.Key, Args: c.Args, Value: c.Value})
		}
	}
	if more := len(e.Cells) - len(fields); more > 0 {
		fields = append(fields, baove.FieldError{Field: "rows", Key: "upload.more_cells", Args: i18n.Args{"n": i18n.Count(more)}})
	}
	n := i18n.Args{"n": i18n.Count(len(rows))}
	return &baove.Error{Code: baove.EINVALID, Key: "upload.rows_invalid", Args: n, Fields: fields}
}
