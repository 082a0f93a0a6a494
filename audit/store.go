package audit

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"
)

// Store reads the trail.
type Store struct {
	db bun.IDB
}

// NewStore returns a store over db.
func NewStore(db bun.IDB) *Store { return &Store{db: db} }

// Page sizes of List: DefaultLimit entries when the filter asks for none,
// at most MaxLimit. The API's schema states the same from these constants.
const (
	DefaultLimit = 100
	MaxLimit     = 500
)

// Filter selects entries; zero fields select everything.
type Filter struct {
	// Actor is who made the change: a username, or "system:…".
	Actor    string
	Entity   string
	EntityID string
	// Province restricts entries to one province's.
	Province string
	// Since and Until bound the instants of the entries: at or after
	// Since, before Until.
	Since, Until time.Time
	// BeforeID pages backwards: entries with a smaller id.
	BeforeID int64
	// Limit is the page size: DefaultLimit when 0 or out of range.
	Limit int
}

// Scope is the part of the trail a viewer may read; the zero Scope is the
// whole trail.
type Scope struct {
	// Province, when set, limits the viewer to that province's entries.
	Province string
	// Entities, when not nil, limits the viewer to entries about these
	// entities (e.g. "user", "task_area").
	Entities []string
}

// Viewer is who asks to read the trail.
type Viewer interface {
	// AuditScope returns the part of the trail the viewer may read, or
	// EFORBIDDEN for a viewer who may read none of it.
	AuditScope() (Scope, error)
}

// List returns the entries matching f within the part of the trail v may
// read, newest first: a filter that asks for entries outside it (another
// province, an entity the viewer does not see) finds none. It returns
// EFORBIDDEN for a viewer who may not read the trail.
func (s *Store) List(ctx context.Context, v Viewer, f Filter) ([]Entry, error) {
	scope, err := v.AuditScope()
	if err != nil {
		return nil, err
	}
	if !scope.allows(f) {
		return []Entry{}, nil
	}
	var rows []row
	q := s.db.NewSelect().Model(&rows).OrderExpr("id DESC")
	q = scope.apply(f.apply(q))
	if err := q.Limit(int64(f.limit())).Scan(ctx); err != nil {
		return nil, fmt.Errorf("audit: list: %w", err)
	}
	out := make([]Entry, len(rows))
	for i, r := range rows {
		out[i] = r.entry()
	}
	return out, nil
}

// allows reports whether what f asks for lies within the scope.
func (sc Scope) allows(f Filter) bool {
	if sc.Province != "" && f.Province != "" && f.Province != sc.Province {
		return false
	}
	return sc.Entities == nil || f.Entity == "" || slices.Contains(sc.Entities, f.Entity)
}

func (sc Scope) apply(q *bun.SelectQuery) *bun.SelectQuery {
	if sc.Province != "" {
		q = q.Where("province_code = ?", sc.Province)
	}
	if sc.Entities != nil {
		q = q.Where("entity IN (?)", bun.In(sc.Entities))
	}
	return q
}

func (f Filter) apply(q *bun.SelectQuery) *bun.SelectQuery {
	if f.Actor != "" {
		q = q.Where("actor = ?", f.Actor)
	}
	if f.Entity != "" {
		q = q.Where("entity = ?", f.Entity)
	}
	if f.EntityID != "" {
		q = q.Where("entity_id = ?", f.EntityID)
	}
	if f.Province != "" {
		q = q.Where("province_code = ?", f.Province)
	}
	if !f.Since.IsZero() {
		q = q.Where("at >= ?", f.Since.UTC())
	}
	if !f.Until.IsZero() {
		q = q.Where("at < ?", f.Until.UTC())
	}
	if f.BeforeID > 0 {
		q = q.Where("id < ?", f.BeforeID)
	}
	return q
}

func (f Filter) limit() int {
	if f.Limit <= 0 || f.Limit > MaxLimit {
		return DefaultLimit
	}
	return f.Limit
}
