package plans

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"baove"
	"baove/i18n"
)

// Eligibility is a task area's eligibility for central funds over a span
// of years: from FromYear to ToYear inclusive, or on when ToYear is 0.
type Eligibility struct {
	FromYear int  `json:"from_year"`
	ToYear   int  `json:"to_year,omitempty"`
	Eligible bool `json:"eligible"`
}

// covers reports whether the span holds year.
func (e Eligibility) covers(year int) bool {
	return e.FromYear <= year && (e.ToYear == 0 || year <= e.ToYear)
}

// EligibleIn reports whether central funds may pay for the task area in
// year: by the span that holds the year, else (before the first span) by
// the first one, else by the open-ended flag.
func (t TaskArea) EligibleIn(year int) bool {
	for _, e := range t.Eligibility {
		if e.covers(year) {
			return e.Eligible
		}
	}
	if len(t.Eligibility) > 0 && year < t.Eligibility[0].FromYear {
		return t.Eligibility[0].Eligible
	}
	return t.EligibleForCentralFunds
}

// changeEligibility returns the spans after making the task area eligible
// (or not) from year from on: the spans before from stay, the one that
// holds from ends the year before, the later ones go, and one open-ended
// span follows; adjacent spans that agree become one.
func changeEligibility(spans []Eligibility, eligible bool, from int) []Eligibility {
	var out []Eligibility
	for _, e := range spans {
		switch {
		case e.FromYear >= from:
			continue
		case e.covers(from):
			e.ToYear = from - 1
		}
		out = append(out, e)
	}
	if n := len(out); n > 0 && out[n-1].Eligible == eligible && out[n-1].ToYear == from-1 {
		out[n-1].ToYear = 0
		return out
	}
	return append(out, Eligibility{FromYear: from, Eligible: eligible})
}

// checkEligibleFrom returns EINVALID unless from is this year or later:
// an eligibility change never rewrites the years already judged.
func checkEligibleFrom(from int, today baove.Date) error {
	if from < today.Year() || from > 2100 {
		return baove.InvalidKey("eligible_from_year", "task_area.eligible_from_past", i18n.Args{"year": strconv.Itoa(today.Year())}, from)
	}
	return nil
}

// formatEligibility writes spans as task_areas.central_eligibility holds
// them: "2016-2025:1;2026-:0".
func formatEligibility(spans []Eligibility) string {
	parts := make([]string, len(spans))
	for i, e := range spans {
		to, flag := "", "0"
		if e.ToYear != 0 {
			to = strconv.Itoa(e.ToYear)
		}
		if e.Eligible {
			flag = "1"
		}
		parts[i] = fmt.Sprintf("%d-%s:%s", e.FromYear, to, flag)
	}
	return strings.Join(parts, ";")
}

// parsed holds the spans read so far by their text: a handful of distinct
// texts serve every summary, which reads every task area.
var parsed sync.Map // string → []Eligibility, never changed once stored

// parseEligibility reads what formatEligibility writes; "" is no span. The
// spans returned may be shared: callers build new slices, never change
// them.
func parseEligibility(s string) ([]Eligibility, error) {
	if s == "" {
		return nil, nil
	}
	if spans, ok := parsed.Load(s); ok {
		return spans.([]Eligibility), nil
	}
	spans, err := readEligibility(s)
	if err == nil {
		parsed.Store(s, spans)
	}
	return spans, err
}

func readEligibility(s string) ([]Eligibility, error) {
	var out []Eligibility
	for _, part := range strings.Split(s, ";") {
		span, flag, ok1 := strings.Cut(part, ":")
		from, to, ok2 := strings.Cut(span, "-")
		e := Eligibility{Eligible: flag == "1"}
		var err error
		if e.FromYear, err = strconv.Atoi(from); err != nil || !ok1 || !ok2 || (flag != "0" && flag != "1") {
			return nil, fmt.Errorf("bad span %q", part)
		}
		if to != "" {
			if e.ToYear, err = strconv.Atoi(to); err != nil {
				return nil, fmt.Errorf("bad span %q", part)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// CentralEligibleIn reports whether a task area whose stored spans are
// spans (as the task_areas table keeps them) and whose open-ended flag is
// open may take central funds in year: TaskArea.EligibleIn for callers
// that read the row themselves (the ledger's controls read it with the
// line). It fails on spans it cannot read.
func CentralEligibleIn(spans string, open bool, year int) (bool, error) {
	parsed, err := parseEligibility(spans)
	if err != nil {
		return false, fmt.Errorf("plans: central eligibility %q: %w", spans, err)
	}
	return TaskArea{Eligibility: parsed, EligibleForCentralFunds: open}.EligibleIn(year), nil
}
