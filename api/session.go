package api

import (
	"context"
	"time"

	"baove/access"
)

// User is an account in API responses.
type User struct {
	ID           int64     `json:"id" example:"7"`
	Username     string    `json:"username" example:"planner.dienbien"`
	FullName     string    `json:"full_name" example:"Lò Thị Hoa"`
	Role         string    `json:"role" enum:"admin,reviewer,planner,finance"`
	ProvinceCode string    `json:"province_code,omitempty" example:"11" doc:"Set for planners and finance officers"`
	Disabled     bool      `json:"disabled"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

func userOf(u access.User) User {
	return User{ID: u.ID, Username: u.Username, FullName: u.FullName, Role: string(u.Role),
		ProvinceCode: string(u.Province), Disabled: u.Disabled, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

// LoginInput is a username and password.
type LoginInput struct {
	Body struct {
		Username Username `json:"username" minLength:"1" example:"planner.dienbien"`
		Password Password `json:"password" minLength:"1" example:"correct horse battery"`
	}
}

// LoginOutput is a new session.
type LoginOutput struct {
	Body struct {
		Token     string    `json:"token" doc:"Send as Authorization: Bearer <token>"`
		ExpiresAt time.Time `json:"expires_at"`
		User      User      `json:"user"`
	}
}

func (s *Server) login(ctx context.Context, in *LoginInput) (*LoginOutput, error) {
	sess, err := s.svc.Access.Login(ctx, string(in.Body.Username), string(in.Body.Password), RequestID(ctx))
	if err != nil {
		return nil, err
	}
	out := &LoginOutput{}
	out.Body.Token, out.Body.ExpiresAt, out.Body.User = sess.Token, sess.ExpiresAt, userOf(sess.User)
	return out, nil
}

func (s *Server) logout(ctx context.Context, _ *struct{}) (*struct{}, error) {
	return nil, s.svc.Access.Logout(ctx, caller(ctx), token(ctx))
}

// UserOutput is one user.
type UserOutput struct {
	Body User
}

func (s *Server) getMe(ctx context.Context, _ *struct{}) (*UserOutput, error) {
	u, err := s.svc.Access.Me(ctx, caller(ctx))
	if err != nil {
		return nil, err
	}
	return &UserOutput{Body: userOf(u)}, nil
}

// PasswordInput changes one's own password.
type PasswordInput struct {
	Body struct {
		CurrentPassword Password    `json:"current_password" minLength:"1" example:"correct horse battery"`
		NewPassword     NewPassword `json:"new_password" example:"a longer passphrase"`
	}
}

func (s *Server) changeMyPassword(ctx context.Context, in *PasswordInput) (*struct{}, error) {
	return nil, s.svc.Access.ChangePassword(ctx, caller(ctx), string(in.Body.CurrentPassword), string(in.Body.NewPassword),
		token(ctx))
}
