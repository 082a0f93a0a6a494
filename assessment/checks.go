package assessment

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"baove/budget"
	"baove/i18n"
	"baove/indicators"
	"baove/plans"
)

// The compliance checks of the catalogue in compliance.go: each reads Facts
// and returns a status with its evidence, worded in the catalogue
// (assessment.txt). No check passes without data: with nothing to judge a
// check is not applicable, and a duty with no report behind it fails.

// year writes a year for a message: never grouped like a number.
func year(y int) string { return strconv.Itoa(y) }

// noPlanInForce is the evidence of a plan check without a version in
// force, naming the pending one if there is one.
func noPlanInForce(f Facts) Evidence {
	p := f.Plan.Pending
	if p == nil {
		return say("no_plan", i18n.Args{"year": year(f.Year)})
	}
	return say("no_plan_in_force", i18n.Args{"year": year(f.Year), "version": p.Version, "status": statusName(p.Status)}).
		with("pending_version", p.Version).with("pending_status", p.Status)
}

// statusName is a plan status as the messages name it: in the words of the
// plans' catalogue (plan.status.*), "đã ban hành" for an approved one.
func statusName(s plans.Status) i18n.Localizer { return s }

// pendingToo adds to e the revision or draft waiting beside the plan in
// force, which the check does not judge.
func pendingToo(e Evidence, f Facts) Evidence {
	if p := f.Plan.Pending; p != nil && f.Plan.InForce != nil {
		e = e.also("pending_beside", i18n.Args{"version": p.Version, "status": statusName(p.Status)}).
			with("pending_version", p.Version).with("pending_status", p.Status)
	}
	return e
}

// activity returns the check that the plan in force has an activity under
// a task area of the directive.
func activity(area string) func(Facts) (CheckStatus, Evidence) {
	return func(f Facts) (CheckStatus, Evidence) {
		plan := f.Plan.InForce
		if plan == nil {
			return Fail, noPlanInForce(f).with("activities", 0)
		}
		n := plan.Activities[area]
		if n == 0 {
			return Fail, pendingToo(say("no_activity", i18n.Args{"area": area}).with("activities", n), f)
		}
		return Pass, pendingToo(say("activities", i18n.Args{"n": n, "area": area}).with("activities", n), f)
	}
}

// workerTarget is what directive 2.2 and Law on Children art. 90 ask: a
// child-protection worker in every commune.
var workerTarget = Target{Value: decimal.NewFromInt(100), Source: FromNational, Decision: "Luật Trẻ em 102/2016/QH13, Điều 90"}

// communeWorkers judges the coverage of the year against every commune
// with the status function progress uses, so that the two sections agree:
// achieved or on track passes, at risk (the year under way) warns, not
// achieved fails; a province that recorded no staffing fails for want of a
// report, and says so rather than counting its communes as uncovered.
func communeWorkers(f Facts) (CheckStatus, Evidence) {
	c := f.Coverage
	args := i18n.Args{"year": year(f.Year), "total": c.Total, "uncovered": c.Total - c.Covered, "recorded": c.Recorded}
	switch {
	case c.Total == 0:
		return NotApplicable, say("no_communes", args)
	case c.Recorded == 0:
		return Fail, say("no_staffing", args).with("communes_total", c.Total).with("communes_recorded", 0)
	}
	pct, _ := c.Workers().Rounded(2)
	key := "all_covered"
	if c.Covered < c.Total {
		key = "uncovered"
	}
	ev := say(key, args).with("communes_total", c.Total).with("communes_covered", c.Covered).with("communes_recorded", c.Recorded).
		with("coverage_percent", pct.StringFixed(2))
	if c.Recorded < c.Total {
		ev = ev.also("unrecorded", i18n.Args{"n": c.Total - c.Recorded})
	}
	for _, u := range c.Uncovered() {
		ev.Items = append(ev.Items, Item{Code: string(u.Code), Name: u.Name})
	}
	a := Actual{Measure: c.Workers(), Year: f.Year}
	return checkOf(StatusOf(indicators.Higher, workerTarget, &a, Closed(f.Year, f.Today))), ev
}

