package plans

import (
	"baove"
	"baove/i18n"
	"fmt"
)

// Status is where a plan version stands in the review workflow.
type Status string

// Statuses.
const (
	Draft      Status = "draft"
	Submitted  Status = "submitted"
	Returned   Status = "returned"
	Approved   Status = "approved"
	Superseded Status = "superseded"
)

// Editable reports whether a plan in status s may change: only drafts and
// returned plans.
func (s Status) Editable() bool { return s == Draft || s == Returned }

// transitions says, for each workflow action, from which statuses it may be
// taken and where it leads.
var transitions = map[string]struct {
	from []Status
	to   Status
}{
	"submit":  {[]Status{Draft, Returned}, Submitted},
	"approve": {[]Status{Submitted}, Approved},
	"return":  {[]Status{Submitted}, Returned},
}

// next returns the status action leads to from s, or ECONFLICT saying why
// the action is not possible now.
func next(s Status, action string) (Status, error) {
	t, ok := transitions[action]
	if !ok {
		return "", fmt.Errorf("plans: unknown workflow action %q", action) // a bug: EINTERNAL
	}
	for _, from := range t.from {
		if s == from {
			return t.to, nil
		}
	}
	return "", baove.E(baove.ECONFLICT, "plan.cannot."+action, i18n.Args{"status": s})
}

// notEditable explains why a plan in status s cannot change.
func notEditable(s Status) error {
	switch s {
	case Submitted:
		return baove.E(baove.ECONFLICT, "plan.locked.submitted", nil)
	case Approved:
		return baove.E(baove.ECONFLICT, "plan.locked.approved", nil)
	case Superseded:
		return baove.E(baove.ECONFLICT, "plan.locked.superseded", nil)
	}
	return nil
}

// Localize implements i18n.Localizer: the status in words, e.g. "đã trình".
func (s Status) Localize(lang i18n.Lang) string {
	return i18n.Text(lang, "plan.status."+string(s), nil)
}
