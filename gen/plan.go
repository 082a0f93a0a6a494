package gen

import (
	"fmt"
	"math/rand/v2"
	"time"

	"baove"
	"baove/budget"
	"baove/plans"
)

// scenario is how a province's plan for a year went through review.
type scenario int

const (
	approved             scenario = iota // version 1 approved
	returnedThenApproved                 // returned once, resubmitted, approved
	revised                              // version 1 superseded by an approved version 2
	revising                             // version 1 approved, version 2 a draft
	submitted                            // waiting for review
	returned                             // returned, not yet resubmitted
	draft                                // never submitted
)

// scenarioOf draws how the plan went: in past years nearly every plan was
// approved; this year some still wait for review or were returned.
func scenarioOf(r *rand.Rand, current bool) scenario {
	cumulative := []float64{0.70, 0.82, 0.94, 0.97, 0.985, 1, 1}
	if current {
		cumulative = []float64{0.45, 0.55, 0.63, 0.70, 0.80, 0.90, 1}
	}
	u := r.Float64()
	for s, c := range cumulative {
		if u < c {
			return scenario(s)
		}
	}
	return draft
}

// version is one plan version with its content and history.
type version struct {
	plan       plans.PlanRecord
	activities []plans.ActivityRecord
	targets    []plans.TargetRecord
	lines      []budget.LineRecord
	events     []plans.EventRecord
	approvedAt time.Time // zero unless it was approved
}

// planSet is a province's plan for a year: its versions, oldest first.
type planSet struct {
	province *province
	year     int
	scenario scenario
	versions []*version
	budget   int64 // what version 1 plans in all
}

// inForce returns the version that was approved first, whose lines take
// payments until a revision is approved; nil when none was approved.
func (ps *planSet) inForce() *version {
	if v := ps.versions[0]; !v.approvedAt.IsZero() {
		return v
	}
	return nil
}

// revision returns version 2 when it was approved, and when.
func (ps *planSet) revision() (*version, baove.Date) {
	if len(ps.versions) < 2 || ps.versions[1].approvedAt.IsZero() {
		return nil, baove.Date{}
	}
	return ps.versions[1], baove.DateOf(ps.versions[1].approvedAt)
}

// approvals returns the approvals that put versions in force: version 1's
// and that of a revision, which supersedes it.
func (ps *planSet) approvals() []*approval {
	v := ps.inForce()
	if v == nil {
		return nil
	}
	out := []*approval{{v: v, at: v.approvedAt}}
	if v2, _ := ps.revision(); v2 != nil {
		out = append(out, &approval{v: v2, supersedes: v, at: v2.approvedAt})
	}
	return out
}

// counting returns the version whose lines the services count: the one in
// force, else the latest.
func (ps *planSet) counting() *version {
	if v, _ := ps.revision(); v != nil {
		return v
	}
	if v := ps.inForce(); v != nil {
		return v
	}
	return ps.versions[len(ps.versions)-1]
}

// plan makes a province's plan for year with its history.
func (g *generator) plan(p *province, year int) *planSet {
	r := stream(g.o.Seed, "plan", p.code, year)
	ps := &planSet{province: p, year: year, scenario: scenarioOf(stream(g.o.Seed, "scenario", p.code, year), year == g.last)}
	ps.budget = g.budgetOf(r, p, year)
	v1 := g.newVersion(p, year, 1)
	g.fill(r, v1, year, ps.budget)
	ps.versions = []*version{v1}
	g.review(r, ps)
	for _, v := range ps.versions {
		v.plan.Revision += int64(len(v.activities) + len(v.targets) + len(v.lines) + len(v.events) - 1)
	}
	return ps
}

// budgetOf draws what a province plans for child protection in a year: a
// few billion đồng, more for provinces with more communes, growing about
// 5 % a year (docs/domain.md §8).
func (g *generator) budgetOf(r *rand.Rand, p *province, year int) int64 {
	base := 2e9 + float64(len(p.communes))*8e7
	growth := 1.0
	for y := 2017; y < year; y++ {
		growth *= 1.05
	}
	return roundDown(base*growth*between(r, 0.8, 1.2), 1_000_000)
}

func (g *generator) newVersion(p *province, year, n int) *version {
	return &version{plan: plans.PlanRecord{ID: g.keys.next(&g.keys.plan), ProvinceCode: p.code, Year: year, Version: n, Status: plans.Draft,
		Title:     fmt.Sprintf("Kế hoạch thực hiện công tác bảo vệ trẻ em năm %d", year),
		Narrative: fmt.Sprintf("Triển khai Chỉ thị năm 2017 về tăng cường giải pháp phòng, chống bạo lực, xâm hại trẻ em trên địa bàn %s.", p.name),
		Revision:  1}}
}

// history writes a version's workflow events, one after another.
type history struct {
	g     *generator
	r     *rand.Rand
	v     *version
	day   baove.Date
	today baove.Date
}

// move is a step of the review workflow: an action that moves a version to
// a status, with a reason for some.
type move struct {
	action string
	to     plans.Status
	reason string
	// lo and hi bound the days waited after the previous step.
	lo, hi int
}

// step records m lo to hi days after the previous step, never after today.
func (h *history) step(m move) time.Time {
	if len(h.v.events) > 0 {
		h.day = h.day.AddDays(m.lo + h.r.IntN(m.hi-m.lo+1))
	}
	h.day = minDate(h.day, h.today)
	at := officeTime(h.r, h.day)
	if n := len(h.v.events); n > 0 && !at.After(h.v.events[n-1].At) {
		at = h.v.events[n-1].At.Add(time.Minute)
	}
	return h.record(at, m)
}

func (h *history) record(at time.Time, m move) time.Time {
	h.v.events = append(h.v.events, plans.EventRecord{ID: h.g.keys.next(&h.g.keys.event), PlanID: h.v.plan.ID, At: at, Actor: Actor,
		Action: m.action, FromStatus: h.v.plan.Status, ToStatus: m.to, Reason: m.reason})
	if m.action == "create" || m.action == "revise" {
		h.v.events[len(h.v.events)-1].FromStatus = ""
		h.v.plan.CreatedAt = at
	}
	h.v.plan.Status, h.v.plan.UpdatedAt = m.to, at
	if m.to == plans.Approved {
		h.v.approvedAt = at
	}
	return at
}

func minDate(a, b baove.Date) baove.Date {
	if b.Before(a) {
		return b
	}
	return a
}
