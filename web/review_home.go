package web

import (
	"context"
	"fmt"

	"baove/access"
	"baove/i18n"
	"baove/plans"
)

// waitItem is one thing that waits for the reader, on their home page.
type waitItem struct {
	Text, URL string
}

// waiting returns what waits for the reader: for an approver, the plans of
// their province submitted to them; for a reviewer, the plans of the year
// the provinces have submitted but not yet issued, and how many are issued;
// for an administrator, the accounts held back at sign-in. Other roles have
// none here.
func (s *Server) waiting(ctx context.Context) ([]waitItem, error) {
	v := viewerOf(ctx)
	switch v.Role {
	case access.Approver:
		return s.approverWaiting(ctx)
	case access.Reviewer:
		return s.reviewerWaiting(ctx)
	case access.Admin:
		return s.adminWaiting(ctx) // admin_home.go
	}
	return nil, nil
}

func (s *Server) approverWaiting(ctx context.Context) ([]waitItem, error) {
	submitted, err := s.svc.Plans.Plans(ctx, viewerOf(ctx).Caller, plans.Filter{Status: plans.Submitted})
	if err != nil {
		return nil, err
	}
	var out []waitItem
	for _, p := range submitted {
		out = append(out, waitItem{URL: fmt.Sprintf("/review/%d", p.ID),
			Text: Tf(ctx, "web.home.wait_issue", i18n.Args{"title": p.Title, "year": p.Year, "version": p.Version})})
	}
	if len(out) == 0 {
		out = append(out, waitItem{Text: T(ctx, "web.review.queue_empty"), URL: "/review"})
	}
	return out, nil
}

func (s *Server) reviewerWaiting(ctx context.Context) ([]waitItem, error) {
	year := s.svc.Clock.Today().Year()
	all, err := s.svc.Plans.Plans(ctx, viewerOf(ctx).Caller, plans.Filter{Year: year})
	if err != nil {
		return nil, err
	}
	provinces, err := s.provinceList(ctx)
	if err != nil {
		return nil, err
	}
	var out []waitItem
	issued := 0
	for _, p := range all {
		switch p.Status {
		case plans.Approved:
			issued++
		case plans.Submitted:
			out = append(out, waitItem{URL: plansPath(p),
				Text: Tf(ctx, "web.home.wait_province", i18n.Args{"province": provinces.name(p.Province), "version": p.Version})})
		}
	}
	summary := waitItem{URL: fmt.Sprintf("/national?year=%d", year),
		Text: Tf(ctx, "web.home.wait_issued", i18n.Args{"n": issued, "of": len(provinces), "year": year})}
	late, err := s.lateReports(ctx)
	if err != nil {
		return nil, err
	}
	return append([]waitItem{summary, late}, out...), nil
}

// lateReports says how many provinces are late or missing with the last
// quarter's figures, linking to the reporting calendar.
func (s *Server) lateReports(ctx context.Context) (waitItem, error) {
	p := lastQuarter(s.svc.Clock.Today())
	rep, err := s.svc.Assessment.Reporting(ctx, viewerOf(ctx).Caller, p)
	if err != nil {
		return waitItem{}, err
	}
	return waitItem{URL: "/reporting?period=" + p.String(), Text: Tf(ctx, "web.home.wait_reports",
		i18n.Args{"period": p, "late": rep.Summary.Late, "missing": rep.Summary.Missing})}, nil
}
