package api

import (
	"context"
	"time"

	"baove/plans"
)

// Comment is a ministry reviewer's comment on a plan version.
type Comment struct {
	ID        int64      `json:"id" example:"3"`
	PlanID    int64      `json:"plan_id" example:"12" doc:"The version commented on"`
	Version   int        `json:"version" example:"1"`
	Kind      string     `json:"kind" enum:"comment,revision_requested"`
	Text      string     `json:"text"`
	Author    string     `json:"author" example:"reviewer"`
	CreatedAt time.Time  `json:"created_at"`
	Open      bool       `json:"open" doc:"A revision request no later issued version answered and the reviewer did not close"`
	ClosedAt  *time.Time `json:"closed_at,omitempty"`
	ClosedBy  string     `json:"closed_by,omitempty"`
	// ResolvedByPlanID names the later version whose issuance answered a
	// revision request.
	ResolvedByPlanID int64 `json:"resolved_by_plan_id,omitempty" doc:"The later version whose issuance answered the request"`
}

func commentOf(c plans.Comment) Comment {
	return Comment{ID: int64(c.ID), PlanID: int64(c.Plan), Version: c.Version, Kind: string(c.Kind), Text: c.Text,
		Author: c.Author, CreatedAt: c.CreatedAt, Open: c.Open(), ClosedAt: c.ClosedAt, ClosedBy: c.ClosedBy,
		ResolvedByPlanID: int64(c.ResolvedBy)}
}

// CommentOutput is one comment.
type CommentOutput struct {
	Body Comment
}

// AddCommentInput comments on a plan version.
type AddCommentInput struct {
	PlanPath
	Body struct {
		Text string `json:"text" example:"Đề nghị bổ sung truyền thông Tổng đài 111." doc:"Free text, at most 4000 characters"`
		Kind string `json:"kind" enum:"comment,revision_requested" doc:"A revision request is open until answered or closed"`
	}
}

// CommentCreatedOutput is a new comment.
type CommentCreatedOutput struct {
	Status int
	Body   Comment
}

func (s *Server) addComment(ctx context.Context, in *AddCommentInput) (*CommentCreatedOutput, error) {
	c, err := s.svc.Plans.AddComment(ctx, caller(ctx), plans.ID(in.ID),
		plans.NewComment{Kind: plans.CommentKind(in.Body.Kind), Text: in.Body.Text})
	if err != nil {
		return nil, err
	}
	return &CommentCreatedOutput{Status: 201, Body: commentOf(c)}, nil
}

// CommentListOutput lists comments, oldest first.
type CommentListOutput struct {
	Body struct {
		Items []Comment `json:"items"`
	}
}

func (s *Server) listComments(ctx context.Context, in *PlanPath) (*CommentListOutput, error) {
	cs, err := s.svc.Plans.Comments(ctx, caller(ctx), plans.ID(in.ID))
	if err != nil {
		return nil, err
	}
	out := &CommentListOutput{}
	out.Body.Items = make([]Comment, len(cs))
	for i, c := range cs {
		out.Body.Items[i] = commentOf(c)
	}
	return out, nil
}

// CommentPath names a comment on a plan.
type CommentPath struct {
	PlanPath
	CommentID int64 `path:"comment_id" minimum:"1" example:"3"`
}

func (s *Server) closeComment(ctx context.Context, in *CommentPath) (*CommentOutput, error) {
	ref := plans.CommentRef{Plan: plans.ID(in.ID), Comment: plans.CommentID(in.CommentID)}
	c, err := s.svc.Plans.CloseComment(ctx, caller(ctx), ref)
	if err != nil {
		return nil, err
	}
	return &CommentOutput{Body: commentOf(c)}, nil
}
