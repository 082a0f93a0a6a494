package plans

import (
	"context"
	"sync"
)

// rowMemo holds the plan rows a read-only request has read (Remember).
type rowMemo struct {
	mu   sync.Mutex
	rows map[ID]PlanRecord
}

type memoKey struct{}

// Remember returns a context in which each plan version's row is read from
// the database once, however many services ask whose plan it is: for a
// request that only reads (a page or an API GET), where the plan page reads
// the plan, and its budget lines, comments and attachments each check the
// same plan again. Reads in a transaction, and every write, read the
// database itself.
func Remember(ctx context.Context) context.Context {
	return context.WithValue(ctx, memoKey{}, &rowMemo{rows: map[ID]PlanRecord{}})
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
	r, err := s.row(ctx, s.db, id, false)
	if err == nil {
		m.mu.Lock()
		m.rows[id] = r
		m.mu.Unlock()
	}
	return r, err
}
