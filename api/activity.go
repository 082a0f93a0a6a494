package api

import (
	"context"
	"strconv"

	"baove"
	"baove/plans"
)

// Activity is a plan's activity in API responses.
type Activity struct {
	ID             int64  `json:"id" example:"31"`
	Lineage        string `json:"lineage" doc:"The same across versions of the plan"`
	TaskArea       string `json:"task_area" example:"5.3" doc:"Code of the directive's task area"`
	Title          string `json:"title" example:"Tổ chức Tháng hành động vì trẻ em"`
	LeadAgency     string `json:"lead_agency,omitempty" example:"Sở Y tế"`
	Partners       string `json:"partners,omitempty" example:"Sở Giáo dục và Đào tạo; Đoàn Thanh niên"`
	StartsOn       string `json:"starts_on,omitempty" format:"date"`
	EndsOn         string `json:"ends_on,omitempty" format:"date"`
	ExpectedOutput string `json:"expected_output,omitempty" example:"100 % xã tổ chức hoạt động"`
}

func activityOf(a plans.Activity) Activity {
	return Activity{ID: int64(a.ID), Lineage: a.Lineage, TaskArea: a.TaskArea, Title: a.Title, LeadAgency: a.LeadAgency,
		Partners: a.Partners, StartsOn: a.StartsOn.String(), EndsOn: a.EndsOn.String(), ExpectedOutput: a.ExpectedOutput}
}

// ActivityBody is an activity as a planner writes it.
type ActivityBody struct {
	TaskArea       string         `json:"task_area" example:"5.3"`
	Title          Title          `json:"title" example:"Tổ chức Tháng hành động vì trẻ em"`
	LeadAgency     LeadAgency     `json:"lead_agency,omitempty" example:"Sở Y tế"`
	Partners       Partners       `json:"partners,omitempty"`
	StartsOn       string         `json:"starts_on,omitempty" example:"2026-06-01" doc:"Within the plan's year"`
	EndsOn         string         `json:"ends_on,omitempty" example:"2026-06-30" doc:"Within the plan's year"`
	ExpectedOutput ExpectedOutput `json:"expected_output,omitempty"`
}

// input converts the body, naming each bad date.
func (b ActivityBody) input() (plans.ActivityInput, error) {
	in := plans.ActivityInput{TaskArea: b.TaskArea, Title: string(b.Title), LeadAgency: string(b.LeadAgency),
		Partners: string(b.Partners), ExpectedOutput: string(b.ExpectedOutput)}
	var p baove.Problems
	in.StartsOn = optionalDate(&p, "starts_on", b.StartsOn)
	in.EndsOn = optionalDate(&p, "ends_on", b.EndsOn)
	return in, p.Err()
}

func optionalDate(p *baove.Problems, field, s string) baove.Date {
	if s == "" {
		return baove.Date{}
	}
	d, err := baove.ParseDate(s)
	if err != nil {
		p.AddKey(field, "field.date_form", nil, s)
	}
	return d
}

// AddActivityInput adds an activity.
type AddActivityInput struct {
	PlanPath
	Body ActivityBody
}

// ActivityCreatedOutput is a new activity, with the plan's new ETag.
type ActivityCreatedOutput struct {
	Status int
	ETag   string `header:"ETag"`
	Body   Activity
}

func (s *Server) addActivity(ctx context.Context, in *AddActivityInput) (*ActivityCreatedOutput, error) {
	input, err := in.Body.input()
	if err != nil {
		return nil, err
	}
	p, a, err := s.svc.Plans.AddActivity(ctx, caller(ctx), plans.ID(in.ID), input)
	if err != nil {
		return nil, err
	}
	return &ActivityCreatedOutput{Status: 201, ETag: etag(p), Body: activityOf(a)}, nil
}

// ActivityPath is the {activity_id} of a plan's activity.
type ActivityPath struct {
	PlanPath
	ActivityID int64 `path:"activity_id" minimum:"1" example:"31"`
}

// UpdateActivityInput changes some fields of an activity.
type UpdateActivityInput struct {
	ActivityPath
	IfMatch
	Body struct {
		TaskArea       *string         `json:"task_area,omitempty"`
		Title          *Title          `json:"title,omitempty"`
		LeadAgency     *LeadAgency     `json:"lead_agency,omitempty"`
		Partners       *Partners       `json:"partners,omitempty"`
		StartsOn       *string         `json:"starts_on,omitempty" doc:"Empty string clears it"`
		EndsOn         *string         `json:"ends_on,omitempty" doc:"Empty string clears it"`
		ExpectedOutput *ExpectedOutput `json:"expected_output,omitempty"`
	}
}

func (s *Server) updateActivity(ctx context.Context, in *UpdateActivityInput) (*PlanOutput, error) {
	b := in.Body
	var probs baove.Problems
	var starts, ends baove.Date
	if b.StartsOn != nil {
		starts = optionalDate(&probs, "starts_on", *b.StartsOn)
	}
	if b.EndsOn != nil {
		ends = optionalDate(&probs, "ends_on", *b.EndsOn)
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	ref := plans.ActivityRef{Plan: planRef(in.ID, in.IfMatch.IfMatch), Activity: plans.ActivityID(in.ActivityID)}
	return planOutput(s.svc.Plans.UpdateActivity(ctx, caller(ctx), ref, func(a *plans.ActivityInput) {
		set(&a.TaskArea, b.TaskArea)
		set(&a.Title, b.Title)
		set(&a.LeadAgency, b.LeadAgency)
		set(&a.Partners, b.Partners)
		set(&a.ExpectedOutput, b.ExpectedOutput)
		if b.StartsOn != nil {
			a.StartsOn = starts
		}
		if b.EndsOn != nil {
			a.EndsOn = ends
		}
	}))
}

func set[D, S ~string](dst *D, v *S) {
	if v != nil {
		*dst = D(*v)
	}
}

// DeleteActivityInput removes an activity.
type DeleteActivityInput struct {
	ActivityPath
	IfMatch
}

// ChangedOutput answers a deletion with the plan's new ETag.
type ChangedOutput struct {
	ETag string `header:"ETag"`
}

func (s *Server) deleteActivity(ctx context.Context, in *DeleteActivityInput) (*ChangedOutput, error) {
	ref := plans.ActivityRef{Plan: planRef(in.ID, in.IfMatch.IfMatch), Activity: plans.ActivityID(in.ActivityID)}
	p, err := s.svc.Plans.DeleteActivity(ctx, caller(ctx), ref)
	if err != nil {
		return nil, err
	}
	return &ChangedOutput{ETag: etag(p)}, nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
