package database

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/singleflight"
)

// Memo keeps values read from the database by key, each for as long as
// nothing has been committed to the database since it was read (see
// Changes): a reader asks for the database's mark, which costs one trivial
// statement, and gets the kept value when the mark is the one it was read
// under, else reads it afresh. Readers that miss at once with the same key
// and mark wait for one read. It keeps the values of the last few keys
// only. Values are shared: callers must not change them.
//
// It is for what many people read at once and writers change seldom, such
// as the national figures every reviewer opens: each instance keeps its
// own, checked against the one database, so instances stay stateless.
type Memo[K comparable, V any] struct {
	db    *DB
	keys  int
	group singleflight.Group

	mu   sync.Mutex
	kept map[K]entry[V]
	used []K // least recently used first
}

type entry[V any] struct {
	mark  string
	value V
}

// NewMemo returns a memo over db that keeps the values of at most keys
// keys.
func NewMemo[K comparable, V any](db *DB, keys int) *Memo[K, V] {
	return &Memo[K, V]{db: db, keys: max(keys, 1), kept: map[K]entry[V]{}}
}

// Get returns the value of key: the one kept, when nothing was committed
// since it was read; else what read returns, which is kept unless it
// fails.
func (m *Memo[K, V]) Get(ctx context.Context, key K, read func(ctx context.Context) (V, error)) (V, error) {
	mark, err := m.db.Changes(ctx)
	if err != nil {
		var zero V
		return zero, err
	}
	if v, ok := m.lookup(key, mark); ok {
		return v, nil
	}
	// The readers that wait for this read share it: one leaving does not
	// end it for the others.
	v, err, _ := m.group.Do(fmt.Sprintf("%v\x00%s", key, mark), func() (any, error) {
		v, err := read(context.WithoutCancel(ctx))
		if err == nil {
			m.keep(key, mark, v)
		}
		return v, err
	})
	return v.(V), err
}

func (m *Memo[K, V]) lookup(key K, mark string) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k, ok := m.kept[key]
	if !ok || k.mark != mark {
		var zero V
		return zero, false
	}
	m.touch(key)
	return k.value, true
}

func (m *Memo[K, V]) keep(key K, mark string, v V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.kept[key] = entry[V]{mark: mark, value: v}
	m.touch(key)
	for len(m.used) > m.keys {
		delete(m.kept, m.used[0])
		m.used = m.used[1:]
	}
}

// touch makes key the most recently used.
func (m *Memo[K, V]) touch(key K) {
	for i, k := range m.used {
		if k == key {
			m.used = append(m.used[:i], m.used[i+1:]...)
			break
		}
	}
	m.used = append(m.used, key)
}
