package plans

import (
	"time"

	"baove"
	"baove/i18n"
	"baove/vn"
)

// CommentID identifies a comment on a plan.
type CommentID int64

// CommentKind says what a comment of the ministry asks of the province.
type CommentKind string

// Comment kinds.
const (
	// Remark is a comment that asks for nothing in particular.
	Remark CommentKind = "comment"
	// RevisionRequest asks the province to revise its plan: it stays open
	// until the province issues a later version or the reviewer closes it.
	RevisionRequest CommentKind = "revision_requested"
)

// MaxComment is the longest text of a comment, in characters.
const MaxComment = 4000

// Comment is the ministry reviewer's comment on a version of a province's
// plan, which the province reads with the plan.
type Comment struct {
	ID        CommentID   `json:"id"`
	Plan      ID          `json:"plan_id"`
	Version   int         `json:"version"`
	Kind      CommentKind `json:"kind"`
	Text      string      `json:"text"`
	Author    string      `json:"author"`
	CreatedAt time.Time   `json:"created_at"`
	// ClosedAt is when a revision request stopped being open: the reviewer
	// closed it (ClosedBy) or a later version was issued (ResolvedBy).
	ClosedAt   *time.Time `json:"closed_at,omitempty"`
	ClosedBy   string     `json:"closed_by,omitempty"`
	ResolvedBy ID         `json:"resolved_by_plan_id,omitempty"`
}

// Open reports whether the comment is a revision request still waiting for
// the province.
func (c Comment) Open() bool { return c.Kind == RevisionRequest && c.ClosedAt == nil }

// NewComment is what commenting on a plan takes.
type NewComment struct {
	Kind CommentKind
	Text string
}

// check normalises n and returns EINVALID naming each bad field: the kind
// is one of the two, the text is free text of 1 to MaxComment characters.
func (n *NewComment) check() error {
	n.Text = vn.NFC(n.Text)
	var p baove.Problems
	if n.Kind != Remark && n.Kind != RevisionRequest {
		p.AddKey("kind", "plan.comment.kind", nil, n.Kind)
	}
	if n.Text == "" {
		p.AddKey("text", "plan.comment.text_required", nil, nil)
	} else if len([]rune(n.Text)) > MaxComment {
		p.AddKey("text", "field.too_long", i18n.Args{"max": i18n.Count(MaxComment)}, nil)
	}
	checkText(&p, "text", n.Text, true)
	return p.Err()
}

// closable returns ECONFLICT unless c is an open revision request.
func (c Comment) closable() error {
	switch {
	case c.Kind != RevisionRequest:
		return baove.E(baove.ECONFLICT, "plan.comment.not_a_request", i18n.Args{"id": int64(c.ID)})
	case c.ClosedAt != nil:
		return baove.E(baove.ECONFLICT, "plan.comment.already_closed", i18n.Args{"id": int64(c.ID)})
	}
	return nil
}
