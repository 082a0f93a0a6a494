package exports

import (
	"fmt"
)

// cellPadding is the space above and below the text of a table cell, in mm.
const cellPadding = 0.8

// defaultWidths are the relative widths of columns that set none: text
// wraps, so it gets the room; numbers up to a hundred billion đồng fit on
// one line.
var defaultWidths = map[Kind]float64{Text: 3, Count: 1.2, Money: 1.8, Decimal: 1.3, Percent: 1.3, Date: 1.5}

// tableRow is one row of formatted cells, laid out: each cell's lines at
// the size that keeps its words whole, and the row's height.
type tableRow struct {
	cells []string
	style string // "B" for the header and the totals
	lines [][]string
	sizes []float64
	h     float64
}

// table draws t with its unit line and header row; when a row does not fit
// on the page, the next page starts with the header row again. The last
// two rows keep after millimetres below them on their page (the signatures
// that follow the last table). It returns an error for a table without
// columns, or when a row's length or a cell's type does not fit the columns.
func (p *pdfWriter) table(t Table, after float64) error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("exports: a table needs columns")
	}
	widths := p.columnWidths(t.Columns)
	body, err := p.tableRows(t, widths)
	if err != nil {
		return err
	}
	header := p.layRow(headerOf(t.Columns), widths)
	unit := p.unit(t)
	first := 0.0
	if len(body) > 0 {
		first = body[0].h
	}
	p.keep(p.unitHeight(unit) + header.h + first)
	p.unitLine(unit)
	p.row(header, t.Columns, widths, true)
	for i, r := range body {
		if !p.fits(p.rowNeed(body, i, after, header.h)) {
			p.f.AddPage()
			p.row(header, t.Columns, widths, true)
		}
		p.row(r, t.Columns, widths, false)
	}
	p.f.Ln(2)
	return nil
}

// rowNeed is the room row i needs: its own height, or, for the last two
// rows, theirs and what must follow the table, when a page can hold it.
func (p *pdfWriter) rowNeed(body []tableRow, i int, after, header float64) float64 {
	if after <= 0 || i < len(body)-2 {
		return body[i].h
	}
	need := after + 2
	for _, r := range body[i:] {
		need += r.h
	}
	if need+header > p.bodyHeight() {
		return body[i].h
	}
	return need
}

// tableStart is the room a table needs on the page where it starts: the
// unit line, the header row and the first row.
func (p *pdfWriter) tableStart(t Table) float64 {
	if len(t.Columns) == 0 {
		return 0 // table refuses it
	}
	widths := p.columnWidths(t.Columns)
	first := lineHeight(sizeTable) + 2*cellPadding
	rows := t.Rows
	if len(rows) == 0 && t.Totals != nil {
		rows = [][]any{t.Totals}
	}
	if len(rows) > 0 {
		if cells, err := p.formatRow(t.Columns, rows[0]); err == nil {
			first = p.layRow(tableRow{cells: cells}, widths).h
		}
	}
	return p.unitHeight(p.unit(t)) + p.layRow(headerOf(t.Columns), widths).h + first
}

func headerOf(cols []Column) tableRow {
	r := tableRow{cells: make([]string, len(cols)), style: "B"}
	for i, c := range cols {
		r.cells[i] = c.Title
	}
	return r
}

// tableRows formats every row and the totals in the document's language
// and lays them out.
func (p *pdfWriter) tableRows(t Table, widths []float64) ([]tableRow, error) {
	rows := make([]tableRow, 0, len(t.Rows)+1)
	for i, r := range t.Rows {
		cells, err := p.formatRow(t.Columns, r)
		if err != nil {
			return nil, fmt.Errorf("%w in row %d", err, i+1)
		}
		rows = append(rows, p.layRow(tableRow{cells: cells}, widths))
	}
	if t.Totals != nil {
		cells, err := p.formatRow(t.Columns, t.Totals)
		if err != nil {
			return nil, fmt.Errorf("%w in the totals", err)
		}
		rows = append(rows, p.layRow(tableRow{cells: cells, style: "B"}, widths))
	}
	return rows, nil
}

