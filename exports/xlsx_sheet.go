package exports

import (
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"

	"baove"
	"baove/vn"
)

// sheetWriter writes the rows of one worksheet as XML into a spool while
// it measures the columns, so that the widths, which Excel wants before
// the rows, are known once the last row is written.
type sheetWriter struct {
	st      *styleSheet
	cols    []Column
	refs    [][]byte // column letters
	rows    *spool
	n       int // rows written
	longest []int
	sums    []int64 // each column's total since the block began
	from    int     // the first row of the current block of a Sum
}

// writeSheetPart writes s as a worksheet to w and returns the row of its
// column titles. selected marks the sheet shown when the file opens.
func writeSheetPart(w io.Writer, st *styleSheet, s Sheet, selected bool) (int, error) {
	sw := &sheetWriter{st: st, cols: s.Columns, rows: newSpool(), longest: make([]int, len(s.Columns)),
		sums: make([]int64, len(s.Columns))}
	defer sw.rows.close()
	for i := range s.Columns {
		sw.refs = append(sw.refs, []byte(columnName(i+1)))
		sw.longest[i] = utf8.RuneCountInString(vn.NFC(s.Columns[i].Title))
	}
	sw.heading(s.Heading)
	header := sw.n + 1
	sw.header()
	sw.from = sw.n + 1
	totals, err := s.each(func(r []any) error { return sw.row(r, false) })
	if err != nil {
		return 0, err
	}
	if totals != nil {
		if err := sw.row(totals, true); err != nil {
			return 0, err
		}
	}
	if err := sw.rows.err; err != nil {
		return 0, err
	}
	return header, sw.flush(w, header, selected)
}

// heading writes the lines above the header row, then an empty row.
func (sw *sheetWriter) heading(lines []string) {
	for i, l := range lines {
		style := sw.st.id(styleKey{role: roleNote})
		if i == 0 {
			style = sw.st.id(styleKey{role: roleTitle})
		}
		sw.n++
		b := sw.rowStart()
		b = sw.text(b, 0, vn.NFC(l), style, false)
		sw.rows.put(append(b, "</row>"...))
	}
	if len(lines) > 0 {
		sw.n++
	}
}

func (sw *sheetWriter) header() {
	sw.n++
	b := sw.rowStart()
	style := sw.st.id(styleKey{role: roleHeader})
	for i, c := range sw.cols {
		b = sw.text(b, i, vn.NFC(c.Title), style, false)
	}
	sw.rows.put(append(b, "</row>"...))
}

func (sw *sheetWriter) rowStart() []byte {
	b := append(sw.rows.buf(), `<row r="`...)
	b = strconv.AppendInt(b, int64(sw.n), 10)
	return append(b, `">`...)
}

// row writes one row of table cells, bold for the totals. It returns an
// error when a cell does not fit its column or a Sum is not its cells'.
func (sw *sheetWriter) row(values []any, bold bool) error {
	if len(values) != len(sw.cols) {
		return fmt.Errorf("exports: %d cells for %d columns in row %d", len(values), len(sw.cols), sw.n+1)
	}
	sw.n++
	b := sw.rowStart()
	summed := false
	for i, c := range sw.cols {
		var err error
		var isSum bool
		if b, isSum, err = sw.cell(b, i, c, values[i], bold); err != nil {
			return fmt.Errorf("%w in row %d", err, sw.n)
		}
		summed = summed || isSum
	}
	sw.rows.put(append(b, "</row>"...))
	if summed {
		clear(sw.sums)
		sw.from = sw.n + 1
	}
	return nil
}

// cell appends the XML of one cell and reports whether it was a Sum.
func (sw *sheetWriter) cell(b []byte, i int, c Column, v any, bold bool) ([]byte, bool, error) {
	switch x := v.(type) {
	case nil:
		return b, false, nil
	case Note:
		return sw.text(b, i, nfc(string(x)), sw.st.id(styleKey{role: roleBody, kind: Text, bold: bold}), true), false, nil
	case Sum:
		b, err := sw.sum(b, i, c, x, bold)
		return b, true, err
	}
	style := styleKey{role: roleBody, kind: c.Kind, places: max(c.Places, 0), bold: bold}
	switch c.Kind {
	case Text:
		if s, ok := v.(string); ok {
			return sw.text(b, i, nfc(s), sw.st.id(style), true), false, nil
		}
	case Count, Money:
		if n, ok := wholeNumber(v); ok {
			sw.sums[i] += n
			sw.longest[i] = max(sw.longest[i], groupedLen(n))
			return sw.number(b, i, strconv.AppendInt(nil, n, 10), sw.st.id(style)), false, nil
		}
	case Decimal, Percent:
		if d, ok := v.(decimal.Decimal); ok {
			sw.longest[i] = max(sw.longest[i], groupedLen(d.IntPart())+int(max(c.Places, 0))+3)
			return sw.number(b, i, []byte(d.String()), sw.st.id(style)), false, nil
		}
	case Date:
		if d, ok := v.(baove.Date); ok {
			if d.IsZero() {
				return b, false, nil
			}
			sw.longest[i] = max(sw.longest[i], 10)
			return sw.number(b, i, strconv.AppendInt(nil, excelSerial(d), 10), sw.st.id(style)), false, nil
		}
	}
	return b, false, fmt.Errorf("exports: column %q holds %s, not %T", c.Title, c.Kind, v)
}