// checkOf is the check status a figure's status gives.
func checkOf(s Status) CheckStatus {
	switch s {
	case Achieved, OnTrack:
		return Pass
	case AtRisk, InProgress:
		return Warn
	}
	return Fail
}

// planIssued: directive 3.1 asks for the year's plan; the province's
// issuance puts it in force. The evidence names the document (number, date,
// signer) when it was recorded.
func planIssued(f Facts) (CheckStatus, Evidence) {
	plan := f.Plan.InForce
	if plan == nil {
		status := "none"
		if p := f.Plan.Pending; p != nil {
			status = string(p.Status)
		}
		return Fail, noPlanInForce(f).with("status", status)
	}
	ev := say("plan_in_force", i18n.Args{"year": year(f.Year), "version": plan.Version})
	ev = issuedBy(ev, plan.Issuance)
	return Pass, pendingToo(ev.with("status", plans.Approved).with("version", plan.Version), f)
}

// issuedBy adds to e the document that issued a plan, as far as it was
// recorded: its number ("chưa có số" without one), its date and its signer.
func issuedBy(e Evidence, is *plans.Issuance) Evidence {
	switch {
	case is == nil || is.IssuedOn.IsZero():
		return e
	case is.Numbered():
		e = e.also("issued_document", i18n.Args{"document_no": is.DocumentNo, "issued_on": is.IssuedOn}).
			with("document_no", is.DocumentNo)
	default:
		e = e.also("issued_unnumbered", i18n.Args{"issued_on": is.IssuedOn})
	}
	e = e.with("issued_on", is.IssuedOn)
	if is.SignerName != "" {
		e = e.also("issued_signer", i18n.Args{"signer_title": is.SignerTitle, "signer_name": is.SignerName}).
			with("signer_name", is.SignerName).with("signer_title", is.SignerTitle)
	}
	return e
}

// signedPlan: the province keeps the plan it issued, signed and sealed
// (directive 3.1); a plan in force without its scan is a warning, never a
// refusal of anything.
func signedPlan(f Facts) (CheckStatus, Evidence) {
	plan := f.Plan.InForce
	if plan == nil {
		return NotApplicable, noPlanInForce(f)
	}
	args := i18n.Args{"year": year(f.Year), "version": plan.Version}
	if !f.SignedScan {
		return Warn, say("no_signed_scan", args).with("version", plan.Version).with("signed_scan", false)
	}
	return Pass, say("signed_scan", args).with("version", plan.Version).with("signed_scan", true)
}

// localBudget: directive 3.1 asks for a specific yearly local budget, in
// the plan in force.
func localBudget(f Facts) (CheckStatus, Evidence) {
	prov, comm := f.Budget.Source(budget.Provincial).Planned, f.Budget.Source(budget.Commune).Planned
	if !f.Budget.InForce() {
		return Fail, noPlanInForce(f).with("provincial_pending", prov).with("commune_pending", comm)
	}
	ev, status := say("no_local_budget", i18n.Args{"year": year(f.Year)}), Fail
	if prov+comm > 0 {
		ev, status = say("local_budget", i18n.Args{"year": year(f.Year), "provincial": prov, "commune": comm}), Pass
	}
	return status, ev.with("provincial", prov).with("commune", comm).with("central", f.Budget.Source(budget.Central).Planned)
}

// disbursementRate returns what was disbursed of what was allocated over
// every source, as a percentage exact to 16 places; it reports false when
// nothing is allocated.
func disbursementRate(s budget.Summary) (decimal.Decimal, bool) {
	if s.Total.Allocated <= 0 {
		return decimal.Zero, false
	}
	return decimal.NewFromInt(int64(s.Total.Disbursed)).Mul(decimal.NewFromInt(100)).Div(decimal.NewFromInt(int64(s.Total.Allocated))), true
}

