package api

import (
	"context"
	"time"

	"baove/access"
	"baove/units"
)

// CreateUserInput creates a user.
type CreateUserInput struct {
	Body struct {
		Username     string `json:"username" example:"planner.dienbien" doc:"3–64 lower-case letters, digits, dot, dash, underscore"`
		FullName     string `json:"full_name,omitempty" example:"Lò Thị Hoa"`
		Role         string `json:"role" enum:"admin,reviewer,planner,approver,finance"`
		ProvinceCode string `json:"province_code,omitempty" example:"11" doc:"For planner, approver, finance; not admin, reviewer"`
		Password     string `json:"password" example:"correct horse battery" doc:"At least 12 characters; not a common password, a repetition or a sequence, nor containing the username"`
	}
}

// UserCreatedOutput is a new user.
type UserCreatedOutput struct {
	Status int
	Body   User
}

func (s *Server) createUser(ctx context.Context, in *CreateUserInput) (*UserCreatedOutput, error) {
	b := in.Body
	u, err := s.svc.Access.CreateUser(ctx, caller(ctx), access.NewUser{Username: b.Username, FullName: b.FullName,
		Role: access.Role(b.Role), Province: units.ProvinceCode(b.ProvinceCode), Password: b.Password})
	if err != nil {
		return nil, err
	}
	return &UserCreatedOutput{Status: 201, Body: userOf(u)}, nil
}

// UserListOutput lists users.
type UserListOutput struct {
	Body struct {
		Items []User `json:"items"`
	}
}

func (s *Server) listUsers(ctx context.Context, _ *struct{}) (*UserListOutput, error) {
	us, err := s.svc.Access.Users(ctx, caller(ctx))
	if err != nil {
		return nil, err
	}
	out := &UserListOutput{}
	out.Body.Items = make([]User, len(us))
	for i, u := range us {
		out.Body.Items[i] = userOf(u)
	}
	return out, nil
}

// UserPath is the {id} of a user.
type UserPath struct {
	ID int64 `path:"id" minimum:"1" example:"7"`
}

func (s *Server) getUser(ctx context.Context, in *UserPath) (*UserOutput, error) {
	u, err := s.svc.Access.User(ctx, caller(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &UserOutput{Body: userOf(u)}, nil
}

// UpdateUserInput changes some fields of a user; absent fields stay.
type UpdateUserInput struct {
	UserPath
	Body struct {
		FullName     *string `json:"full_name,omitempty" example:"Lò Thị Hoa"`
		Role         *string `json:"role,omitempty" enum:"admin,reviewer,planner,approver,finance"`
		ProvinceCode *string `json:"province_code,omitempty" example:"11" doc:"Empty string removes the province (for admin and reviewer)"`
		Disabled     *bool   `json:"disabled,omitempty" doc:"Disabling revokes the user's tokens at once"`
		Password     *string `json:"password,omitempty" doc:"Sets a new password and revokes the user's tokens"`
	}
}

func (s *Server) updateUser(ctx context.Context, in *UpdateUserInput) (*UserOutput, error) {
	b := in.Body
	p := access.UserPatch{FullName: b.FullName, Disabled: b.Disabled, Password: b.Password}
	if b.Role != nil {
		r := access.Role(*b.Role)
		p.Role = &r
	}
	if b.ProvinceCode != nil {
		c := units.ProvinceCode(*b.ProvinceCode)
		p.Province = &c
	}
	u, err := s.svc.Access.UpdateUser(ctx, caller(ctx), in.ID, p)
	if err != nil {
		return nil, err
	}
	return &UserOutput{Body: userOf(u)}, nil
}

// Throttle is what holds a user back at sign-in now: the failures on their
// username within the window that no administrator lifted.
type Throttle struct {
	Failures  int        `json:"failures" doc:"Failed sign-ins on the username within the window (15 minutes), not lifted"`
	Slowed    bool       `json:"slowed" doc:"From 5 failures on, each attempt on the username waits"`
	Addresses []string   `json:"addresses" doc:"Addresses (an IPv6 address by its /64) the user failed from that are refused now"`
	Until     *time.Time `json:"until,omitempty" doc:"When the throttle ends by itself at the latest; absent when none holds"`
}

func throttleOf(t access.Throttle) Throttle {
	out := Throttle{Failures: t.Failures, Slowed: t.Slowed, Addresses: t.Addresses}
	if out.Addresses == nil {
		out.Addresses = []string{}
	}
	if !t.Until.IsZero() {
		out.Until = &t.Until
	}
	return out
}

// ThrottleOutput is a user's sign-in throttle.
type ThrottleOutput struct {
	Body Throttle
}

func (s *Server) liftThrottle(ctx context.Context, in *UserPath) (*ThrottleOutput, error) {
	t, err := s.svc.Access.LiftThrottle(ctx, caller(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &ThrottleOutput{Body: throttleOf(t)}, nil
}
