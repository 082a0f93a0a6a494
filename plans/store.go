package plans

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/i18n"
	"baove/indicators"
	"baove/units"
	"baove/vn"
)

// Store keeps plans.
type Store struct {
	db        *database.DB
	clock     baove.Clock
	catalogue *indicators.Store
	parts     []Part
}

// NewStore returns a store over db. catalogue holds the indicators that
// targets name; budget is the part the budget attaches to plan versions
// (budget.Lines): revisions copy it, diffs show it, submission requires it
// and approval checks it. It fails when either is missing, so that no rule
// is silently dropped.
func NewStore(db *database.DB, clock baove.Clock, catalogue *indicators.Store, budget Part) (*Store, error) {
	if db == nil || catalogue == nil || budget == nil {
		return nil, errors.New("plans: NewStore needs a database, the indicator catalogue and the budget's part")
	}
	return &Store{db: db, clock: clock, catalogue: catalogue, parts: []Part{budget}}, nil
}

// Part is data another domain attaches to a plan version. Its methods run in
// the plans transaction they are given.
type Part interface {
	// Name names the part in diffs and errors, e.g. "budget_lines".
	Name() string
	// RequiredForSubmission reports whether a plan needs at least one item
	// of the part before it may be submitted.
	RequiredForSubmission() bool
	// Count returns how many items the plan version has.
	Count(ctx context.Context, db bun.IDB, plan ID) (int, error)
	// Copy copies the items of version from to version to; activities maps
	// from's activities to their copies.
	Copy(ctx context.Context, db bun.IDB, from, to ID, activities map[ActivityID]ActivityID) error
	// Items returns the plan version's items for diffs, keyed by an identity
	// stable across versions, each as field name → value.
	Items(ctx context.Context, db bun.IDB, plan ID) (map[string]map[string]any, error)
	// Check returns an application error when the plan version may not be
	// submitted or approved as it stands (e.g. a revised line below what was
	// already paid from it).
	Check(ctx context.Context, db bun.IDB, plan ID) error
	// Lock takes, in the transaction db, the lock that the part's own
	// writes take for a province-year, before a version of its plan is
	// approved (which changes what the part allows, e.g. what may be paid).
	Lock(ctx context.Context, db bun.IDB, province units.ProvinceCode, year int) error
}

// NewPlan is what creating a plan takes.
type NewPlan struct {
	Province  units.ProvinceCode
	Year      int
	Title     string
	Narrative string
}

// Create starts version 1 of a province's plan for a year, as a draft. Only
// the province's planner may. It returns EINVALID for bad fields and
// ECONFLICT when the province already has a plan for the year.
func (s *Store) Create(ctx context.Context, c access.Caller, n NewPlan) (Plan, error) {
	if err := c.CanAct(n.Province, access.Planner); err != nil {
		return Plan{}, err
	}
	n.Title, n.Narrative = vn.NFC(n.Title), vn.NFC(n.Narrative)
	var p baove.Problems
	p.AddYear("year", n.Year)
	checkTitle(&p, "title", n.Title)
	checkFree(&p, "narrative", n.Narrative, 20000)
	if err := p.Err(); err != nil {
		return Plan{}, err
	}
	now := s.clock.Now()
	r := PlanRecord{ProvinceCode: string(n.Province), Year: n.Year, Version: 1, Status: Draft, Title: n.Title,
		Narrative: n.Narrative, Revision: 1, CreatedAt: now, UpdatedAt: now}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&r).Exec(ctx); err != nil {
			return err
		}
		if err := s.event(ctx, tx, c, EventRecord{PlanID: r.ID, Action: "create", ToStatus: Draft}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Change{At: now, Actor: c.Actor(), Action: "plan.create", Entity: "plan",
			EntityID: idStr(r.ID), ProvinceCode: r.ProvinceCode, AfterState: r.plan()})
	})
	switch {
	case database.IsUniqueViolation(err):
		return Plan{}, baove.E(baove.ECONFLICT, "plan.exists", i18n.Args{"province": string(n.Province), "year": strconv.Itoa(n.Year)})
	case database.IsForeignKeyViolation(err):
		return Plan{}, baove.InvalidKey("province_code", "unit.province.unknown", nil, n.Province)
	case err != nil:
		return Plan{}, fmt.Errorf("plans: create: %w", err)
	}
	return s.load(ctx, s.db, r)
}