func (p *pdfWriter) formatRow(cols []Column, values []any) ([]string, error) {
	if len(values) != len(cols) {
		return nil, fmt.Errorf("exports: %d cells for %d columns", len(values), len(cols))
	}
	cells := make([]string, len(cols))
	for i, c := range cols {
		s, err := p.lang.cell(c, values[i])
		if err != nil {
			return nil, err
		}
		cells[i] = s
	}
	return cells, nil
}

// layRow wraps each cell of r to its column, at the table's size or, for a
// cell whose longest word would not fit, at the size where it does.
func (p *pdfWriter) layRow(r tableRow, widths []float64) tableRow {
	r.lines, r.sizes = make([][]string, len(r.cells)), make([]float64, len(r.cells))
	h := 0.0
	for i, s := range r.cells {
		r.sizes[i] = p.cellSize(r.style, s, widths[i])
		p.setFont(r.style, r.sizes[i])
		r.lines[i] = p.wrap(s, widths[i])
		h = max(h, float64(len(r.lines[i]))*lineHeight(r.sizes[i]))
	}
	r.h = max(h, lineHeight(sizeTable)) + 2*cellPadding
	return r
}

// cellSize is the table's size, or a smaller one down to sizeTableMin at
// which the longest word of s fits in a column of width w.
func (p *pdfWriter) cellSize(style, s string, w float64) float64 {
	size := sizeTable
	p.setFont(style, size)
	room := w - 2*p.f.GetCellMargin()
	longest := 0.0
	for _, word := range fields(s) {
		longest = max(longest, p.f.GetStringWidth(word))
	}
	for longest > room && size > sizeTableMin {
		longest *= (size - 0.5) / size
		size -= 0.5
	}
	return size
}

// columnWidths shares the page width among the columns by their relative
// widths.
func (p *pdfWriter) columnWidths(cols []Column) []float64 {
	shares := make([]float64, len(cols))
	total := 0.0
	for i, c := range cols {
		shares[i] = c.Width
		if shares[i] <= 0 {
			shares[i] = defaultWidths[c.Kind]
		}
		total += shares[i]
	}
	for i := range shares {
		shares[i] *= p.width / total
	}
	return shares
}

// unit returns the text of the unit line of t, or "" for none.
func (p *pdfWriter) unit(t Table) string {
	if t.Unit != "" {
		return fmt.Sprintf(p.lab.unitLine, t.Unit)
	}
	for _, c := range t.Columns {
		if c.Kind == Money {
			return fmt.Sprintf(p.lab.unitLine, p.lab.moneyUnit)
		}
	}
	return ""
}

func (p *pdfWriter) unitHeight(unit string) float64 {
	if unit == "" {
		return 0
	}
	return lineHeight(sizeTable)
}

// unitLine draws the unit right-aligned above the table, as official
// financial tables have it.
func (p *pdfWriter) unitLine(unit string) {
	if unit == "" {
		return
	}
	p.setFont("I", sizeTable)
	p.f.SetY(p.lines(p.left, p.f.GetY(), p.width, lineHeight(sizeTable), p.wrap(unit, p.width), "R"))
}

// row draws one row of bordered cells of equal height: text to the left,
// numbers to the right, dates and header titles centred.
func (p *pdfWriter) row(r tableRow, cols []Column, widths []float64, header bool) {
	x, y := p.left, p.f.GetY()
	style := "D"
	if header {
		p.f.SetFillColor(230, 230, 230)
		style = "FD"
	}
	p.f.SetLineWidth(0.2)
	for i := range r.cells {
		p.f.Rect(x, y, widths[i], r.h, style)
		p.setFont(r.style, r.sizes[i])
		p.lines(x, y+cellPadding, widths[i], lineHeight(r.sizes[i]), r.lines[i], align(cols[i], header))
		x += widths[i]
	}
	p.f.SetXY(p.left, y+r.h)
}

func align(c Column, header bool) string {
	switch {
	case header, c.Kind == Date:
		return "C"
	case c.Align != "":
		return c.Align
	case numeric(c.Kind):
		return "R"
	}
	return "L"
}
