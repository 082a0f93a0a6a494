package upload

import "fmt"

// Kind is the type of a column's values: how they are formatted, aligned,
// stored in a spreadsheet and parsed from an upload.
type Kind int

// Column kinds, with the Go type a cell of each kind holds (nil is an
// empty cell everywhere).
const (
	Text    Kind = iota // string
	Count               // int64 or int: people, communes, cases
	Money               // int64: whole đồng
	Decimal             // decimal.Decimal, shown with Places decimals
	Percent             // decimal.Decimal as a fraction: 0.875 is shown as "87,5 %"
	Date                // baove.Date
)

// String names the kind in error messages.
func (k Kind) String() string {
	switch k {
	case Text:
		return "text"
	case Count:
		return "counts"
	case Money:
		return "money"
	case Decimal:
		return "decimals"
	case Percent:
		return "percentages"
	case Date:
		return "dates"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}
