package budget

import (
	"cmp"
	"slices"
)

// LineTotal is what a file pays from one budget line: its rows, their sum,
// and what the line has left once they are paid (across the plan's
// versions).
type LineTotal struct {
	Line  LineID `json:"budget_line_id"`
	Rows  int    `json:"rows"`
	Total VND    `json:"total"`
	Left  VND    `json:"left"`
}

// result sums entries, which the books have just counted, by line, in the
// order of the lines' ids.
func (b *Books) result(entries []Disbursement) ImportResult {
	res := ImportResult{Recorded: len(entries)}
	byLine := map[LineID]*LineTotal{}
	for _, e := range entries {
		res.Total += e.Amount
		t := byLine[e.LineID]
		if t == nil {
			l := b.Lines[e.LineID]
			t = &LineTotal{Line: e.LineID, Left: l.Amount - b.Years[l.Year].Paid[l.Lineage]}
			byLine[e.LineID] = t
		}
		t.Rows++
		t.Total += e.Amount
	}
	for _, t := range byLine {
		res.ByLine = append(res.ByLine, *t)
	}
	slices.SortFunc(res.ByLine, func(a, b LineTotal) int { return cmp.Compare(a.Line, b.Line) })
	return res
}
