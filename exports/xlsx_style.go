package exports

import (
	"fmt"
	"strings"
)

// Excel's built-in number formats: the reader's locale decides the
// separators, so a Vietnamese Excel shows 1.234.567 and an English one
// 1,234,567 from the same file.
const (
	numFmtThousands = 3 // #,##0
	numFmtPercent   = 9 // 0%
	firstCustomFmt  = 164
)

// role is what a cell is in a sheet: its font, fill and alignment.
type role int

const (
	roleBody   role = iota
	roleHeader      // a column title: bold on grey, centred, wrapped
	roleTitle       // the sheet's title: bold, larger
	roleNote        // a heading line under the title: italic
)

// styleKey is one cell style: the role, how numbers show, bold for totals,
// and the quote prefix that keeps formula-like text text.
type styleKey struct {
	role   role
	kind   Kind
	places int32
	bold   bool
	quote  bool
}

// styleSheet numbers the styles a workbook uses as its sheets use them,
// and writes them all once the sheets are written.
type styleSheet struct {
	ids     map[styleKey]int
	keys    []styleKey
	formats []string // custom number formats, from id 164
}

func newStyleSheet() *styleSheet {
	s := &styleSheet{ids: map[styleKey]int{}}
	s.id(styleKey{}) // style 0: plain text, what an unstyled cell is
	return s
}

// id returns the number of style k, adding it on first use.
func (s *styleSheet) id(k styleKey) int {
	if id, ok := s.ids[k]; ok {
		return id
	}
	s.ids[k] = len(s.keys)
	s.keys = append(s.keys, k)
	return len(s.keys) - 1
}

// quoted returns the quote-prefixed variant of style id.
func (s *styleSheet) quoted(id int) int {
	k := s.keys[id]
	k.quote = true
	return s.id(k)
}

// numFmt returns the number format id of k.
func (s *styleSheet) numFmt(k styleKey) int {
	if k.role != roleBody {
		return 0
	}
	custom := ""
	switch k.kind {
	case Count, Money:
		return numFmtThousands
	case Decimal:
		if k.places == 0 {
			return numFmtThousands
		}
		custom = "#,##0." + strings.Repeat("0", int(k.places))
	case Percent:
		if k.places == 0 {
			return numFmtPercent
		}
		custom = "0." + strings.Repeat("0", int(k.places)) + "%"
	case Date:
		custom = "dd/mm/yyyy"
	default:
		return 0
	}
	for i, f := range s.formats {
		if f == custom {
			return firstCustomFmt + i
		}
	}
	s.formats = append(s.formats, custom)
	return firstCustomFmt + len(s.formats) - 1
}

// Fonts, fills and borders by index in styles.xml.
const (
	fontsXML = `<fonts count="4">` +
		`<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><i/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><b/><sz val="13"/><name val="Calibri"/><family val="2"/></font></fonts>`
	fillsXML = `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
		`<fill><patternFill patternType="solid"><fgColor rgb="FFE6E6E6"/><bgColor indexed="64"/></patternFill></fill></fills>`
	bordersXML = `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
		`<border><left/><right/><top/><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border></borders>`
)

// xf writes style k as a cell format.
func (s *styleSheet) xf(k styleKey) string {
	font, fill, border, align := 0, 0, 0, ""
	switch {
	case k.role == roleHeader:
		font, fill, border = 1, 2, 1
		align = `<alignment horizontal="center" vertical="center" wrapText="1"/>`
	case k.role == roleTitle:
		font = 3
	case k.role == roleNote:
		font = 2
	case k.bold:
		font = 1
	}
	if k.role == roleBody && k.kind == Text {
		align = `<alignment vertical="top" wrapText="1"/>`
	}
	x := fmt.Sprintf(`<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="%d" xfId="0" applyNumberFormat="1" applyFont="1"`,
		s.numFmt(k), font, fill, border)
	if fill != 0 {
		x += ` applyFill="1" applyBorder="1"`
	}
	if k.quote {
		x += ` quotePrefix="1"`
	}
	if align == "" {
		return x + "/>"
	}
	return x + ` applyAlignment="1">` + align + "</xf>"
}

// xml writes styles.xml with every style used.
func (s *styleSheet) xml() string {
	xfs := make([]string, len(s.keys))
	for i, k := range s.keys {
		xfs[i] = s.xf(k) // may add a custom number format
	}
	var b strings.Builder
	b.WriteString(xmlDecl + `<styleSheet xmlns="` + nsMain + `">`)
	if len(s.formats) > 0 {
		fmt.Fprintf(&b, `<numFmts count="%d">`, len(s.formats))
		for i, f := range s.formats {
			fmt.Fprintf(&b, `<numFmt numFmtId="%d" formatCode="%s"/>`, firstCustomFmt+i, escapeXML(f))
		}
		b.WriteString(`</numFmts>`)
	}
	b.WriteString(fontsXML + fillsXML + bordersXML)
	b.WriteString(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	fmt.Fprintf(&b, `<cellXfs count="%d">%s</cellXfs>`, len(xfs), strings.Join(xfs, ""))
	b.WriteString(`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
	return b.String()
}
