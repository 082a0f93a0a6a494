package api

import (
	"context"
	"time"

	"baove/notify"
)

// Notification is an entry of the caller's inbox.
type Notification struct {
	ID           int64      `json:"id" example:"41"`
	Kind         string     `json:"kind" example:"plan_submitted" doc:"What happened (notify.Kinds)"`
	Text         string     `json:"text" example:"Hà Nội: the 2026 plan (version 1) was submitted." doc:"In the request's language"`
	ProvinceCode string     `json:"province_code,omitempty" example:"01"`
	Link         string     `json:"link,omitempty" example:"/plans/12" doc:"The page it is about, on the service's pages"`
	CreatedAt    time.Time  `json:"created_at"`
	ReadAt       *time.Time `json:"read_at,omitempty" doc:"When the user opened it; absent while unread"`
}

func notificationOf(ctx context.Context, n notify.Notification) Notification {
	return Notification{ID: n.ID, Kind: string(n.Kind), Text: n.Text(Lang(ctx)), ProvinceCode: string(n.Province),
		Link: n.Link, CreatedAt: n.CreatedAt, ReadAt: n.ReadAt}
}

// NotificationsInput asks for a page of one's inbox.
type NotificationsInput struct {
	Order string `query:"order" enum:"unread,newest" default:"unread" doc:"unread: unread first, then newest first; newest"`
	Page  int    `query:"page" minimum:"1" default:"1"`
	Limit int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
}

// NotificationsOutput is a page of the caller's inbox.
type NotificationsOutput struct {
	Body struct {
		Items  []Notification `json:"items"`
		Total  int            `json:"total" doc:"Notifications of the caller"`
		Unread int            `json:"unread" doc:"Unread notifications of the caller"`
		Page   int            `json:"page"`
		Limit  int            `json:"limit"`
	}
}

func (s *Server) listNotifications(ctx context.Context, in *NotificationsInput) (*NotificationsOutput, error) {
	q := notify.Query{Order: notify.Order(in.Order), Page: in.Page, Limit: in.Limit}
	inbox, err := s.svc.Notify.Inbox(ctx, caller(ctx), q)
	if err != nil {
		return nil, err
	}
	out := &NotificationsOutput{}
	out.Body.Items = make([]Notification, len(inbox.Items))
	for i, n := range inbox.Items {
		out.Body.Items[i] = notificationOf(ctx, n)
	}
	out.Body.Total, out.Body.Unread, out.Body.Page, out.Body.Limit = inbox.Total, inbox.Unread, in.Page, in.Limit
	return out, nil
}

// UnreadOutput is how many notifications the caller has not opened.
type UnreadOutput struct {
	Body struct {
		Unread int `json:"unread" example:"3"`
	}
}

func (s *Server) countUnread(ctx context.Context, _ *struct{}) (*UnreadOutput, error) {
	n, err := s.svc.Notify.Unread(ctx, caller(ctx))
	if err != nil {
		return nil, err
	}
	out := &UnreadOutput{}
	out.Body.Unread = n
	return out, nil
}

// NotificationPath names one of the caller's notifications.
type NotificationPath struct {
	ID int64 `path:"id" minimum:"1" example:"41"`
}

// NotificationOutput is one notification.
type NotificationOutput struct {
	Body Notification
}

func (s *Server) readNotification(ctx context.Context, in *NotificationPath) (*NotificationOutput, error) {
	n, err := s.svc.Notify.Open(ctx, caller(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &NotificationOutput{Body: notificationOf(ctx, n)}, nil
}

// AddressBody is the e-mail address one is told at.
type AddressBody struct {
	Email string `json:"email" maxLength:"254" example:"ke.hoach@hanoi.gov.vn" doc:"Empty: no e-mail (the inbox stays)"`
}

// AddressOutput is the caller's e-mail address for notifications.
type AddressOutput struct {
	Body AddressBody
}

// AddressInput sets it.
type AddressInput struct {
	Body AddressBody
}

func (s *Server) getNotificationAddress(ctx context.Context, _ *struct{}) (*AddressOutput, error) {
	email, err := s.svc.Notify.Address(ctx, caller(ctx))
	if err != nil {
		return nil, err
	}
	return &AddressOutput{Body: AddressBody{Email: email}}, nil
}

func (s *Server) putNotificationAddress(ctx context.Context, in *AddressInput) (*AddressOutput, error) {
	if err := s.svc.Notify.SetAddress(ctx, caller(ctx), in.Body.Email); err != nil {
		return nil, err
	}
	return s.getNotificationAddress(ctx, nil)
}
