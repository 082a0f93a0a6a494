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

// tableRow is one row of formatted cells and the style to draw them in.
type tableRow struct {
	cells []string
	style string // "B" for the header and the totals
}

// table draws t with its unit line and header row; when a row does not fit
// on the page, the next page starts with the header row again. It returns an
// error for a table without columns, or when a row's length or a cell's
// type does not fit the columns.
func (p *pdfWriter) table(t Table) error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("exports: a table needs columns")
	}
	body, err := p.tableRows(t)
	if err != nil {
		return err
	}
	widths := p.columnWidths(t.Columns)
	header := headerOf(t.Columns)
	unit := p.unit(t)
	first := 0.0
	if len(body) > 0 {
		first = p.rowHeight(body[0], widths)
	}
	p.keep(p.unitHeight(unit) + p.rowHeight(header, widths) + first)
	p.unitLine(unit)
	p.headerRow(header, t.Columns, widths)
	for _, r := range body {
		if !p.fits(p.rowHeight(r, widths)) {
			p.f.AddPage()
			p.headerRow(header, t.Columns, widths)
		}
		p.row(r, t.Columns, widths, false)
	}
	p.f.Ln(2)
	return nil
}

// tableStart is the room a table needs on the page where it starts: the
// unit line, the header row and one line of the first row. It is an
// estimate made before the cells are formatted.
func (p *pdfWriter) tableStart(t Table) float64 {
	if len(t.Columns) == 0 {
		return 0 // table refuses it
	}
	widths := p.columnWidths(t.Columns)
	return p.unitHeight(p.unit(t)) + p.rowHeight(headerOf(t.Columns), widths) + lineHeight(sizeTable) + 2*cellPadding
}

func headerOf(cols []Column) tableRow {
	r := tableRow{cells: make([]string, len(cols)), style: "B"}
	for i, c := range cols {
		r.cells[i] = c.Title
	}
	return r
}

// tableRows formats every row and the totals in the document's language.
func (p *pdfWriter) tableRows(t Table) ([]tableRow, error) {
	rows := make([]tableRow, 0, len(t.Rows)+1)
	for i, r := range t.Rows {
		cells, err := p.formatRow(t.Columns, r)
		if err != nil {
			return nil, fmt.Errorf("%w in row %d", err, i+1)
		}
		rows = append(rows, tableRow{cells: cells})
	}
	if t.Totals != nil {
		cells, err := p.formatRow(t.Columns, t.Totals)
		if err != nil {
			return nil, fmt.Errorf("%w in the totals", err)
		}
		rows = append(rows, tableRow{cells: cells, style: "B"})
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

func (p *pdfWriter) headerRow(r tableRow, cols []Column, widths []float64) {
	p.f.SetFillColor(230, 230, 230)
	p.row(r, cols, widths, true)
}

// rowHeight is the height of r with every cell wrapped to its column.
func (p *pdfWriter) rowHeight(r tableRow, widths []float64) float64 {
	p.setFont(r.style, sizeTable)
	n := 1
	for i, s := range r.cells {
		n = max(n, len(p.wrap(s, widths[i])))
	}
	return float64(n)*lineHeight(sizeTable) + 2*cellPadding
}

// row draws one row of bordered cells of equal height: text to the left,
// numbers to the right, dates and header titles centred.
func (p *pdfWriter) row(r tableRow, cols []Column, widths []float64, header bool) {
	h := p.rowHeight(r, widths)
	x, y := p.left, p.f.GetY()
	style := "D"
	if header {
		style = "FD"
	}
	p.f.SetLineWidth(0.2)
	for i, s := range r.cells {
		p.f.Rect(x, y, widths[i], h, style)
		p.lines(x, y+cellPadding, widths[i], lineHeight(sizeTable), p.wrap(s, widths[i]), align(cols[i].Kind, header))
		x += widths[i]
	}
	p.f.SetXY(p.left, y+h)
}

func align(k Kind, header bool) string {
	switch {
	case header, k == Date:
		return "C"
	case numeric(k):
		return "R"
	}
	return "L"
}
