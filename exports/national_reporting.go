package exports

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ReportingRow is how the provinces stand for one quarter of the reporting
// calendar: each counts once, by the worst of what it owes.
type ReportingRow struct {
	Period                                   string // "Quý III/2026"
	OnTime, Late, Missing, NotDue, Provinces int
}

// reportingCompleteness says, for each quarter due, how many provinces
// reported on time.
func (r NationalReport) reportingCompleteness() string {
	var parts []string
	for _, q := range r.Reporting {
		if q.NotDue == q.Provinces {
			continue
		}
		parts = append(parts, r.Lang.pick(fmt.Sprintf("%s: %d/%d tỉnh báo cáo đúng hạn", q.Period, q.OnTime, q.Provinces),
			fmt.Sprintf("%s: %d/%d provinces reported on time", q.Period, q.OnTime, q.Provinces)))
	}
	if len(parts) == 0 {
		return r.Lang.pick("Chưa đến hạn báo cáo số liệu quý nào của năm.", "No quarter of the year is due yet.")
	}
	return strings.Join(parts, "; ") + "."
}

// reportingTable counts the provinces by where they stand for each
// quarter.
func (r NationalReport) reportingTable() Table {
	l := r.Lang
	t := Table{Columns: []Column{{Title: l.pick("Kỳ báo cáo", "Period"), Width: 1.6}, {Title: l.pick("Đúng hạn", "On time"), Width: 1},
		{Title: l.pick("Muộn", "Late"), Width: 1}, {Title: l.pick("Quá hạn, chưa báo cáo", "Overdue, not reported"), Width: 1.4},
		{Title: l.pick("Chưa đến hạn", "Not due yet"), Width: 1}},
		Unit: l.pick("tỉnh, thành phố", "provinces")}
	for _, q := range r.Reporting {
		t.Rows = append(t.Rows, []any{q.Period, fmt.Sprintf("%d/%d", q.OnTime, q.Provinces), fmt.Sprint(q.Late), fmt.Sprint(q.Missing),
			fmt.Sprint(q.NotDue)})
	}
	return t
}

// capitalised is s with its first letter in upper case.
func capitalised(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
