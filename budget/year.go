package budget

import (
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/vn"
)

// YearRecord is a province's budget year as stored (the table
// budget_years): the lock row of its money (lock.go) and its close. Its
// JSON is what the audit trail records of a close.
type YearRecord struct {
	bun.BaseModel `bun:"table:budget_years,alias:y"`

	ProvinceCode   string     `bun:",pk" json:"province_code"`
	Year           int        `bun:",pk" json:"year"`
	ClosedAt       time.Time  `bun:",nullzero" json:"closed_at,omitzero"`
	ClosedBy       string     `json:"closed_by,omitempty"`
	UnspentCentral int64      `json:"unspent_at_close"`
	Disposition    string     `json:"unspent_disposition,omitempty"`
	ReturnDeadline baove.Date `bun:",nullzero" json:"return_deadline,omitzero"`
}

// closed reports whether the year is closed.
func (y YearRecord) closed() bool { return !y.ClosedAt.IsZero() }

// Closing is a close of a budget year that the controls allowed
// (Books.Close), as it is recorded.
type Closing struct {
	YearEnd
	Unspent VND // what Books.Close returned
	At      time.Time
	On      baove.Date // the day of At in the service's zone
	By      string     // the user who closed the year
}

// Close fills in y's close columns from c: unspent funds to return are due
// ReturnDays after the close.
func (y *YearRecord) Close(c Closing) {
	y.ClosedAt, y.ClosedBy, y.Disposition, y.UnspentCentral = c.At, c.By, c.Disposition, int64(c.Unspent)
	if c.Disposition == Return {
		y.ReturnDeadline = c.On.AddDays(ReturnDays)
	}
}

// CarryIn returns the allocation of the next year that carries the
// unspent central funds over (chuyển nguồn), and false when nothing is
// carried over.
func (c Closing) CarryIn() (Allocation, bool) {
	if c.Disposition != CarryOver || c.Unspent == 0 {
		return Allocation{}, false
	}
	return Allocation{Province: c.Province, Year: c.Year + 1, Kind: CarriedIn, Amount: c.Unspent,
		DecisionNo: fmt.Sprintf("Chuyển nguồn năm %d", c.Year), DecidedOn: c.On,
		Reason:    fmt.Sprintf("%s đồng kinh phí trung ương chưa giải ngân năm %d", vn.Int(int64(c.Unspent)), c.Year),
		CreatedAt: c.At, Actor: c.By}, true
}
