package gen

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"

	"baove"
	"baove/budget"
	"baove/indicators"
	"baove/plans"
)

// review writes the history of a plan set as its scenario says: created in
// November or December of the year before, submitted, reviewed in January;
// revisions start in spring.
func (g *generator) review(r *rand.Rand, ps *planSet) {
	h := &history{g: g, r: r, v: ps.versions[0], day: baove.NewDate(ps.year-1, 11, 1).AddDays(r.IntN(40)), today: g.yesterday}
	h.step(move{action: "create", to: plans.Draft})
	if ps.scenario == draft {
		return
	}
	h.step(move{action: "submit", to: plans.Submitted, lo: 5, hi: 25})
	switch ps.scenario {
	case submitted:
		return
	case returned:
		h.step(move{action: "return", to: plans.Returned, reason: pick(r, returnReasons), lo: 5, hi: 15})
		return
	case returnedThenApproved:
		h.step(move{action: "return", to: plans.Returned, reason: pick(r, returnReasons), lo: 5, hi: 15})
		h.step(move{action: "submit", to: plans.Submitted, lo: 5, hi: 15})
	}
	h.step(move{action: "approve", to: plans.Approved, lo: 5, hi: 20})
	if ps.scenario == revised || ps.scenario == revising {
		g.revise(r, ps, h.day)
	}
}

// revise starts version 2 in spring or summer, a copy of version 1 with
// some lines raised and an activity added; for a revised plan it is
// approved and version 1 superseded.
func (g *generator) revise(r *rand.Rand, ps *planSet, approvedOn baove.Date) {
	v1 := ps.versions[0]
	v2 := g.copyVersion(r, v1, ps)
	ps.versions = append(ps.versions, v2)
	start := baove.NewDate(ps.year, 4, 1).AddDays(r.IntN(120))
	if start.Before(approvedOn.AddDays(30)) {
		start = approvedOn.AddDays(30)
	}
	h := &history{g: g, r: r, v: v2, day: start, today: g.yesterday}
	h.step(move{action: "revise", to: plans.Draft, reason: fmt.Sprintf("revision of version %d (id %d)", v1.plan.Version, v1.plan.ID)})
	if ps.scenario == revising {
		return
	}
	h.step(move{action: "submit", to: plans.Submitted, lo: 5, hi: 20})
	at := h.step(move{action: "approve", to: plans.Approved, lo: 5, hi: 20})
	(&history{g: g, r: r, v: v1}).record(at, move{action: "supersede", to: plans.Superseded, reason: "version 2 approved"})
}

// fill gives a version its activities, budget lines sharing total, and
// targets.
func (g *generator) fill(r *rand.Rand, v *version, year int, total int64) {
	for _, area := range g.chooseAreas(r) {
		g.addActivity(r, v, area, year)
	}
	var weights []float64
	for i := range v.activities {
		for _, src := range g.sourcesOf(r, v.activities[i].TaskArea, year, i == 0) {
			g.addLine(r, v, &v.activities[i], src)
			weights = append(weights, between(r, 0.5, 2))
		}
	}
	var sum float64
	for _, w := range weights {
		sum += w
	}
	for i := range v.lines {
		v.lines[i].Amount = max(roundDown(float64(total)*weights[i]/sum, 1_000_000), 5_000_000)
	}
	v.targets = targetsOf(r, v.plan.ID)
}

// chooseAreas draws the task areas a plan has activities under, in the
// directive's order: nearly always hotline, coordination and the Action
// Month (which compliance checks), often staffing and data, sometimes the
// rest.
func (g *generator) chooseAreas(r *rand.Rand) []string {
	likely := map[string]float64{"1.3": 0.93, "2.1": 0.93, "5.3": 0.93, "1.2": 0.85, "2.2": 0.85, "3.3": 0.85, "0": 0.7}
	var out []string
	for _, a := range g.areas {
		p, ok := likely[a.Code]
		if !ok {
			p = 0.45
		}
		for n := 0; n < 2 && chance(r, p); n++ {
			out = append(out, a.Code)
			p = 0.2
		}
	}
	if len(out) == 0 {
		out = append(out, g.areas[0].Code)
	}
	return out
}

func (g *generator) addActivity(r *rand.Rand, v *version, area string, year int) *plans.ActivityRecord {
	from := time.Month(1 + r.IntN(6))
	to := from + time.Month(r.IntN(int(13-from)))
	title := "Hoạt động thuộc nhiệm vụ " + area
	if titles := activityTitles[area]; len(titles) > 0 {
		title = pick(r, titles)
	}
	v.activities = append(v.activities, plans.ActivityRecord{ID: g.keys.next(&g.keys.activity), PlanID: v.plan.ID, Lineage: lineage(r),
		TaskArea: area, Title: title, LeadAgency: pick(r, leads), Partners: pick(r, partners),
		StartsOn: baove.NewDate(year, from, 1), EndsOn: baove.NewDate(year, to+1, 1).AddDays(-1), Position: len(v.activities) + 1})
	return &v.activities[len(v.activities)-1]
}

