package api

import (
	"baove/i18n"
	"context"
	"time"

	"baove"
)

// StatusOutput is the answer of the probes.
type StatusOutput struct {
	Body struct {
		Status string `json:"status" example:"ok" doc:"ok when the probe passes"`
	}
}

func (s *Server) healthz(ctx context.Context, _ *struct{}) (*StatusOutput, error) {
	out := &StatusOutput{}
	out.Body.Status = "ok"
	return out, nil
}

func (s *Server) readyz(ctx context.Context, _ *struct{}) (*StatusOutput, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := s.svc.DB.Ready(ctx); err != nil {
		s.logger(ctx).Warn("not ready", "error", err.Error())
		return nil, &baove.Error{Code: baove.EUNAVAILABLE, Key: "database.unreachable", Args: i18n.Args{"seconds": 10},
			RetryAfter: 10 * time.Second}
	}
	return s.healthz(ctx, nil)
}
