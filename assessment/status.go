package assessment

import (
	"github.com/shopspring/decimal"

	"baove"
	"baove/indicators"
)

// Status is how a figure stands against its target in a period: the one
// vocabulary of progress, for a province and for the country, in the API
// and in the reports. A period under way is in progress, on track or at
// risk; a period that is over is achieved or not achieved.
type Status string

// Statuses.
const (
	InProgress  Status = "in_progress"  // the period is under way and the figure is an estimate: not judged yet
	OnTrack     Status = "on_track"     // under way, and the target is met so far (pro rata for a count of quarters)
	AtRisk      Status = "at_risk"      // under way, and the target is not met so far
	Achieved    Status = "achieved"     // the period is over and the target was met
	NotAchieved Status = "not_achieved" // the period is over and the data reported do not show the target met
	NoData      Status = "no_data"      // nothing reported: chưa có số liệu
	Monitored   Status = "monitored"    // a monitor indicator with data: reported, never judged
)

// TargetSource tells where a target comes from.
type TargetSource string

// Target sources.
const (
	FromPlan     TargetSource = "plan"     // the province's plan in force for the year
	FromNational TargetSource = "national" // the catalogue, where no plan in force sets one
)

// Target is what an indicator aims at in a year.
type Target struct {
	Value decimal.Decimal
	// Strict targets must be beaten, not just reached: a national target
	// written "< 6.5". A plan's target is met at the value itself.
	Strict bool
	Source TargetSource
	// Decision names the decision behind a national target.
	Decision string
}

// Meets reports whether figure meets target for an indicator of direction
// dir: at or above a higher-is-better target, at or under a lower-is-better
// one, strictly beyond it when the target is strict. A monitor indicator
// meets nothing.
func Meets(dir indicators.Direction, target Target, figure decimal.Decimal) bool {
	switch {
	case dir == indicators.Monitor:
		return false
	case dir == indicators.Lower:
		return figure.LessThan(target.Value) || !target.Strict && figure.Equal(target.Value)
	}
	return figure.GreaterThan(target.Value) || !target.Strict && figure.Equal(target.Value)
}

// Actual is the figure that stands for an indicator in a year: the yearly
// value when one was reported (it wins over the quarters), else the sum of
// the quarters reported (counts add up; a ratio adds its numerators and
// its denominators), else, for the computed indicators, the year's
// staffing.
type Actual struct {
	indicators.Measure
	Year int
	// Quarters are the quarters summed, in order; none when a yearly value
	// or the staffing stands for the year.
	Quarters []int
	// Estimate reports whether the figure is or includes an estimate.
	Estimate bool
}

// Partial reports whether the figure sums some quarters but not all four.
func (a Actual) Partial() bool { return len(a.Quarters) > 0 && len(a.Quarters) < 4 }

// Closed reports whether year is over on today: its status is then
// achieved or not achieved.
func Closed(year int, today baove.Date) bool {
	return today.After(indicators.Period{Year: year}.End())
}

// StatusOf is the one function that judges a figure in a period: a (nil
// without data) of an indicator of direction dir against target t, the
// period over (closed) or under way. Under way, an estimate is in progress
// and a count of some quarters is held to the target pro rata (three
// quarters of it after three quarters), so that one good quarter is never
// "achieved"; over, a count missing quarters is achieved only when what was
// reported already meets a higher-is-better target.
func StatusOf(dir indicators.Direction, t Target, a *Actual, closed bool) Status {
	if a == nil {
		return NoData
	}
	figure, ok := a.Figure()
	switch {
	case !ok:
		return NoData
	case dir == indicators.Monitor:
		return Monitored
	case !closed && a.Estimate:
		return InProgress
	case !closed:
		if Meets(dir, proRata(t, a), figure) {
			return OnTrack
		}
		return AtRisk
	case a.Partial() && a.Unit == indicators.Count && dir == indicators.Lower:
		return NotAchieved // the missing quarters could only add to the count
	case Meets(dir, t, figure):
		return Achieved
	}
	return NotAchieved
}

// proRata is the share of a count's yearly target its quarters answer
// for; other targets stand as they are.
func proRata(t Target, a *Actual) Target {
	if a.Unit != indicators.Count || !a.Partial() {
		return t
	}
	t.Value = t.Value.Mul(decimal.NewFromInt(int64(len(a.Quarters)))).Div(decimal.NewFromInt(4))
	return t
}