// sourcesOf draws the funding sources of an activity's lines: mostly the
// provincial budget (always for the first activity, so that every plan has
// a provincial line), central support only on task areas eligible for it
// in year (directive 3.2).
func (g *generator) sourcesOf(r *rand.Rand, area string, year int, first bool) []budget.FundingSource {
	var out []budget.FundingSource
	if first || chance(r, 0.85) {
		out = append(out, budget.Provincial)
	}
	if g.eligibleIn(area, year) && chance(r, 0.5) {
		out = append(out, budget.Central)
	}
	if chance(r, 0.3) {
		out = append(out, budget.Commune)
	}
	if chance(r, 0.1) || len(out) == 0 {
		out = append(out, budget.Other)
	}
	return out
}

// addLine adds a line of nothing yet from source to activity a of v, and
// returns it.
func (g *generator) addLine(r *rand.Rand, v *version, a *plans.ActivityRecord, source budget.FundingSource) *budget.LineRecord {
	v.lines = append(v.lines, budget.LineRecord{ID: g.keys.next(&g.keys.line), PlanID: v.plan.ID, Lineage: lineage(r), ActivityID: a.ID,
		FundingSource: source, BudgetItem: pick(r, budgetItems), Position: len(v.lines) + 1, TaskArea: a.TaskArea})
	return &v.lines[len(v.lines)-1]
}

// targetRanges are the provinces' own targets, in tenths, from lo to hi:
// often not the national ones (docs/domain.md §3).
var targetRanges = []struct {
	code   indicators.Code
	lo, hi int64
}{
	{"CP_COLLAB_VILLAGE", 700, 900}, {"CP_STAFF_TRAINED", 800, 1000}, {"CP_CSS_RATE", 45, 70}, {"CP_CSS_SUPPORTED", 850, 950},
	{"CP_ABUSE_HANDLED", 950, 1000}, {"CP_CHILD_FRIENDLY", 550, 800}, {"CP_PLAYSPACE", 300, 550}, {"CP_BIRTH_REG", 970, 995},
	{"CP_CHILD_LABOUR", 35, 55}, {"CP_INJURY_RATE", 4500, 6000},
}

// targetsOf draws a plan's targets: always the commune-worker target,
// which submission needs, and most of the others.
func targetsOf(r *rand.Rand, plan int64) []plans.TargetRecord {
	out := []plans.TargetRecord{{PlanID: plan, IndicatorCode: string(indicators.CommuneWorker), Value: "100"}}
	for _, t := range targetRanges {
		if chance(r, 0.6) {
			v := decimal.New(t.lo+r.Int64N(t.hi-t.lo+1), -1)
			out = append(out, plans.TargetRecord{PlanID: plan, IndicatorCode: string(t.code), Value: v.String()})
		}
	}
	return out
}

// copyVersion makes version 2 of v1: the same activities, lines (with
// their lineage, so that the ledger follows them) and targets, a third of
// the lines raised, and one activity with a provincial line added.
func (g *generator) copyVersion(r *rand.Rand, v1 *version, ps *planSet) *version {
	v2 := g.newVersion(ps.province, ps.year, 2)
	ids := make(map[int64]int64, len(v1.activities))
	for _, a := range v1.activities {
		ids[a.ID] = g.keys.next(&g.keys.activity)
		a.ID, a.PlanID = ids[a.ID], v2.plan.ID
		v2.activities = append(v2.activities, a)
	}
	for _, l := range v1.lines {
		l.ID, l.PlanID, l.ActivityID = g.keys.next(&g.keys.line), v2.plan.ID, ids[l.ActivityID]
		if chance(r, 0.3) {
			l.Amount = roundDown(float64(l.Amount)*between(r, 1.05, 1.2), 1_000_000)
		}
		v2.lines = append(v2.lines, l)
	}
	for _, t := range v1.targets {
		t.PlanID = v2.plan.ID
		v2.targets = append(v2.targets, t)
	}
	a := g.addActivity(r, v2, pick(r, []string{"1.2", "4.2", "5.1"}), ps.year)
	g.addLine(r, v2, a, budget.Provincial).Amount = roundDown(float64(ps.budget)*between(r, 0.03, 0.08), 1_000_000) + 5_000_000
	return v2
}