// sum writes a SUM formula over the column's cells of the block, with its
// value, after checking that the value is their sum.
func (sw *sheetWriter) sum(b []byte, i int, c Column, s Sum, bold bool) ([]byte, error) {
	if c.Kind != Count && c.Kind != Money {
		return b, fmt.Errorf("exports: column %q holds %s, not a sum", c.Title, c.Kind)
	}
	if sw.sums[i] != s.Value {
		return b, fmt.Errorf("exports: the total of column %q is %d but its cells add up to %d", c.Title, s.Value, sw.sums[i])
	}
	sw.longest[i] = max(sw.longest[i], groupedLen(s.Value))
	b = sw.cellStart(b, i, sw.st.id(styleKey{role: roleBody, kind: c.Kind, bold: bold}), "")
	if sw.from < sw.n {
		b = append(b, "<f>SUM("...)
		b = sw.ref(b, i, sw.from)
		b = append(b, ':')
		b = sw.ref(b, i, sw.n-1)
		b = append(b, ")</f>"...)
	}
	b = append(b, "<v>"...)
	b = strconv.AppendInt(b, s.Value, 10)
	return append(b, "</v></c>"...), nil
}

func (sw *sheetWriter) ref(b []byte, col, row int) []byte {
	b = append(b, sw.refs[col]...)
	return strconv.AppendInt(b, int64(row), 10)
}

func (sw *sheetWriter) cellStart(b []byte, col, style int, typ string) []byte {
	b = append(b, `<c r="`...)
	b = sw.ref(b, col, sw.n)
	if style != 0 {
		b = append(b, `" s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
	}
	if typ != "" {
		b = append(b, `" t="`...)
		b = append(b, typ...)
	}
	return append(b, `">`...)
}

func (sw *sheetWriter) number(b []byte, col int, v []byte, style int) []byte {
	b = sw.cellStart(b, col, style, "")
	b = append(b, "<v>"...)
	b = append(b, v...)
	return append(b, "</v></c>"...)
}

// text writes an inline string, measured for the column's width when
// measure is set; text a spreadsheet would take for a formula gets the
// quote-prefixed variant of its style.
func (sw *sheetWriter) text(b []byte, col int, s string, style int, measure bool) []byte {
	if formulaLike(s) {
		style = sw.st.quoted(style)
	}
	if measure {
		sw.longest[col] = max(sw.longest[col], utf8.RuneCountInString(s))
	}
	b = sw.cellStart(b, col, style, "inlineStr")
	b = append(b, `<is><t xml:space="preserve">`...)
	b = appendEscaped(b, s)
	return append(b, "</t></is></c>"...)
}

// flush writes the worksheet: its view with the frozen header, the column
// widths, the spooled rows and the page set-up.
func (sw *sheetWriter) flush(w io.Writer, header int, selected bool) error {
	b := []byte(xmlDecl + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheetViews><sheetView workbookViewId="0"`)
	if selected {
		b = append(b, ` tabSelected="1"`...)
	}
	b = fmt.Appendf(b, `><pane ySplit="%d" topLeftCell="A%d" activePane="bottomLeft" state="frozen"/>`+
		`<selection pane="bottomLeft" activeCell="A%d" sqref="A%d"/></sheetView></sheetViews>`, header, header+1, header+1, header+1)
	if len(sw.cols) > 0 {
		b = append(b, "<cols>"...)
		for i, n := range sw.longest {
			width := min(max(n+2, minColumnWidth), maxColumnWidth)
			b = fmt.Appendf(b, `<col min="%d" max="%d" width="%d" customWidth="1"/>`, i+1, i+1, width)
		}
		b = append(b, "</cols>"...)
	}
	b = append(b, "<sheetData>"...)
	if _, err := w.Write(b); err != nil {
		return err
	}
	if err := sw.rows.writeTo(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, `</sheetData><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`+
		`<pageSetup paperSize="9" orientation="landscape"/></worksheet>`)
	return err
}

// nfc is s in Unicode normal form C, its spaces kept: a cell holds its text
// as given, a leading tab included (and quote-prefixed).
func nfc(s string) string { return norm.NFC.String(s) }

// columnName returns the letters of column n (1 is A, 27 is AA).
func columnName(n int) string {
	var s []byte
	for ; n > 0; n = (n - 1) / 26 {
		s = append([]byte{byte('A' + (n-1)%26)}, s...)
	}
	return string(s)
}

// excelSerial is the day d as Excel counts days (1900 system): 1 January
// 1970 is day 25569.
func excelSerial(d baove.Date) int64 {
	return d.Time().Unix()/86400 + 25569
}

// groupedLen is the length of n written with grouped thousands.
func groupedLen(n int64) int {
	digits := len(strconv.FormatInt(max(n, -n), 10))
	l := digits + (digits-1)/3
	if n < 0 {
		l++
	}
	return l
}

// appendEscaped appends s as XML character data: markup characters as
// references, a carriage return as a reference (a parser would drop it),
// characters XML cannot carry (other controls, invalid UTF-8) as U+FFFD.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && c != '"' {
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == '\r':
			b = append(b, "&#13;"...)
		case r == '\t' || r == '\n':
			b = append(b, c)
		case r < 0x20 || r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF:
			b = append(b, "\uFFFD"...)
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// escapeXML escapes s for an attribute or element of a small part.
func escapeXML(s string) string {
	return string(appendEscaped(nil, vn.NFC(s)))
}
