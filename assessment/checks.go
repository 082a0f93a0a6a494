package assessment

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"baove/budget"
	"baove/indicators"
	"baove/plans"
)

// The compliance checks of the catalogue in compliance.go: each reads Facts
// and returns a status with its evidence.

func noPlan(year int) Evidence {
	return say("Chưa có kế hoạch năm %d.", "There is no plan for %d.", year)
}

// activity returns the check that the plan has an activity under a task
// area of the directive.
func activity(area string) func(Facts) (CheckStatus, Evidence) {
	return func(f Facts) (CheckStatus, Evidence) {
		plan := f.Plan.Counting()
		if plan == nil {
			return Fail, noPlan(f.Year)
		}
		n := plan.Activities[area]
		if n == 0 {
			return Fail, say("Kế hoạch chưa có hoạt động thuộc nhiệm vụ %s.", "The plan has no activity under task area %s.", area).with("activities", n)
		}
		return Pass, say("Kế hoạch có %d hoạt động thuộc nhiệm vụ %s.", "The plan has %d activities under task area %s.", n, area).with("activities", n)
	}
}

// communeWorkers: directive 2.2 and Law on Children art. 90 ask for at
// least one child-protection worker in every commune.
func communeWorkers(f Facts) (CheckStatus, Evidence) {
	c := f.Coverage
	if c.Total == 0 {
		return NotApplicable, say("Không có xã nào có hiệu lực trong năm %d.", "No commune was in force in %d.", f.Year)
	}
	// Counts decide, so that a national tally without the communes' names
	// judges as the province's own coverage does.
	uncovered := c.Total - c.Covered
	pct, _ := c.Workers().Rounded(2)
	ev := say("Cả %d xã, phường, đặc khu đều có người làm công tác bảo vệ trẻ em.", "All %d communes have a child-protection worker.", c.Total)
	if uncovered > 0 {
		ev = say("%d trong %d xã, phường, đặc khu chưa có người làm công tác bảo vệ trẻ em.", "%d of %d communes have no child-protection worker.", uncovered, c.Total)
	}
	ev = ev.with("communes_total", c.Total).with("communes_covered", c.Covered).with("communes_recorded", c.Recorded).with("coverage_percent", pct.StringFixed(2))
	for _, u := range c.Uncovered() {
		ev.Items = append(ev.Items, Item{Code: string(u.Code), Name: u.Name})
	}
	if uncovered > 0 {
		return Fail, ev
	}
	return Pass, ev
}

// planApproved: directive 3.1 asks for the year's plan; the ministry's
// approval shows it is in force.
func planApproved(f Facts) (CheckStatus, Evidence) {
	plan := f.Plan.Counting()
	switch {
	case plan == nil:
		return Fail, noPlan(f.Year)
	case plan.Status != plans.Approved:
		return Fail, say("Kế hoạch năm %d chưa được phê duyệt (trạng thái: %s).", "The plan for %d is not approved (status: %s).", f.Year, plan.Status).with("status", plan.Status)
	}
	return Pass, say("Kế hoạch năm %d đã được phê duyệt.", "The plan for %d is approved.", f.Year).with("status", plan.Status)
}

// localBudget: directive 3.1 asks for a specific yearly local budget.
func localBudget(f Facts) (CheckStatus, Evidence) {
	prov, comm := planned(f.Budget, budget.Provincial), planned(f.Budget, budget.Commune)
	ev := say("Chưa bố trí ngân sách tỉnh hoặc xã năm %d.", "No provincial or commune budget is planned for %d.", f.Year)
	status := Fail
	if prov+comm > 0 {
		ev, status = say("Đã bố trí ngân sách địa phương năm %d.", "Local budget is planned for %d.", f.Year), Pass
	}
	return status, ev.with("provincial", prov).with("commune", comm).with("central", planned(f.Budget, budget.Central))
}

// source returns the summary's row of funding source src.
func source(s budget.Summary, src budget.FundingSource) budget.Figures {
	for _, r := range s.BySource {
		if r.Source == src {
			return r.Figures
		}
	}
	return budget.Figures{}
}

// planned returns what the summary's lines plan from src.
func planned(s budget.Summary, src budget.FundingSource) budget.VND { return source(s, src).Planned }

// disbursementRate returns what was disbursed of what was allocated over
// every source, as a percentage exact to 16 places; it reports false when
// nothing is allocated.
func disbursementRate(s budget.Summary) (decimal.Decimal, bool) {
	if s.Total.Allocated <= 0 {
		return decimal.Zero, false
	}
	return decimal.NewFromInt(int64(s.Total.Disbursed)).Mul(decimal.NewFromInt(100)).Div(decimal.NewFromInt(int64(s.Total.Allocated))), true
}

