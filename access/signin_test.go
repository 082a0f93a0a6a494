package access_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/database/dbtest"
)

func TestLogin_AStrangersFailuresFromOneAddressNeverStopTheOwnerFromAnother(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		clk := newClock()
		s := clk.store(db)
		mustCreate(t, s, planner("lan", "11"))
		for i := 1; i <= 12; i++ {
			_, err := s.Login(ctx, attempt("lan", "a guess of the stranger", "10.0.0.66"))
			want := baove.EUNAUTHORIZED
			if i > access.MaxFailures {
				want = baove.ETOOMANY
			}
			if baove.ErrorCode(err) != want {
				t.Fatalf("stranger's attempt %d: %v, want %s", i, err, want)
			}
		}
		if _, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.1")); err != nil {
			t.Fatalf("owner from another address after a stranger's 12 attempts: %v", err)
		}
	})
}

func TestLogin_ManyAddressesSlowAUsernameAndNeverLockIt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		clk := newClock()
		s := clk.store(db)
		mustCreate(t, s, planner("lan", "11"))
		for i := range 20 {
			if _, err := s.Login(ctx, attempt("lan", "a guess of the botnet", fmt.Sprintf("10.0.1.%d", i))); baove.ErrorCode(err) != baove.EUNAUTHORIZED {
				t.Fatalf("attempt %d: %v, want EUNAUTHORIZED", i, err)
			}
			failed := i // before this attempt
			want := time.Duration(0)
			if failed >= access.FreeFailures {
				want = time.Duration(min(failed-access.FreeFailures+1, access.MaxDelaySteps)) * access.DefaultDelayStep
			}
			if got := clk.lastWait(); got != want {
				t.Fatalf("attempt %d after %d failures waited %v, want %v", i, failed, got, want)
			}
		}
		if _, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.2.1")); err != nil {
			t.Fatalf("right password after 20 failures from 20 addresses: %v", err)
		}
		if got, most := clk.lastWait(), access.MaxDelaySteps*access.DefaultDelayStep; got != most {
			t.Fatalf("the owner waited %v, want the bound %v", got, most)
		}
	})
}

func TestLogin_TheOwnerIsToldOfTheFailuresSinceTheirLastSignIn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		clk := newClock()
		s := clk.store(db)
		u := mustCreate(t, s, planner("lan", "11"))
		for _, addr := range []string{"10.0.0.7", "10.0.0.8", "2001:db8:1:2::9"} {
			s.Login(ctx, attempt("lan", "not her password", addr))
			clk.Add(time.Minute)
		}
		last := clk.Now().Add(-time.Minute)
		sess, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.1"))
		want := access.FailedAttempts{Count: 3, LastAt: last, LastAddress: "2001:db8:1:2::9"}
		if err != nil || !sameAttempts(sess.FailedAttempts, want) {
			t.Fatalf("login: %+v, %v; want to be told %+v", sess.FailedAttempts, err, want)
		}
		got, err := s.FailedAttempts(ctx, u.Caller(""), sess.Token)
		if err != nil || !sameAttempts(got, want) {
			t.Fatalf("the session says %+v, %v; want %+v", got, err, want)
		}
		again, _ := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.1"))
		if again.FailedAttempts.Count != 0 {
			t.Fatalf("next sign-in told of %d failures, want 0", again.FailedAttempts.Count)
		}
	})
}

func sameAttempts(a, b access.FailedAttempts) bool {
	return a.Count == b.Count && a.LastAt.Equal(b.LastAt) && a.LastAddress == b.LastAddress
}

func TestLogin_TheAuditRecordsEachThrottleOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := newClock().store(db)
		mustCreate(t, s, planner("lan", "11"))
		for range 8 {
			s.Login(ctx, attempt("lan", "not her password", "10.0.0.66"))
		}
		count := map[string]int{}
		for _, entity := range []string{"user", "address"} {
			entries, err := audit.NewStore(db).List(ctx, admin, audit.Filter{Entity: entity})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				count[e.Action]++
			}
		}
		if count["login.failed"] != access.MaxFailures || count["login.throttled"] != 1 || count["login.slowed"] != 1 {
			t.Fatalf("audit actions %v, want %d login.failed, one login.throttled and one login.slowed", count, access.MaxFailures)
		}
	})
}

func TestLogin_FailuresOlderThanTheWindowArePurgedUnknownUsernamesIncluded(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		clk := newClock()
		s := clk.store(db)
		for i := range 30 {
			s.Login(ctx, attempt(fmt.Sprintf("nobody%d", i), "some password here", fmt.Sprintf("10.0.3.%d", i)))
		}
		clk.Add(access.FailureWindow + time.Second)
		s.Login(ctx, attempt("nobody.else", "some password here", "10.0.4.1"))
		n, err := db.NewSelect().Table("login_failures").Count(ctx)
		if err != nil || n != 1 {
			t.Fatalf("login_failures holds %d rows (%v), want only the new failure", n, err)
		}
	})
}

func TestChangePassword_AWrongCurrentPasswordCountsAsAFailedSignIn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := newClock().store(db)
		u := mustCreate(t, s, planner("lan", "11"))
		c := u.Caller("")
		change := access.PasswordChange{Current: "not her password", Next: "a new long passphrase", Address: "10.0.0.66"}
		for i := 1; i <= access.MaxFailures; i++ {
			var e *baove.Error
			if err := s.ChangePassword(ctx, c, change); !asError(err, &e) || e.Code != baove.EINVALID || e.Fields[0].Field != "current_password" {
				t.Fatalf("wrong current password %d: %v, want EINVALID naming current_password", i, err)
			}
		}
		change.Current = "correct horse battery"
		if err := s.ChangePassword(ctx, c, change); baove.ErrorCode(err) != baove.ETOOMANY {
			t.Fatalf("change after %d wrong current passwords: %v, want ETOOMANY", access.MaxFailures, err)
		}
		if _, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.66")); baove.ErrorCode(err) != baove.ETOOMANY {
			t.Fatalf("sign-in from the same address: %v, want ETOOMANY", err)
		}
		sess, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.1"))
		if err != nil || sess.FailedAttempts.Count != access.MaxFailures {
			t.Fatalf("sign-in from another address: %v, told of %d failures; want %d", err, sess.FailedAttempts.Count, access.MaxFailures)
		}
	})
}

func TestLogin_SaturatedHashingAnswersUnavailableWithRetryAfter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := newClock().storeWith(db, access.Limits{HashConcurrency: 1, HashWait: 10 * time.Millisecond})
		mustCreate(t, s, planner("lan", "11"))
		release := s.HoldHashTurns()
		_, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.1"))
		var e *baove.Error
		if !asError(err, &e) || e.Code != baove.EUNAVAILABLE || e.RetryAfter <= 0 {
			t.Fatalf("login while every hashing turn is taken: %v, want EUNAVAILABLE with a RetryAfter", err)
		}
		release()
		if _, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.1")); err != nil {
			t.Fatalf("login once a turn is free: %v", err)
		}
	})
}

func TestCreateUser_RefusesAWeakPasswordNamingTheRule(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newClock().store(db)
		n := planner("lan", "11")
		n.Password = "abcabcabcabc"
		_, err := s.CreateUser(context.Background(), admin, n)
		var e *baove.Error
		if !asError(err, &e) || e.Code != baove.EINVALID || e.Fields[0].Field != "password" || e.Fields[0].Key != "access.password.repetition" {
			t.Fatalf("create with %q: %v, want EINVALID naming password with access.password.repetition", n.Password, err)
		}
	})
}
