package plans

import (
	"context"
	"slices"
	"sync"
)

// rowMemo holds the plan rows a read-only request has read (Remember): by
// version, and every version of a province-year, in version order.
type rowMemo struct {
	mu    sync.Mutex
	rows  map[ID]PlanRecord
	years map[yearKey][]PlanRecord
}

// yearKey names the versions of one province's plan for one year.
type yearKey struct {
	province string
	year     int
}

type memoKey struct{}

// Remember returns a context in which each plan version's row is read from
// the database once, however many services ask whose plan it is: for a
// request that only reads (a page or an API GET), where the plan page reads
// the plan, its versions, and its budget lines, comments and attachments
// each check the same plan again. The first read of a version reads its
// siblings' rows with it (the same province and year), which Versions then
// answers from. Reads in a transaction, and every write, read the database
// itself.
func Remember(ctx context.Context) context.Context {
	return context.WithValue(ctx, memoKey{}, &rowMemo{rows: map[ID]PlanRecord{}, years: map[yearKey][]PlanRecord{}})
}

// readRow reads a plan version's row outside a transaction, once per
// request under Remember.
func (s *Store) readRow(ctx context.Context, id ID) (PlanRecord, error) {
	m, ok := ctx.Value(memoKey{}).(*rowMemo)
	if !ok {
		return s.row(ctx, s.db, id, false)
	}
	m.mu.Lock()
	r, ok := m.rows[id]
	m.mu.Unlock()
	if ok {
		return r, nil
	}
	rows, err := s.versionRows(ctx, id)
	if err != nil {
		return PlanRecord{}, err
	}
	return m.keep(id, rows)
}

// readVersions reads the rows of every version of the province-year of
// version id, in version order, once per request under Remember.
func (s *Store) readVersions(ctx context.Context, id ID) ([]PlanRecord, error) {
	m, ok := ctx.Value(memoKey{}).(*rowMemo)
	if !ok {
		rows, err := s.versionRows(ctx, id)
		if err == nil && !slices.ContainsFunc(rows, func(r PlanRecord) bool { return r.ID == int64(id) }) {
			err = notFound(id)
		}
		return rows, err
	}
	r, err := s.readRow(ctx, id)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.years[yearKey{r.ProvinceCode, r.Year}], nil
}

// keep remembers the rows of a province-year's versions and returns
// version id's among them; ENOTFOUND when it is not.
func (m *rowMemo) keep(id ID, rows []PlanRecord) (PlanRecord, error) {
	i := slices.IndexFunc(rows, func(r PlanRecord) bool { return r.ID == int64(id) })
	if i < 0 {
		return PlanRecord{}, notFound(id)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range rows {
		m.rows[ID(r.ID)] = r
	}
	m.years[yearKey{rows[i].ProvinceCode, rows[i].Year}] = rows
	return rows[i], nil
}
