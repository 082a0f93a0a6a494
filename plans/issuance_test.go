package plans_test

import (
	"encoding/json"
	"testing"

	"golang.org/x/text/unicode/norm"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/database/dbtest"
	"baove/plans"
)

var approverDB = access.Caller{Username: "approver.dienbien", Role: access.Approver, Province: "11"}

func TestApprove_RecordsTheIssuanceInThePlanItsHistoryAndTheTrail(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		p := readyPlan(t, svc)
		p = ok(t)(svc.Plans.Submit(ctx, plannerHN, plans.Ref{ID: p.ID}))
		typed := issued
		typed.SignerName = norm.NFD.String("  Nguyễn Văn An ")
		p = ok(t)(svc.Plans.Approve(ctx, approverHN, plans.Ref{ID: p.ID}, typed))
		want := plans.Issuance{DocumentNo: "99/KH-UBND", IssuedOn: baove.NewDate(2026, 11, 28), SignerName: "Nguyễn Văn An",
			SignerTitle: "Phó Chủ tịch", IssuedBy: "approver.hanoi"}
		if p.Status != plans.Approved || p.Issuance == nil || *p.Issuance != want {
			t.Fatalf("issued plan: %s %+v, want approved with %+v", p.Status, p.Issuance, want)
		}
		last := p.History[len(p.History)-1]
		if last.Action != "approve" || last.Actor != "approver.hanoi" || last.Issuance == nil || *last.Issuance != want {
			t.Errorf("the issuance's event: %+v", last)
		}
		if submit := p.History[len(p.History)-2]; submit.Issuance != nil {
			t.Errorf("the submission carries an issuance: %+v", submit)
		}
		entries, err := audit.NewStore(db).List(ctx, reviewer, audit.Filter{Entity: "plan", EntityID: itoa(int64(p.ID))})
		if err != nil {
			t.Fatal(err)
		}
		var after struct{ Issuance plans.Issuance }
		json.Unmarshal(entries[0].After, &after)
		if entries[0].Action != "plan.approve" || after.Issuance != want {
			t.Errorf("the trail's latest entry: %s %s", entries[0].Action, entries[0].After)
		}
	})
}

func TestApprove_OnlyTheProvincesApproverIssuesOrReturns(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := readyPlan(t, svc)
		p = ok(t)(s.Submit(ctx, plannerHN, plans.Ref{ID: p.ID}))
		before := dbtest.Snapshot(t, db)
		for _, c := range []struct {
			who    access.Caller
			code   baove.Code
			reason string
		}{
			{reviewer, baove.EFORBIDDEN, "the ministry no longer approves"},
			{plannerHN, baove.EFORBIDDEN, "the planner who submitted"},
			{financeHN, baove.EFORBIDDEN, "the province's finance officer"},
			{approverDB, baove.ENOTFOUND, "another province's approver"},
			{admin, baove.EFORBIDDEN, "an administrator"},
		} {
			_, err := s.Approve(ctx, c.who, plans.Ref{ID: p.ID}, issued)
			wantCode(t, "approve as "+c.reason, err, c.code)
			_, err = s.Return(ctx, c.who, plans.Ref{ID: p.ID}, "Trả lại")
			wantCode(t, "return as "+c.reason, err, c.code)
		}
		if after := dbtest.Snapshot(t, db); after != before {
			t.Fatal("refused approvals changed the database")
		}
		p = ok(t)(s.Return(ctx, approverHN, plans.Ref{ID: p.ID}, "Đề nghị bổ sung hoạt động 2.1"))
		if p.Status != plans.Returned || p.Issuance != nil || p.History[len(p.History)-1].Actor != "approver.hanoi" {
			t.Fatalf("returned by the approver: %s %+v", p.Status, p.History[len(p.History)-1])
		}
	})
}

func TestApprove_RefusesABadIssuanceNamingEachField(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		p := readyPlan(t, svc)
		p = ok(t)(svc.Plans.Submit(ctx, plannerHN, plans.Ref{ID: p.ID}))
		before := dbtest.Snapshot(t, db)
		_, err := svc.Plans.Approve(ctx, approverHN, plans.Ref{ID: p.ID}, plans.Issuance{DocumentNo: " ", SignerName: "\t"})
		var e *baove.Error
		if !asError(err, &e) || e.Code != baove.EINVALID || len(e.Fields) != 4 {
			t.Fatalf("an empty issuance: %v, want EINVALID naming its 4 fields", err)
		}
		yesterday := issued
		yesterday.IssuedOn = baove.NewDate(2026, 11, 27) // the plan was submitted today
		_, err = svc.Plans.Approve(ctx, approverHN, plans.Ref{ID: p.ID}, yesterday)
		if !asError(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != "issued_on" {
			t.Fatalf("issued before its submission: %v, want EINVALID naming issued_on", err)
		}
		if after := dbtest.Snapshot(t, db); after != before {
			t.Fatal("a refused issuance changed the database")
		}
	})
}

func TestDiff_ShowsTheIssuanceOnceTheNewerVersionIsIssued(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		svc := services(db)
		s := svc.Plans
		p := readyPlan(t, svc)
		p = ok(t)(s.Submit(ctx, plannerHN, plans.Ref{ID: p.ID}))
		v1 := ok(t)(s.Approve(ctx, approverHN, plans.Ref{ID: p.ID}, issued))
		v2 := ok(t)(s.Revise(ctx, plannerHN, v1.ID))
		if v2.Issuance != nil {
			t.Fatalf("a revision starts issued: %+v", v2.Issuance)
		}
		if d, err := s.Diff(ctx, reviewer, v2.ID, 1); err != nil || len(d) != 0 {
			t.Fatalf("diff of an unchanged draft revision: %+v, %v; want nothing", d, err)
		}
		v2 = ok(t)(s.Submit(ctx, plannerHN, plans.Ref{ID: v2.ID}))
		second := issued
		second.DocumentNo, second.SignerName = "210/KH-UBND", "Trần Thị Bình"
		v2 = ok(t)(s.Approve(ctx, approverHN, plans.Ref{ID: v2.ID}, second))
		d, err := s.Diff(ctx, reviewer, v2.ID, 1)
		if err != nil || len(d) != 1 || d[0].Section != "issuance" || d[0].Kind != plans.Changed || len(d[0].Fields) != 2 ||
			d[0].Fields["document_no"].From != "99/KH-UBND" || d[0].Fields["document_no"].To != "210/KH-UBND" {
			t.Fatalf("diff of the issued revision: %+v, %v; want the number and the signer", d, err)
		}
		if old := ok(t)(s.Plan(ctx, reviewer, v1.ID)); old.Status != plans.Superseded || old.Issuance.DocumentNo != "99/KH-UBND" {
			t.Fatalf("the superseded version: %s %+v, want its own issuance kept", old.Status, old.Issuance)
		}
	})
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }
