package access_test

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/database/dbtest"
)

func TestLiftThrottle_TheOwnerSignsInAtOnceAndTheLiftIsAudited(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		clk := newClock()
		s := clk.store(db)
		u := mustCreate(t, s, planner("lan", "11"))
		for range access.MaxFailures {
			s.Login(ctx, attempt("lan", "not her password", "10.0.0.66"))
		}
		if _, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.66")); baove.ErrorCode(err) != baove.ETOOMANY {
			t.Fatalf("right password from the throttled address: %v, want ETOOMANY", err)
		}
		th, err := s.Throttle(ctx, admin, u.ID)
		if err != nil || !th.Active() || !th.Slowed || th.Failures != access.MaxFailures || len(th.Addresses) != 1 {
			t.Fatalf("throttle before the lift: %+v, %v; want slowed and refused from one address", th, err)
		}
		after, err := s.LiftThrottle(ctx, admin, u.ID)
		if err != nil || after.Active() || after.Failures != 0 {
			t.Fatalf("lift: %+v, %v; want nothing left", after, err)
		}
		sess, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.66"))
		if err != nil {
			t.Fatalf("right password after the lift: %v", err)
		}
		if sess.FailedAttempts.Count != access.MaxFailures {
			t.Errorf("the owner is told of %d failures, want %d: a lift hides none", sess.FailedAttempts.Count, access.MaxFailures)
		}
		if got := clk.lastWait(); got != 0 {
			t.Errorf("the owner waited %v after the lift", got)
		}
		entries, err := audit.NewStore(db).List(ctx, admin, audit.Filter{Entity: "user", EntityID: strconv.FormatInt(u.ID, 10)})
		if err != nil {
			t.Fatal(err)
		}
		var lifts []audit.Entry
		for _, e := range entries {
			if e.Action == "user.throttle_lift" {
				lifts = append(lifts, e)
			}
		}
		var before access.Throttle
		if len(lifts) != 1 || json.Unmarshal(lifts[0].Before, &before) != nil || before.Failures != access.MaxFailures ||
			lifts[0].Actor.Name != admin.Username {
			t.Fatalf("audit of the lift: %+v, want one entry by %s with the %d failures before",
				lifts, admin.Username, access.MaxFailures)
		}
	})
}

func TestLiftThrottle_OnlyAnAdministratorLiftsAndNothingToLiftRecordsNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := newClock().store(db)
		u := mustCreate(t, s, planner("lan", "11"))
		if _, err := s.LiftThrottle(ctx, u.Caller(""), u.ID); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Fatalf("a planner lifts: %v, want EFORBIDDEN", err)
		}
		if _, err := s.LiftThrottle(ctx, admin, u.ID+100); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Fatalf("lift of an unknown user: %v, want ENOTFOUND", err)
		}
		if _, err := s.LiftThrottle(ctx, admin, u.ID); err != nil {
			t.Fatal(err)
		}
		n, err := db.NewSelect().Table("audit_log").Where("action = 'user.throttle_lift'").Count(ctx)
		if err != nil || n != 0 {
			t.Fatalf("%d lifts audited (%v) with nothing to lift, want 0", n, err)
		}
	})
}

func TestLiftThrottle_LiftsOnlyTheUsersOwnFailuresFromAnAddress(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := newClock().store(db)
		u := mustCreate(t, s, planner("lan", "11"))
		s.Login(ctx, attempt("lan", "not her password", "10.0.0.66"))
		for range access.MaxFailures - 1 {
			s.Login(ctx, attempt("stranger", "a guess of the stranger", "10.0.0.66"))
		}
		all, err := s.Throttles(ctx, admin)
		if err != nil || len(all["lan"].Addresses) != 1 || all["lan"].Slowed || all["stranger"].Failures != access.MaxFailures-1 {
			t.Fatalf("throttles: %+v, %v", all, err)
		}
		if _, err := s.LiftThrottle(ctx, admin, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.66")); err != nil {
			t.Fatalf("after the lift, %d failures of others from the address: %v", access.MaxFailures-1, err)
		}
		s.Login(ctx, attempt("stranger", "a guess of the stranger", "10.0.0.66"))
		if _, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.66")); baove.ErrorCode(err) != baove.ETOOMANY {
			t.Fatalf("the stranger's failures still count: %v, want ETOOMANY", err)
		}
	})
}
