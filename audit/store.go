package audit

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Store reads the trail.
type Store struct {
	db bun.IDB
}

// NewStore returns a store over db.
func NewStore(db bun.IDB) *Store { return &Store{db: db} }

// Filter selects entries; zero fields select everything.
type Filter struct {
	Entity   string
	EntityID string
	// Province restricts entries to one province's.
	Province string
	Since    time.Time
	// BeforeID pages backwards: entries with a smaller id.
	BeforeID int64
	Limit    int
}

// Viewer is who asks to read the trail.
type Viewer interface {
	// AuditScope tells whether the viewer may read the trail, and, when
	// province is not empty, that it may read that province's entries only.
	AuditScope() (province string, err error)
}

// List returns the entries matching f that v may read, newest first. A
// planner or finance officer reads their province's entries only, whatever f
// asks; it returns EFORBIDDEN for a viewer who may not read the trail.
func (s *Store) List(ctx context.Context, v Viewer, f Filter) ([]Entry, error) {
	only, err := v.AuditScope()
	if err != nil {
		return nil, err
	}
	if only != "" {
		if f.Province != "" && f.Province != only {
			return nil, nil
		}
		f.Province = only
	}
	var rows []row
	q := s.db.NewSelect().Model(&rows).OrderExpr("id DESC")
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
	if f.BeforeID > 0 {
		q = q.Where("id < ?", f.BeforeID)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	if err := q.Limit(int64(limit)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("audit: list: %w", err)
	}
	out := make([]Entry, len(rows))
	for i, r := range rows {
		out[i] = r.entry()
	}
	return out, nil
}
