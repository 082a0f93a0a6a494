package budget

import (
	"github.com/shopspring/decimal"

	"baove"
	"baove/plans"
	"baove/units"
)

// Figures are the money of one row of the summary. For central funds,
// Allocated is the ministry's allocations with corrections and carried-in
// funds; for the province's own sources, the lines of the plan in force
// are the allocation (a plan only drafted, submitted or returned allocates
// nothing). Remaining and Rate are defined once, below.
type Figures struct {
	Planned   VND
	Allocated VND
	Disbursed VND
	Remaining VND
	// Rate is Disbursed ÷ Allocated as a percentage with two decimals;
	// null when nothing is allocated.
	Rate decimal.NullDecimal
}

func figures(planned, allocated, disbursed VND) Figures {
	return Figures{Planned: planned, Allocated: allocated, Disbursed: disbursed, Remaining: Remaining(allocated, disbursed),
		Rate: Rate(disbursed, allocated)}
}

// Remaining is what may still be disbursed of what was allocated:
// allocated − disbursed. The API, the PDF and the workbook print this one
// figure as "remaining" (còn lại).
func Remaining(allocated, disbursed VND) VND { return allocated - disbursed }

// SourceFigures is a funding source's row of the summary.
type SourceFigures struct {
	Source FundingSource
	Figures
}

// TaskAreaFigures is a task area's row of the summary: what the lines plan
// on it and what was disbursed from it. Allocations are made per
// province and year, not per task area, so a task area has none of its
// own: its table's totals row carries them.
type TaskAreaFigures struct {
	TaskArea  plans.TaskArea
	Planned   VND
	Disbursed VND
}

// CentralFunds is the state of a year's central support.
type CentralFunds struct {
	Allocated      VND // decisions and corrections
	CarriedIn      VND // unspent funds carried over from the year before
	Disbursed      VND
	Remaining      VND
	Closed         bool
	Disposition    string // "carry_over" or "return", once closed
	Unspent        VND    // at the close
	ReturnDeadline baove.Date
}

// Summary is a province's money for a year, computed in one place for the
// API, the reports and the compliance checks. Every table adds up: the
// rows by source to Total, the rows by task area to Total's planned and
// disbursed, the central rows by task area to the central row's.
type Summary struct {
	Province   units.ProvinceCode
	Year       int
	Plan       *plans.Plan // the version whose lines count (the one in force, else the latest), without its parts; nil without a plan
	BySource   []SourceFigures
	ByTaskArea []TaskAreaFigures // task areas with lines or disbursements, in the directive's order
	Total      Figures
	Central    CentralFunds
	// CentralByTaskArea is central money alone by task area: the plan's
	// central lines and the central disbursements; the task areas with
	// either, in the directive's order.
	CentralByTaskArea []TaskAreaFigures
}

// InForce reports whether the lines that count are those of the plan in
// force (an approved version).
func (s Summary) InForce() bool { return s.Plan != nil && s.Plan.Status == plans.Approved }

// Source returns the row of funding source src.
func (s Summary) Source(src FundingSource) Figures {
	for _, r := range s.BySource {
		if r.Source == src {
			return r.Figures
		}
	}
	return Figures{}
}

// sums are the grouped figures a summary is computed from.
type sums struct {
	planned     map[FundingSource]map[string]VND // by source, then task area
	disbursed   map[FundingSource]map[string]VND
	allocations map[AllocationKind]VND
	year        YearRecord
}

// summarise computes the summary's figures from grouped sums, the lines
// being those of plan (nil without one); it touches no database.
func summarise(in sums, plan *plans.Plan, areas []plans.TaskArea) Summary {
	sum := Summary{Plan: plan}
	inForce := sum.InForce()
	var total Figures
	for _, src := range Sources {
		planned, disbursed := total1(in.planned[src]), total1(in.disbursed[src])
		var allocated VND
		switch {
		case src == Central:
			allocated = in.allocations[Allocated] + in.allocations[Correction] + in.allocations[CarriedIn]
		case inForce:
			allocated = planned
		}
		sum.BySource = append(sum.BySource, SourceFigures{src, figures(planned, allocated, disbursed)})
		total.Planned += planned
		total.Allocated += allocated
		total.Disbursed += disbursed
	}
	sum.Total = figures(total.Planned, total.Allocated, total.Disbursed)
	for _, ta := range areas {
		var all TaskAreaFigures
		for _, src := range Sources {
			all.Planned += in.planned[src][ta.Code]
			all.Disbursed += in.disbursed[src][ta.Code]
		}
		if all.Planned != 0 || all.Disbursed != 0 {
			sum.ByTaskArea = append(sum.ByTaskArea, TaskAreaFigures{ta, all.Planned, all.Disbursed})
		}
		if c := (TaskAreaFigures{ta, in.planned[Central][ta.Code], in.disbursed[Central][ta.Code]}); c.Planned != 0 || c.Disbursed != 0 {
			sum.CentralByTaskArea = append(sum.CentralByTaskArea, c)
		}
	}
	c := sum.BySource[0]
	sum.Central = CentralFunds{Allocated: in.allocations[Allocated] + in.allocations[Correction], CarriedIn: in.allocations[CarriedIn],
		Disbursed: c.Disbursed, Remaining: c.Remaining, Closed: !in.year.ClosedAt.IsZero(), Disposition: in.year.Disposition,
		Unspent: VND(in.year.UnspentCentral), ReturnDeadline: in.year.ReturnDeadline}
	return sum
}

func total1(m map[string]VND) VND {
	var t VND
	for _, v := range m {
		t += v
	}
	return t
}
