package plans

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/i18n"
	"baove/notify"
)

type commentRow struct {
	bun.BaseModel `bun:"table:plan_comments,alias:pc"`

	ID               int64 `bun:",pk,autoincrement"`
	PlanID           int64
	Kind             CommentKind
	Text             string
	AuthorID         int64 `bun:",nullzero"`
	Author           string
	CreatedAt        time.Time
	ClosedAt         *time.Time
	ClosedBy         string
	ResolvedByPlanID int64 `bun:",nullzero"`
	Version          int   `bun:",scanonly"`
}

func (r commentRow) comment() Comment {
	return Comment{ID: CommentID(r.ID), Plan: ID(r.PlanID), Version: r.Version, Kind: r.Kind, Text: r.Text,
		Author: r.Author, CreatedAt: r.CreatedAt, ClosedAt: r.ClosedAt, ClosedBy: r.ClosedBy, ResolvedBy: ID(r.ResolvedByPlanID)}
}

// AddComment writes the caller's comment on plan version id. Only a
// ministry reviewer may, on any province's plan (a provincial user gets
// ENOTFOUND for another province's plan and EFORBIDDEN for their own). It
// returns EINVALID naming each bad field of n.
func (s *Store) AddComment(ctx context.Context, c access.Caller, id ID, n NewComment) (Comment, error) {
	r, err := s.row(ctx, s.db, id, false)
	if err != nil {
		return Comment{}, err
	}
	if err := visible(c, r); err != nil {
		return Comment{}, err
	}
	if err := c.Require(access.Reviewer); err != nil {
		return Comment{}, err
	}
	if err := n.check(); err != nil {
		return Comment{}, err
	}
	row := commentRow{PlanID: r.ID, Kind: n.Kind, Text: n.Text, AuthorID: c.UserID, Author: c.Username,
		CreatedAt: s.clock.Now(), Version: r.Version}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
			return err
		}
		a := Audit{"plan_comment.create", "plan_comment", idStr(row.ID), nil, row.comment()}
		if err := s.recordAudit(ctx, tx, c, r.ProvinceCode, a); err != nil {
			return err
		}
		return s.tell(ctx, tx, c, commentKinds[n.Kind], r, i18n.Args{"text": notify.Text(n.Text)})
	})
	return row.comment(), translate(err, "comment on plan")
}

// Comments returns the comments on every version of the plan id belongs to
// (its province and year), oldest first, to whoever may read the plan.
func (s *Store) Comments(ctx context.Context, c access.Caller, id ID) ([]Comment, error) {
	r, err := s.readRow(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := visible(c, r); err != nil {
		return nil, err
	}
	rows, err := s.comments(ctx, s.db, "p.province_code = ? AND p.year = ?", r.ProvinceCode, r.Year)
	if err != nil {
		return nil, err
	}
	out := make([]Comment, len(rows))
	for i, row := range rows {
		out[i] = row.comment()
	}
	return out, nil
}

// comments reads the comments matching where, with their plan's version,
// oldest first.
func (s *Store) comments(ctx context.Context, db bun.IDB, where string, args ...any) ([]commentRow, error) {
	var rows []commentRow
	err := s.db.Select(ctx, db, &rows, "SELECT "+s.db.Columns((*commentRow)(nil), "pc")+
		", p.version FROM plan_comments AS pc JOIN plans AS p ON p.id = pc.plan_id WHERE "+where+" ORDER BY pc.id", args...)
	if err != nil {
		return nil, fmt.Errorf("plans: comments: %w", err)
	}
	return rows, nil
}

// CommentRef names a comment on the plan whose version the caller names.
type CommentRef struct {
	Plan    ID
	Comment CommentID
}

// CloseComment closes an open revision request on the plan ref names (any
// version of it). Only a ministry reviewer may. It returns ENOTFOUND when
// the plan has no such comment, and ECONFLICT when the comment is not a
// revision request or is closed already.
func (s *Store) CloseComment(ctx context.Context, c access.Caller, ref CommentRef) (Comment, error) {
	var after commentRow
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		r, err := s.row(ctx, tx, ref.Plan, true)
		if err != nil {
			return err
		}
		if err := visible(c, r); err != nil {
			return err
		}
		if err := c.Require(access.Reviewer); err != nil {
			return err
		}
		before, err := s.comment(ctx, tx, r, ref.Comment)
		if err != nil {
			return err
		}
		if err := before.comment().closable(); err != nil {
			return err
		}
		now := s.clock.Now()
		after = before
		after.ClosedAt, after.ClosedBy = &now, c.Username
		if _, err := tx.NewUpdate().Model(&after).Column("closed_at", "closed_by").WherePK().Exec(ctx); err != nil {
			return err
		}
		return s.recordAudit(ctx, tx, c, r.ProvinceCode, Audit{"plan_comment.close", "plan_comment", idStr(after.ID),
			before.comment(), after.comment()})
	})
	return after.comment(), translate(err, "close comment")
}

// comment reads comment id on a version of r's plan; ENOTFOUND otherwise.
func (s *Store) comment(ctx context.Context, tx bun.Tx, r PlanRecord, id CommentID) (commentRow, error) {
	rows, err := s.comments(ctx, tx, "pc.id = ? AND p.province_code = ? AND p.year = ?", int64(id), r.ProvinceCode, r.Year)
	if err != nil {
		return commentRow{}, err
	}
	if len(rows) == 0 {
		return commentRow{}, baove.E(baove.ENOTFOUND, "plan.comment.not_found", i18n.Args{"id": int64(id)})
	}
	return rows[0], nil
}

// resolveRequests closes the open revision requests on the versions before
// r, which the issuance of r answers, naming r as their resolution.
func (s *Store) resolveRequests(ctx context.Context, tx bun.Tx, c access.Caller, r PlanRecord) error {
	open, err := s.comments(ctx, tx, "p.province_code = ? AND p.year = ? AND p.version < ? AND pc.kind = ? "+
		"AND pc.closed_at IS NULL", r.ProvinceCode, r.Year, r.Version, string(RevisionRequest))
	if err != nil {
		return err
	}
	now := s.clock.Now()
	for _, before := range open {
		after := before
		after.ClosedAt, after.ClosedBy, after.ResolvedByPlanID = &now, c.Username, r.ID
		q := tx.NewUpdate().Model(&after).Column("closed_at", "closed_by", "resolved_by_plan_id").WherePK()
		if _, err := q.Exec(ctx); err != nil {
			return err
		}
		if err := s.recordAudit(ctx, tx, c, r.ProvinceCode, Audit{"plan_comment.resolve", "plan_comment", idStr(after.ID),
			before.comment(), after.comment()}); err != nil {
			return err
		}
	}
	return nil
}
