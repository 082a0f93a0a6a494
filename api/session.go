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
	Role         string    `json:"role" enum:"admin,reviewer,planner,approver,finance"`
	ProvinceCode string    `json:"province_code,omitempty" example:"11" doc:"Set for planners, approvers and finance officers"`
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

// FailedAttempts tells the owner of an account about the attempts that
// failed on it before this session's sign-in.
type FailedAttempts struct {
	Count       int        `json:"count" doc:"Failed sign-ins (and wrong current passwords) on the account between its previous sign-in and this session's"`
	LastAt      *time.Time `json:"last_at,omitempty" doc:"When the last of them happened"`
	LastAddress string     `json:"last_address,omitempty" example:"203.0.113.7" doc:"The client address the last of them came from"`
}

func failedAttemptsOf(f access.FailedAttempts) FailedAttempts {
	out := FailedAttempts{Count: f.Count, LastAddress: f.LastAddress}
	if !f.LastAt.IsZero() {
		out.LastAt = &f.LastAt
	}
	return out
}

// LoginOutput is a new session.
type LoginOutput struct {
	Body struct {
		Token          string         `json:"token" doc:"Send as Authorization: Bearer <token>"`
		ExpiresAt      time.Time      `json:"expires_at"`
		User           User           `json:"user"`
		FailedAttempts FailedAttempts `json:"failed_attempts_since_last_login"`
	}
}

func (s *Server) login(ctx context.Context, in *LoginInput) (*LoginOutput, error) {
	sess, err := s.svc.Access.Login(ctx, access.Attempt{Username: string(in.Body.Username), Password: string(in.Body.Password),
		Address: ClientAddress(ctx), RequestID: RequestID(ctx)})
	if err != nil {
		return nil, err
	}
	out := &LoginOutput{}
	out.Body.Token, out.Body.ExpiresAt, out.Body.User = sess.Token, sess.ExpiresAt, userOf(sess.User)
	out.Body.FailedAttempts = failedAttemptsOf(sess.FailedAttempts)
	return out, nil
}

func (s *Server) logout(ctx context.Context, _ *struct{}) (*struct{}, error) {
	return nil, s.svc.Access.Logout(ctx, caller(ctx), token(ctx))
}

// UserOutput is one user.
type UserOutput struct {
	Body User
}

// Me is the signed-in user, with what their sign-in told them.
type Me struct {
	User
	FailedAttempts FailedAttempts `json:"failed_attempts_since_last_login"`
}

// MeOutput is the signed-in user.
type MeOutput struct {
	Body Me
}

func (s *Server) getMe(ctx context.Context, _ *struct{}) (*MeOutput, error) {
	u, err := s.svc.Access.Me(ctx, caller(ctx))
	if err != nil {
		return nil, err
	}
	failed, err := s.svc.Access.FailedAttempts(ctx, caller(ctx), token(ctx))
	if err != nil {
		return nil, err
	}
	return &MeOutput{Body: Me{User: userOf(u), FailedAttempts: failedAttemptsOf(failed)}}, nil
}

// PasswordInput changes one's own password.
type PasswordInput struct {
	Body struct {
		CurrentPassword Password    `json:"current_password" minLength:"1" example:"correct horse battery"`
		NewPassword     NewPassword `json:"new_password" example:"a longer passphrase" doc:"At least 12 characters; not a common password, a repetition or a sequence, nor containing the username"`
	}
}

func (s *Server) changeMyPassword(ctx context.Context, in *PasswordInput) (*struct{}, error) {
	return nil, s.svc.Access.ChangePassword(ctx, caller(ctx), access.PasswordChange{Current: string(in.Body.CurrentPassword),
		Next: string(in.Body.NewPassword), KeepToken: token(ctx), Address: ClientAddress(ctx)})
}