// disbursementPace warns when the disbursement rate is below ExpectedPace.
func disbursementPace(f Facts) (CheckStatus, Evidence) {
	pace, started := ExpectedPace(f.Year, f.Today)
	rate, allocated := disbursementRate(f.Budget)
	switch {
	case !started:
		return NotApplicable, say("Năm %d chưa bắt đầu.", "%d has not started.", f.Year)
	case !allocated:
		return NotApplicable, say("Chưa có dự toán được giao năm %d.", "Nothing is allocated for %d.", f.Year)
	}
	ev := say("Tỷ lệ giải ngân %s%%, tiến độ dự kiến %s%%.", "Disbursement rate %s%%, expected pace %s%%.", rate.StringFixed(2), pace.StringFixed(2)).
		with("allocated", f.Budget.Total.Allocated).with("disbursed", f.Budget.Total.Disbursed).
		with("disbursement_rate_percent", rate.StringFixed(2)).with("expected_pace_percent", pace.StringFixed(2))
	if rate.LessThan(pace) {
		return Warn, ev
	}
	return Pass, ev
}

// centralEligible: directive 3.2 asks that central support go only to its
// intended purposes, i.e. task areas eligible for central funds.
func centralEligible(f Facts) (CheckStatus, Evidence) {
	ineligible := centralIneligible(f.Budget)
	if len(ineligible) == 0 {
		return Pass, say("Kinh phí trung ương chỉ bố trí cho nhiệm vụ được hỗ trợ.", "Central funds are only on eligible task areas.")
	}
	var planned, disbursed budget.VND
	var areas []string
	var items []Item
	for _, m := range ineligible {
		planned, disbursed = planned+m.Planned, disbursed+m.Disbursed
		areas = append(areas, m.TaskArea.Code)
		items = append(items, Item{Code: m.TaskArea.Code})
	}
	ev := say("Kinh phí trung ương bố trí cho nhiệm vụ không được hỗ trợ: %s.", "Central funds on task areas not eligible for them: %s.", strings.Join(areas, ", "))
	ev.Items = items
	return Fail, ev.with("central_planned_ineligible", planned).with("central_disbursed_ineligible", disbursed)
}

// centralIneligible returns the task areas not eligible for central funds
// that carry central money nonetheless, planned or disbursed.
func centralIneligible(s budget.Summary) []budget.TaskAreaFigures {
	var out []budget.TaskAreaFigures
	for _, r := range s.CentralByTaskArea {
		if !r.TaskArea.EligibleForCentralFunds && (r.Planned != 0 || r.Disbursed != 0) {
			out = append(out, r)
		}
	}
	return out
}

// centralWithinAllocation: central disbursements may not exceed the central
// allocation (directive 3.2).
func centralWithinAllocation(f Facts) (CheckStatus, Evidence) {
	b := source(f.Budget, budget.Central)
	if b.Allocated == 0 && b.Disbursed == 0 {
		return NotApplicable, say("Không có kinh phí trung ương năm %d.", "No central funds in %d.", f.Year)
	}
	ev := say("Giải ngân kinh phí trung ương trong phạm vi được phân bổ.", "Central disbursements are within the allocation.")
	status := Pass
	if b.Disbursed > b.Allocated {
		ev, status = say("Giải ngân kinh phí trung ương vượt mức được phân bổ.", "Central disbursements exceed the allocation."), Fail
	}
	return status, ev.with("central_allocated", b.Allocated).with("central_disbursed", b.Disbursed)
}

// abuseData: directive 3.3 asks for periodic data on abused children: a
// CP_ABUSE_CASES value for every quarter of the year that has ended.
func abuseData(f Facts) (CheckStatus, Evidence) {
	elapsed := indicators.ElapsedQuarters(f.Year, f.Today)
	if len(elapsed) == 0 {
		return NotApplicable, say("Chưa hết quý nào của năm %d.", "No quarter of %d has ended yet.", f.Year)
	}
	var missing []Item
	for _, q := range elapsed {
		if !slices.Contains(f.AbuseQuarters, q) {
			missing = append(missing, Item{Code: indicators.Period{Year: f.Year, Quarter: q}.String()})
		}
	}
	if len(missing) == 0 {
		return Pass, say("Đã báo cáo số vụ xâm hại trẻ em cho cả %d quý đã qua.", "Abuse cases are reported for all %d elapsed quarters.", len(elapsed)).with("quarters_elapsed", len(elapsed))
	}
	ev := say("Thiếu số vụ xâm hại trẻ em của %d trong %d quý đã qua.", "Abuse cases are missing for %d of %d elapsed quarters.", len(missing), len(elapsed))
	ev.Items = missing
	return Fail, ev.with("quarters_elapsed", len(elapsed)).with("quarters_missing", len(missing))
}
