package web

import (
	"context"

	"baove/attachments"
	"baove/plans"
)

// issuanceView is the document that issued a plan version, in words.
type issuanceView struct {
	DocumentNo, IssuedOn, Signer, IssuedBy string
}

// issuanceOf returns the issuance as the page shows it; nil for a version
// not issued.
func issuanceOf(ctx context.Context, is *plans.Issuance) *issuanceView {
	if is == nil {
		return nil
	}
	v := &issuanceView{DocumentNo: is.DocumentNoText(langOf(ctx)), IssuedBy: is.IssuedBy, Signer: is.SignerName}
	if !is.IssuedOn.IsZero() {
		v.IssuedOn = Num(ctx, is.IssuedOn)
	}
	if is.SignerTitle != "" {
		v.Signer = is.SignerTitle + " " + is.SignerName
	}
	return v
}

// commentRow is a comment of the ministry on a version of the plan.
type commentRow struct {
	At, Author, Text string
	Version          int
	Request, Open    bool // a revision request; still open
}

// planComments reads the comments on every version of the plan.
func (s *Server) planComments(ctx context.Context, view *planView) error {
	comments, err := s.svc.Plans.Comments(ctx, viewerOf(ctx).Caller, view.Plan.ID)
	for _, c := range comments {
		view.Comments = append(view.Comments, commentRow{At: s.when(ctx, c.CreatedAt), Author: c.Author, Text: c.Text,
			Version: c.Version, Request: c.Kind == plans.RevisionRequest, Open: c.Open()})
	}
	return err
}

// attachmentRow is a file attached to the plan version, with the link the
// API serves it at (the session cookie opens it).
type attachmentRow struct {
	Name, URL string
	Current   bool // not replaced by a later file
}

// planAttachments reads the files attached to the version (the signed
// scan of its issuance).
func (s *Server) planAttachments(ctx context.Context, view *planView) error {
	files, err := s.svc.Attachments.List(ctx, viewerOf(ctx).Caller, attachments.PlanOwner(view.Plan.ID))
	for _, f := range files {
		name := f.FileName
		if f.Title != "" {
			name = f.Title + " (" + f.FileName + ")"
		}
		view.Attachments = append(view.Attachments, attachmentRow{Name: name, URL: "/api/v1/attachments/" + itoa(f.ID),
			Current: f.SupersededBy == 0})
	}
	return err
}
