package plans_test

import (
	"testing"

	"golang.org/x/text/unicode/norm"

	"baove"
	"baove/access"
	"baove/app"
	"baove/database"
	"baove/database/dbtest"
	"baove/plans"
)

// issuedPlan is Hà Nội's 2026 plan, issued by its approver.
func issuedPlan(t *testing.T, svc *app.Services) plans.Plan {
	t.Helper()
	p := readyPlan(t, svc)
	p = ok(t)(svc.Plans.Submit(ctx, plannerHN, plans.Ref{ID: p.ID}))
	return ok(t)(svc.Plans.Approve(ctx, approverHN, plans.Ref{ID: p.ID}, issued))
}

func TestComments_TheReviewerWritesAndTheProvinceReads(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := issuedPlan(t, svc)
		text := norm.NFD.String("Đề nghị bổ sung hoạt động tại các xã vùng cao.\nXem mục 2.2.")
		c, err := s.AddComment(ctx, reviewer, p.ID, plans.NewComment{Kind: plans.Remark, Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if c.Text != norm.NFC.String(text) || c.Author != "reviewer" || c.Version != 1 || c.Plan != p.ID || c.Open() {
			t.Fatalf("comment %+v", c)
		}
		for _, who := range []access.Caller{plannerHN, approverHN, financeHN, reviewer} {
			cs, err := s.Comments(ctx, who, p.ID)
			if err != nil || len(cs) != 1 || cs[0].Text != c.Text {
				t.Errorf("%s reads %+v, %v; want the comment", who.Username, cs, err)
			}
		}
		_, err = s.Comments(ctx, plannerDB, p.ID)
		wantCode(t, "another province's planner reads the comments", err, baove.ENOTFOUND)
		_, err = s.Comments(ctx, admin, p.ID)
		wantCode(t, "an administrator reads the comments", err, baove.EFORBIDDEN)
		for _, who := range []access.Caller{plannerHN, approverHN, financeHN, admin} {
			_, err := s.AddComment(ctx, who, p.ID, plans.NewComment{Kind: plans.Remark, Text: "x"})
			wantCode(t, who.Username+" comments", err, baove.EFORBIDDEN)
		}
	})
}

func TestComments_RefuseBadInputNamingTheField(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		p := readyPlan(t, svc) // a draft may be commented on too
		for _, c := range []struct {
			in    plans.NewComment
			field string
		}{
			{plans.NewComment{Kind: plans.Remark, Text: "  "}, "text"},
			{plans.NewComment{Kind: plans.Remark, Text: "a\x00b"}, "text"},
			{plans.NewComment{Kind: "approve", Text: "x"}, "kind"},
		} {
			_, err := svc.Plans.AddComment(ctx, reviewer, p.ID, c.in)
			var e *baove.Error
			if !asError(err, &e) || e.Code != baove.EINVALID || len(e.Fields) != 1 || e.Fields[0].Field != c.field {
				t.Errorf("%+v: %v, want EINVALID naming %s", c.in, err, c.field)
			}
		}
		_, err := svc.Plans.AddComment(ctx, reviewer, 999999, plans.NewComment{Kind: plans.Remark, Text: "x"})
		wantCode(t, "a comment on no plan", err, baove.ENOTFOUND)
	})
}

func TestRevisionRequest_StaysOpenUntilALaterVersionIsIssued(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		v1 := issuedPlan(t, svc)
		ask := plans.NewComment{Kind: plans.RevisionRequest, Text: "Đề nghị điều chỉnh kế hoạch."}
		req, err := s.AddComment(ctx, reviewer, v1.ID, ask)
		if err != nil || !req.Open() {
			t.Fatalf("request %+v, %v; want open", req, err)
		}
		v2 := ok(t)(s.Revise(ctx, plannerHN, v1.ID))
		v2 = ok(t)(s.Submit(ctx, plannerHN, plans.Ref{ID: v2.ID}))
		if cs, _ := s.Comments(ctx, plannerHN, v2.ID); len(cs) != 1 || !cs[0].Open() {
			t.Fatalf("while the revision waits: %+v, want the request open", cs)
		}
		ok(t)(s.Approve(ctx, approverHN, plans.Ref{ID: v2.ID}, issued))
		cs, err := s.Comments(ctx, plannerHN, v1.ID)
		if err != nil || len(cs) != 1 || cs[0].Open() || cs[0].ResolvedBy != v2.ID || cs[0].ClosedAt == nil ||
			cs[0].Version != 1 {
			t.Fatalf("after the revision is issued: %+v, %v; want the request resolved by version 2", cs, err)
		}
		_, err = s.CloseComment(ctx, reviewer, plans.CommentRef{Plan: v2.ID, Comment: req.ID})
		wantCode(t, "close a resolved request", err, baove.ECONFLICT)
	})
}

func TestRevisionRequest_TheReviewerClosesIt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := issuedPlan(t, svc)
		req, _ := s.AddComment(ctx, reviewer, p.ID, plans.NewComment{Kind: plans.RevisionRequest, Text: "Đề nghị điều chỉnh."})
		remark, _ := s.AddComment(ctx, reviewer, p.ID, plans.NewComment{Kind: plans.Remark, Text: "Góp ý."})
		ref := plans.CommentRef{Plan: p.ID, Comment: req.ID}
		for _, who := range []access.Caller{plannerHN, approverHN} {
			_, err := s.CloseComment(ctx, who, ref)
			wantCode(t, who.Username+" closes the request", err, baove.EFORBIDDEN)
		}
		_, err := s.CloseComment(ctx, plannerDB, ref)
		wantCode(t, "another province's planner closes it", err, baove.ENOTFOUND)
		closed, err := s.CloseComment(ctx, reviewer, ref)
		if err != nil || closed.Open() || closed.ClosedBy != "reviewer" || closed.ResolvedBy != 0 {
			t.Fatalf("closed: %+v, %v", closed, err)
		}
		_, err = s.CloseComment(ctx, reviewer, ref)
		wantCode(t, "close it twice", err, baove.ECONFLICT)
		_, err = s.CloseComment(ctx, reviewer, plans.CommentRef{Plan: p.ID, Comment: remark.ID})
		wantCode(t, "close a comment", err, baove.ECONFLICT)
		_, err = s.CloseComment(ctx, reviewer, plans.CommentRef{Plan: p.ID, Comment: 999999})
		wantCode(t, "close no comment", err, baove.ENOTFOUND)
	})
}

func TestComments_AnotherPlansCommentIsNotFoundThroughThisPlan(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		hn := readyPlan(t, svc)
		db11 := ok(t)(s.Create(ctx, plannerDB, plans.NewPlan{Province: "11", Year: 2026, Title: "Kế hoạch năm 2026"}))
		req, err := s.AddComment(ctx, reviewer, db11.ID, plans.NewComment{Kind: plans.RevisionRequest, Text: "Đề nghị."})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.CloseComment(ctx, reviewer, plans.CommentRef{Plan: hn.ID, Comment: req.ID})
		wantCode(t, "close Điện Biên's request through Hà Nội's plan", err, baove.ENOTFOUND)
		if cs, _ := s.Comments(ctx, plannerHN, hn.ID); len(cs) != 0 {
			t.Fatalf("Hà Nội reads %+v", cs)
		}
	})
}
