package plans

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"baove/access"
	"baove/i18n"
	"baove/notify"
	"baove/units"
)

// stepKinds names what each workflow step tells the province: a
// submission its approvers, a return its planners, an issuance its
// planners and finance officers (notify.Kind.Roles). Other steps
// (supersede) tell nobody.
var stepKinds = map[string]notify.Kind{
	"submit":  notify.PlanSubmitted,
	"return":  notify.PlanReturned,
	"approve": notify.PlanIssued,
}

// tell records, in tx, the notification of kind about plan version r,
// done by c, with args besides the year and version.
func (s *Store) tell(ctx context.Context, tx bun.Tx, c access.Caller, kind notify.Kind, r PlanRecord, args i18n.Args) error {
	if args == nil {
		args = i18n.Args{}
	}
	args["year"], args["version"] = r.Year, r.Version
	return notify.Record(ctx, tx, notify.Event{Kind: kind, Province: units.ProvinceCode(r.ProvinceCode), Actor: c.UserID,
		Args: args, Link: fmt.Sprintf("/plans/%d", r.ID), At: s.clock.Now()})
}

// tellStep records the notification of st on plan version r, if st tells
// anyone.
func (s *Store) tellStep(ctx context.Context, tx bun.Tx, c access.Caller, st step, r PlanRecord) error {
	kind, ok := stepKinds[st.action]
	if !ok {
		return nil
	}
	args := i18n.Args{}
	switch {
	case st.action == "return":
		args["reason"] = notify.Text(st.reason)
	case st.issuance != nil:
		args["document_no"], args["issued_on"] = st.issuance.DocumentNo, st.issuance.IssuedOn
	}
	return s.tell(ctx, tx, c, kind, r, args)
}

// commentKinds names what a comment of each kind tells the province's
// planners.
var commentKinds = map[CommentKind]notify.Kind{Remark: notify.PlanComment, RevisionRequest: notify.RevisionRequested}
