package api_test

import (
	"fmt"
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

func TestNotifications_TheApproverIsToldAndOpeningMarksRead(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		plantPayment(t, e) // the planner submits, the approver issues, the ministry allocates
		var in api.NotificationsOutput
		e.do("finance.hanoi", "GET", "/api/v1/me/notifications?order=newest", nil, &in.Body)
		if in.Body.Total != 2 || in.Body.Unread != 2 || in.Body.Items[0].Kind != "allocation_recorded" ||
			in.Body.Items[1].Kind != "plan_issued" {
			t.Fatalf("finance officer's inbox = %+v, want the allocation then the issuance, unread", in.Body)
		}
		e.do("approver.hanoi", "GET", "/api/v1/me/notifications", nil, &in.Body)
		if in.Body.Unread != 1 || in.Body.Items[0].Kind != "plan_submitted" || in.Body.Items[0].Link == "" {
			t.Fatalf("approver's inbox = %+v", in.Body)
		}
		id := in.Body.Items[0].ID
		e.expectProblem("approver.dienbien", "POST", fmt.Sprintf("/api/v1/me/notifications/%d/read", id), nil, 404)
		var n api.Notification
		e.do("approver.hanoi", "POST", fmt.Sprintf("/api/v1/me/notifications/%d/read", id), nil, &n)
		if n.ReadAt == nil {
			t.Errorf("opened notification = %+v, want it read", n)
		}
		var unread api.UnreadOutput
		e.do("approver.hanoi", "GET", "/api/v1/me/notifications/unread", nil, &unread.Body)
		if unread.Body.Unread != 0 {
			t.Errorf("unread after opening = %d, want 0", unread.Body.Unread)
		}
	})
}

func TestNotificationAddress_IsOnesOwnAndChecked(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		e.expectProblem("planner.hanoi", "PUT", "/api/v1/me/notification-address", map[string]any{"email": "not an address"}, 422)
		var a api.AddressBody
		e.do("planner.hanoi", "PUT", "/api/v1/me/notification-address", map[string]any{"email": "ke.hoach@hanoi.gov.vn"}, &a)
		if a.Email != "ke.hoach@hanoi.gov.vn" {
			t.Errorf("address = %q", a.Email)
		}
		e.do("finance.hanoi", "GET", "/api/v1/me/notification-address", nil, &a)
		if a.Email != "" {
			t.Errorf("another user's address = %q, want theirs (none)", a.Email)
		}
	})
}
