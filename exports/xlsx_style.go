package exports

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Excel's built-in number formats: the reader's locale decides the
// separators, so a Vietnamese Excel shows 1.234.567 and an English one
// 1,234,567 from the same file.
const (
	numFmtThousands = 3 // #,##0
	numFmtPercent   = 9 // 0%
)

// styles creates each cell style a workbook needs once and reuses it.
type styles struct {
	f      *excelize.File
	header int
	cache  map[styleKey]int
}

type styleKey struct {
	kind   Kind
	places int32
	bold   bool
}

func newStyles(f *excelize.File) (*styles, error) {
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E6E6E6"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
	})
	if err != nil {
		return nil, fmt.Errorf("exports: xlsx style: %w", err)
	}
	return &styles{f: f, header: header, cache: map[styleKey]int{}}, nil
}

// row turns one row of table cells into styled spreadsheet cells, bold for
// the totals. It returns an error when a cell does not fit its column.
func (s *styles) row(cols []Column, values []any, bold bool) ([]any, error) {
	if len(values) != len(cols) {
		return nil, fmt.Errorf("exports: %d cells for %d columns", len(values), len(cols))
	}
	cells := make([]any, len(cols))
	for i, c := range cols {
		v, err := xlsxValue(c, values[i])
		if err != nil {
			return nil, err
		}
		id, err := s.id(styleKey{kind: c.Kind, places: max(c.Places, 0), bold: bold})
		if err != nil {
			return nil, err
		}
		cells[i] = excelize.Cell{StyleID: id, Value: v}
	}
	return cells, nil
}

func (s *styles) id(k styleKey) (int, error) {
	if id, ok := s.cache[k]; ok {
		return id, nil
	}
	st := &excelize.Style{Font: &excelize.Font{Bold: k.bold}}
	switch k.kind {
	case Count, Money:
		st.NumFmt = numFmtThousands
	case Decimal:
		st.NumFmt = numFmtThousands
		if k.places > 0 {
			f := "#,##0." + strings.Repeat("0", int(k.places))
			st.CustomNumFmt = &f
		}
	case Percent:
		st.NumFmt = numFmtPercent
		if k.places > 0 {
			f := "0." + strings.Repeat("0", int(k.places)) + "%"
			st.CustomNumFmt = &f
		}
	case Date:
		f := "dd/mm/yyyy"
		st.CustomNumFmt = &f
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, fmt.Errorf("exports: xlsx style: %w", err)
	}
	s.cache[k] = id
	return id, nil
}
