package api

import (
	"context"
	"encoding/json"
	"time"

	"baove/audit"
)

// AuditEntry is one record of the audit trail.
type AuditEntry struct {
	ID           int64           `json:"id"`
	At           time.Time       `json:"at"`
	ActorID      int64           `json:"actor_id,omitempty" doc:"Absent for the system"`
	Actor        string          `json:"actor" example:"planner.dienbien"`
	Action       string          `json:"action" example:"plan.submit"`
	Entity       string          `json:"entity" example:"plan"`
	EntityID     string          `json:"entity_id,omitempty" example:"12"`
	ProvinceCode string          `json:"province_code,omitempty" example:"11"`
	Before       json.RawMessage `json:"before,omitempty" doc:"State before the change"`
	After        json.RawMessage `json:"after,omitempty" doc:"State after the change"`
	RequestID    string          `json:"request_id,omitempty"`
}

// AuditInput filters the trail.
type AuditInput struct {
	Actor        string     `query:"actor" maxLength:"100" example:"admin" doc:"Who made the change: a username or system:…"`
	Entity       string     `query:"entity" maxLength:"40" example:"plan"`
	EntityID     string     `query:"entity_id" maxLength:"40" example:"12"`
	ProvinceCode string     `query:"province_code" pattern:"^[0-9]{2}$" example:"11"`
	Since        time.Time  `query:"since" doc:"Entries at or after this instant (RFC 3339)"`
	Until        time.Time  `query:"until" doc:"Entries before this instant (RFC 3339)"`
	BeforeID     int64      `query:"before_id" minimum:"0" doc:"Page backwards: entries older than this id"`
	Limit        AuditLimit `query:"limit"`
}

// AuditOutput is a page of the trail, newest first.
type AuditOutput struct {
	Body struct {
		Items []AuditEntry `json:"items"`
	}
}

func (s *Server) listAudit(ctx context.Context, in *AuditInput) (*AuditOutput, error) {
	es, err := s.svc.Audit.List(ctx, caller(ctx), audit.Filter{Actor: in.Actor, Entity: in.Entity, EntityID: in.EntityID,
		Province: in.ProvinceCode, Since: in.Since, Until: in.Until, BeforeID: in.BeforeID, Limit: int(in.Limit)})
	if err != nil {
		return nil, err
	}
	out := &AuditOutput{}
	out.Body.Items = make([]AuditEntry, len(es))
	for i, e := range es {
		out.Body.Items[i] = AuditEntry{ID: e.ID, At: e.At, ActorID: e.Actor.UserID, Actor: e.Actor.Name, Action: e.Action,
			Entity: e.Entity, EntityID: e.EntityID, ProvinceCode: e.ProvinceCode, Before: e.Before, After: e.After,
			RequestID: e.Actor.RequestID}
	}
	return out, nil
}