// disbursementPace warns when the disbursement rate is below ExpectedPace;
// without a plan in force nothing can be paid, so there is no pace to keep.
func disbursementPace(f Facts) (CheckStatus, Evidence) {
	pace, started := ExpectedPace(f.Year, f.Today)
	rate, allocated := disbursementRate(f.Budget)
	switch {
	case !started:
		return NotApplicable, say("year_not_started", i18n.Args{"year": year(f.Year)})
	case f.Plan.InForce == nil:
		return NotApplicable, noPlanInForce(f).also("no_payments", nil)
	case !allocated:
		return NotApplicable, say("nothing_allocated", i18n.Args{"year": year(f.Year)})
	}
	ev := say("pace", i18n.Args{"rate": rate.Round(2), "pace": pace.Round(2)}).
		with("allocated", f.Budget.Total.Allocated).with("disbursed", f.Budget.Total.Disbursed).
		with("disbursement_rate_percent", rate.StringFixed(2)).with("expected_pace_percent", pace.StringFixed(2))
	if rate.LessThan(pace) {
		return Warn, ev
	}
	return Pass, ev
}

// centralMoney returns the central money of the year by task area that
// the checks judge: the lines of the plan in force (a draft's lines are
// not money) and every central disbursement.
func centralMoney(f Facts) []budget.TaskAreaFigures {
	var out []budget.TaskAreaFigures
	for _, r := range f.Budget.CentralByTaskArea {
		if !f.Budget.InForce() {
			r.Planned = 0
		}
		if r.Planned != 0 || r.Disbursed != 0 {
			out = append(out, r)
		}
	}
	return out
}

// centralEligible: directive 3.2 asks that central support go only to its
// intended purposes, i.e. task areas eligible for central funds in the
// year judged (an administrator's later change does not rewrite it).
func centralEligible(f Facts) (CheckStatus, Evidence) {
	money := centralMoney(f)
	if len(money) == 0 {
		return NotApplicable, say("no_central", i18n.Args{"year": year(f.Year)})
	}
	var planned, disbursed budget.VND
	var areas []string
	var items []Item
	for _, m := range money {
		if m.TaskArea.EligibleIn(f.Year) {
			continue
		}
		planned, disbursed = planned+m.Planned, disbursed+m.Disbursed
		areas = append(areas, m.TaskArea.Code)
		items = append(items, Item{Code: m.TaskArea.Code, Name: m.TaskArea.NameVI, NameEN: m.TaskArea.NameEN})
	}
	if len(items) == 0 {
		return Pass, say("central_eligible", i18n.Args{"year": year(f.Year)})
	}
	ev := say("central_ineligible", i18n.Args{"areas": strings.Join(areas, ", "), "year": year(f.Year)})
	ev.Items = items
	return Fail, ev.with("central_planned_ineligible", planned).with("central_disbursed_ineligible", disbursed)
}

// centralWithinAllocation: central disbursements may not exceed the central
// allocation (directive 3.2); with nothing disbursed there is nothing to
// check.
func centralWithinAllocation(f Facts) (CheckStatus, Evidence) {
	b := f.Budget.Source(budget.Central)
	switch {
	case b.Allocated == 0 && b.Disbursed == 0:
		return NotApplicable, say("no_central", i18n.Args{"year": year(f.Year)})
	case b.Disbursed == 0:
		return NotApplicable, say("no_central_disbursed", i18n.Args{"year": year(f.Year), "allocated": b.Allocated}).
			with("central_allocated", b.Allocated).with("central_disbursed", 0)
	}
	args := i18n.Args{"allocated": b.Allocated, "disbursed": b.Disbursed}
	ev, status := say("central_within", args), Pass
	if b.Disbursed > b.Allocated {
		args["over"] = b.Disbursed - b.Allocated
		ev, status = say("central_over", args), Fail
	}
	return status, ev.with("central_allocated", b.Allocated).with("central_disbursed", b.Disbursed)
}
