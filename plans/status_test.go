package plans

import (
	"testing"

	"baove"
)

func TestNext_FollowsTheReviewWorkflow(t *testing.T) {
	ok := []struct {
		from   Status
		action string
		to     Status
	}{
		{Draft, "submit", Submitted}, {Returned, "submit", Submitted},
		{Submitted, "approve", Approved}, {Submitted, "return", Returned},
	}
	for _, c := range ok {
		if got, err := next(c.from, c.action); err != nil || got != c.to {
			t.Errorf("%s from %s = %s, %v; want %s", c.action, c.from, got, err, c.to)
		}
	}
	refused := []struct {
		from   Status
		action string
	}{
		{Draft, "approve"}, {Draft, "return"}, {Submitted, "submit"}, {Approved, "submit"},
		{Approved, "return"}, {Returned, "approve"}, {Superseded, "approve"}, {Superseded, "submit"},
	}
	for _, c := range refused {
		if _, err := next(c.from, c.action); baove.ErrorCode(err) != baove.ECONFLICT {
			t.Errorf("%s from %s: %v, want ECONFLICT", c.action, c.from, err)
		}
	}
}

func TestEditable_OnlyDraftsAndReturnedPlans(t *testing.T) {
	for s, want := range map[Status]bool{Draft: true, Returned: true, Submitted: false, Approved: false, Superseded: false} {
		if s.Editable() != want {
			t.Errorf("%s editable = %v", s, !want)
		}
		if (notEditable(s) == nil) != want {
			t.Errorf("notEditable(%s) = %v", s, notEditable(s))
		}
	}
}
