// Package audit keeps the append-only trail of every change: who did what to
// which entity, the state before and after, when, and in which request.
// Stores write an entry with Record inside the transaction of the change, so
// that a change and its entry are committed or lost together. The table has
// triggers that refuse UPDATE and DELETE on both engines; nothing in the
// service edits or deletes an entry.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Actor is who made a change.
type Actor struct {
	UserID    int64  // 0 for the system (CLI, start-up, demo loader)
	Name      string // username, or "system:…"
	RequestID string // the HTTP request id, when the change came through the API
}

// Entry is one audit record.
type Entry struct {
	ID           int64
	At           time.Time
	Actor        Actor
	Action       string // e.g. "plan.submit", "user.update", "login.failed"
	Entity       string // e.g. "plan", "user"
	EntityID     string
	ProvinceCode string // the province whose data changed, when there is one
	Before       json.RawMessage
	After        json.RawMessage
}

type row struct {
	bun.BaseModel `bun:"table:audit_log"`

	ID           int64 `bun:",pk,autoincrement"`
	At           time.Time
	ActorID      int64  `bun:",nullzero"`
	Actor        string `bun:"actor"`
	Action       string
	Entity       string
	EntityID     string
	ProvinceCode string `bun:",nullzero"`
	BeforeState  string `bun:",nullzero"`
	AfterState   string `bun:",nullzero"`
	RequestID    string
}

// Record appends the entry c within db (normally the transaction of the
// change). Its states are marshalled to JSON; nil means "none". It fails
// only when the write fails.
func Record(ctx context.Context, db bun.IDB, c Change) error {
	return RecordAll(ctx, db, []Change{c})
}

// Change is an entry to record with RecordAll.
type Change struct {
	At                       time.Time
	Actor                    Actor
	Action, Entity, EntityID string
	ProvinceCode             string
	BeforeState, AfterState  any
}

// RecordAll appends many entries within db in one statement per 500, for
// bulk operations such as imports. It fails only when a write fails.
func RecordAll(ctx context.Context, db bun.IDB, changes []Change) error {
	rows := make([]row, 0, len(changes))
	for _, c := range changes {
		r := row{At: c.At.UTC(), ActorID: c.Actor.UserID, Actor: c.Actor.Name, Action: c.Action, Entity: c.Entity,
			EntityID: c.EntityID, ProvinceCode: c.ProvinceCode, RequestID: c.Actor.RequestID}
		var err error
		if r.BeforeState, err = marshal(c.BeforeState); err != nil {
			return err
		}
		if r.AfterState, err = marshal(c.AfterState); err != nil {
			return err
		}
		rows = append(rows, r)
	}
	for start := 0; start < len(rows); start += 500 {
		chunk := rows[start:min(start+500, len(rows))]
		if _, err := db.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return fmt.Errorf("audit: record %d entries: %w", len(chunk), err)
		}
	}
	return nil
}

func marshal(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("audit: marshal state: %w", err)
	}
	return string(b), nil
}

func (r row) entry() Entry {
	e := Entry{ID: r.ID, At: r.At, Actor: Actor{UserID: r.ActorID, Name: r.Actor, RequestID: r.RequestID},
		Action: r.Action, Entity: r.Entity, EntityID: r.EntityID, ProvinceCode: r.ProvinceCode}
	if r.BeforeState != "" {
		e.Before = json.RawMessage(r.BeforeState)
	}
	if r.AfterState != "" {
		e.After = json.RawMessage(r.AfterState)
	}
	return e
}