// The longest texts of a plan, in characters. The API's schema states the
// same bounds from these constants.
const (
	MaxTitle          = 500   // a plan's, an activity's or a task area's title
	MaxLeadAgency     = 500   // an activity's lead agency
	MaxPartners       = 2000  // an activity's partners
	MaxExpectedOutput = 4000  // an activity's expected output
	MaxNarrative      = 20000 // a plan's narrative
)

// checkTitle refuses an empty title, or one that is longer than 500
// characters or not one line of text.
func checkTitle(p *baove.Problems, field, title string) {
	if title == "" {
		p.AddKey(field, "field.required", nil, nil)
		return
	}
	checkLine(p, field, title, MaxTitle)
}

// Plan returns a plan version with its activities, targets and history. A
// reviewer reads every province's plans; a planner, approver or finance
// officer their own province's (others' are ENOTFOUND); an administrator none (EFORBIDDEN).
func (s *Store) Plan(ctx context.Context, c access.Caller, id ID) (Plan, error) {
	r, err := s.readRow(ctx, id)
	if err != nil {
		return Plan{}, err
	}
	if err := visible(c, r); err != nil {
		return Plan{}, err
	}
	return s.load(ctx, s.db, r)
}

// Head returns a plan version without its parts (its activities, targets
// and history are left empty): whose plan it is, its year, status and
// issuance, under the same rules as Plan, in one read. The stores that only
// need to know a plan's province and year read this.
func (s *Store) Head(ctx context.Context, c access.Caller, id ID) (Plan, error) {
	r, err := s.readRow(ctx, id)
	if err != nil {
		return Plan{}, err
	}
	if err := visible(c, r); err != nil {
		return Plan{}, err
	}
	return r.plan(), nil
}

// visible returns nil when c may read the plan of r; for a provincial user
// (planner, approver, finance officer) of another province it is ENOTFOUND, so that they cannot
// even learn which plans exist.
func visible(c access.Caller, r PlanRecord) error {
	if c.Role.Provincial() && string(c.Province) != r.ProvinceCode {
		return notFound(ID(r.ID))
	}
	return c.CanRead(units.ProvinceCode(r.ProvinceCode))
}

func notFound(id ID) error {
	return baove.E(baove.ENOTFOUND, "plan.not_found", i18n.Args{"id": int64(id)})
}

// row reads a plan version, locked for the transaction when lock is set.
func (s *Store) row(ctx context.Context, db bun.IDB, id ID, lock bool) (PlanRecord, error) {
	var r PlanRecord
	var err error
	if lock {
		err = s.db.ForUpdate(db.NewSelect().Model(&r).Where("p.id = ?", int64(id))).Scan(ctx)
	} else {
		err = s.db.Select(ctx, db, &r, s.selectPlans()+" WHERE p.id = ?", int64(id))
	}
	if errors.Is(err, sql.ErrNoRows) {
		return r, notFound(id)
	} else if err != nil {
		return r, fmt.Errorf("plans: plan %d: %w", id, err)
	}
	return r, nil
}

// load completes a plan version with its activities, targets and history.
func (s *Store) load(ctx context.Context, db bun.IDB, r PlanRecord) (Plan, error) {
	p := r.plan()
	var acts []ActivityRecord
	if err := s.db.Select(ctx, db, &acts, "SELECT "+s.db.Columns((*ActivityRecord)(nil), "a")+
		" FROM activities AS a WHERE a.plan_id = ? ORDER BY a.position, a.id", r.ID); err != nil {
		return p, fmt.Errorf("plans: activities of %d: %w", r.ID, err)
	}
	for _, a := range acts {
		p.Activities = append(p.Activities, a.activity())
	}
	var targets []TargetRecord
	if err := s.db.Select(ctx, db, &targets, "SELECT "+s.db.Columns((*TargetRecord)(nil), "t")+
		" FROM plan_targets AS t JOIN indicators AS i ON i.code = t.indicator_code WHERE t.plan_id = ? ORDER BY i.position",
		r.ID); err != nil {
		return p, fmt.Errorf("plans: targets of %d: %w", r.ID, err)
	}
	for _, t := range targets {
		p.Targets = append(p.Targets, t.target())
	}
	var events []EventRecord
	if err := s.db.Select(ctx, db, &events, "SELECT "+s.db.Columns((*EventRecord)(nil), "e")+
		" FROM plan_events AS e WHERE e.plan_id = ? ORDER BY e.id", r.ID); err != nil {
		return p, fmt.Errorf("plans: history of %d: %w", r.ID, err)
	}
	for _, e := range events {
		ev := e.event()
		if e.Action == "approve" {
			ev.Issuance = p.Issuance // a version is approved once
		}
		p.History = append(p.History, ev)
	}
	return p, nil
}

// Filter selects plans; zero fields select all.
type Filter struct {
	Province units.ProvinceCode
	Year     int
	Status   Status
}

// Plans lists plan versions (without their parts) by province, year and
// version. A planner, approver or finance officer sees their own province's only and
// gets EFORBIDDEN for asking after another's; an administrator EFORBIDDEN.
func (s *Store) Plans(ctx context.Context, c access.Caller, f Filter) ([]Plan, error) {
	switch {
	case f.Province != "":
		if err := c.CanRead(f.Province); err != nil {
			return nil, err
		}
	case c.Role.Provincial():
		f.Province = c.Province
	default:
		if err := c.Require(access.Reviewer); err != nil {
			return nil, err
		}
	}
	var rows []PlanRecord
	var where []string
	var args []any
	if f.Province != "" {
		where, args = append(where, "p.province_code = ?"), append(args, string(f.Province))
	}
	if f.Year != 0 {
		where, args = append(where, "p.year = ?"), append(args, f.Year)
	}
	if f.Status != "" {
		where, args = append(where, "p.status = ?"), append(args, string(f.Status))
	}
	q := s.selectPlans()
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	if err := s.db.Select(ctx, s.db, &rows, q+" ORDER BY p.province_code, p.year, p.version", args...); err != nil {
		return nil, fmt.Errorf("plans: list: %w", err)
	}
	out := make([]Plan, len(rows))
	for i, r := range rows {
		out[i] = r.plan()
	}
	return out, nil
}

// Versions lists every version of the plan id belongs to, oldest first, in
// one read.
func (s *Store) Versions(ctx context.Context, c access.Caller, id ID) ([]Plan, error) {
	rows, err := s.readVersions(ctx, id)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(rows, func(r PlanRecord) bool { return r.ID == int64(id) })
	if err := visible(c, rows[i]); err != nil {
		return nil, err
	}
	out := make([]Plan, len(rows))
	for i, v := range rows {
		out[i] = v.plan()
	}
	return out, nil
}

// selectPlans is the start of a prepared read of plan rows (p), for the
// reads that add their conditions and order.
func (s *Store) selectPlans() string {
	return "SELECT " + s.db.Columns((*PlanRecord)(nil), "p") + " FROM plans AS p"
}

// versionRows reads the rows of every version of the province-year of
// version id, in version order, in one query; none when id is unknown.
func (s *Store) versionRows(ctx context.Context, id ID) ([]PlanRecord, error) {
	var rows []PlanRecord
	if err := s.db.Select(ctx, s.db, &rows, s.selectPlans()+
		" WHERE (p.province_code, p.year) = (SELECT province_code, year FROM plans WHERE id = ?) ORDER BY p.version",
		int64(id)); err != nil {
		return nil, fmt.Errorf("plans: versions of %d: %w", id, err)
	}
	return rows, nil
}

// event writes e, a step of a plan's history taken now by c.
func (s *Store) event(ctx context.Context, tx bun.IDB, c access.Caller, e EventRecord) error {
	e.At, e.ActorID, e.Actor = s.clock.Now(), c.UserID, c.Username
	_, err := tx.NewInsert().Model(&e).Exec(ctx)
	return err
}

func idStr(id int64) string { return strconv.FormatInt(id, 10) }
