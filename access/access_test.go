package access_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/database/dbtest"
)

// clock is a settable test clock. Stores built on it wait out a slowed
// username's delay by moving it on, and note each wait.
type clock struct {
	mu    sync.Mutex
	t     time.Time
	waits []time.Duration
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }
func newClock() *clock               { return &clock{t: dbtest.Now()} }
func (c *clock) store(db *database.DB) *access.Store {
	return c.storeWith(db, access.Limits{})
}

func (c *clock) storeWith(db *database.DB, limits access.Limits) *access.Store {
	s := access.NewStore(db, baove.NewClock(c.Now, nil), time.Hour, limits)
	s.SetSleep(func(_ context.Context, d time.Duration) error {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.waits = append(c.waits, d)
		c.t = c.t.Add(d)
		return nil
	})
	return s
}

// lastWait returns the wait of the latest attempt.
func (c *clock) lastWait() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.waits[len(c.waits)-1]
}

// attempt is a sign-in of username with password from address.
func attempt(username, password, address string) access.Attempt {
	return access.Attempt{Username: username, Password: password, Address: address}
}

var admin = access.System("test")

func mustCreate(t *testing.T, s *access.Store, n access.NewUser) access.User {
	t.Helper()
	u, err := s.CreateUser(context.Background(), admin, n)
	if err != nil {
		t.Fatalf("create %s: %v", n.Username, err)
	}
	return u
}

func planner(name, province string) access.NewUser {
	return access.NewUser{Username: name, Role: access.Planner, Province: unitsCode(province), Password: "correct horse battery"}
}

func TestLogin_WrongPasswordAndUnknownUserAnswerAlike(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newClock().store(db)
		mustCreate(t, s, planner("lan", "11"))
		_, wrong := s.Login(context.Background(), attempt("lan", "wrong password!", "10.0.0.1"))
		_, unknown := s.Login(context.Background(), attempt("nobody", "wrong password!", "10.0.0.1"))
		if wrong == nil || unknown == nil || wrong.Error() != unknown.Error() || baove.ErrorCode(wrong) != baove.EUNAUTHORIZED {
			t.Fatalf("wrong password: %v; unknown user: %v; want the same EUNAUTHORIZED", wrong, unknown)
		}
		sess, err := s.Login(context.Background(), attempt(" LAN ", "correct horse battery", "10.0.0.1"))
		if err != nil || sess.Token == "" || sess.User.Username != "lan" {
			t.Fatalf("right password: %+v, %v", sess, err)
		}
	})
}

func TestLogin_SixthAttemptFromOneAddressIn15MinutesIsRefusedEvenWithTheRightPassword(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		clk := newClock()
		s := clk.store(db)
		mustCreate(t, s, planner("lan", "11"))
		for i := 1; i <= 5; i++ {
			if _, err := s.Login(ctx, attempt("lan", "wrong password!", "10.0.0.2")); baove.ErrorCode(err) != baove.EUNAUTHORIZED {
				t.Fatalf("failure %d: %v, want EUNAUTHORIZED", i, err)
			}
			clk.Add(time.Minute)
		}
		_, err := s.Login(ctx, attempt("lan", "wrong password!", "10.0.0.2"))
		if baove.ErrorCode(err) != baove.ETOOMANY {
			t.Fatalf("6th wrong password: %v, want ETOOMANY", err)
		}
		_, err = s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.2"))
		var e *baove.Error
		if baove.ErrorCode(err) != baove.ETOOMANY || !asError(err, &e) || e.RetryAfter != 10*time.Minute {
			t.Fatalf("right password while throttled: %v, want ETOOMANY retrying after 10m (the first failure leaves the window then)", err)
		}
		clk.Add(10 * time.Minute)
		if _, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.2")); err != nil {
			t.Fatalf("after the window: %v", err)
		}
	})
}

func TestLogin_ThrottleHoldsUnderConcurrency(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newClock().storeWith(db, access.Limits{HashWait: time.Minute}) // a loaded machine hashes slowly
		mustCreate(t, s, planner("lan", "11"))
		var wg sync.WaitGroup
		codes := make(chan baove.Code, 20)
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := s.Login(context.Background(), attempt("lan", "wrong password!", "10.0.0.2"))
				codes <- baove.ErrorCode(err)
			}()
		}
		wg.Wait()
		close(codes)
		n := map[baove.Code]int{}
		for c := range codes {
			n[c]++
		}
		if n[baove.EUNAUTHORIZED] != access.MaxFailures || n[baove.ETOOMANY] != 20-access.MaxFailures {
			t.Fatalf("20 concurrent wrong passwords from one address: %v, want exactly %d counted and the rest throttled", n, access.MaxFailures)
		}
	})
}

func TestAuthenticate_RefusesExpiredRevokedAndDisabled(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		clk := newClock()
		s := clk.store(db)
		u := mustCreate(t, s, planner("lan", "11"))
		sess, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.1"))
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.Authenticate(ctx, sess.Token, "req")
		if err != nil || c.UserID != u.ID || c.Province != "11" || c.RequestID != "req" {
			t.Fatalf("fresh token: %+v, %v", c, err)
		}
		clk.Add(time.Hour)
		if _, err := s.Authenticate(ctx, sess.Token, ""); baove.ErrorCode(err) != baove.EUNAUTHORIZED {
			t.Fatalf("expired token: %v, want EUNAUTHORIZED", err)
		}

		sess, _ = s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.1"))
		yes := true
		if _, err := s.UpdateUser(ctx, admin, u.ID, access.UserPatch{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, sess.Token, ""); baove.ErrorCode(err) != baove.EUNAUTHORIZED {
			t.Fatalf("disabled user's token: %v, want EUNAUTHORIZED", err)
		}
		no := false
		if _, err := s.UpdateUser(ctx, admin, u.ID, access.UserPatch{Disabled: &no}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, sess.Token, ""); baove.ErrorCode(err) != baove.EUNAUTHORIZED {
			t.Fatalf("re-enabling must not revive revoked tokens: %v", err)
		}
	})
}

func TestAuthenticateUser_ReturnsTheUserMeReturns(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := newClock().store(db)
		mustCreate(t, s, planner("lan", "11"))
		sess, err := s.Login(ctx, attempt("lan", "correct horse battery", "10.0.0.1"))
		if err != nil {
			t.Fatal(err)
		}
		c, u, err := s.AuthenticateUser(ctx, sess.Token, "req")
		if err != nil {
			t.Fatal(err)
		}
		me, err := s.Me(ctx, c)
		if err != nil || u != me || c.RequestID != "req" {
			t.Fatalf("AuthenticateUser gave %+v (%+v), Me %+v (%v)", u, c, me, err)
		}
		if _, _, err := s.AuthenticateUser(ctx, "not a token", ""); baove.ErrorCode(err) != baove.EUNAUTHORIZED {
			t.Fatalf("unknown token: %v, want EUNAUTHORIZED", err)
		}
	})
}

func TestCreateUser_ProvincialRolesNeedAProvinceAndMinistryRolesNone(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newClock().store(db)
		cases := []struct {
			n     access.NewUser
			field string
		}{
			{access.NewUser{Username: "lan", Role: access.Planner, Password: "long enough!"}, "province_code"},
			{access.NewUser{Username: "lan", Role: access.Approver, Password: "long enough!"}, "province_code"},
			{access.NewUser{Username: "lan", Role: access.Reviewer, Province: "11", Password: "long enough!"}, "province_code"},
			{access.NewUser{Username: "lan", Role: access.Finance, Province: "99", Password: "long enough!"}, "province_code"},
			{access.NewUser{Username: "lan", Role: access.Admin, Password: "short"}, "password"},
			{access.NewUser{Username: "x", Role: access.Admin, Password: "long enough!"}, "username"},
			{access.NewUser{Username: "lan", Role: "boss", Password: "long enough!"}, "role"},
		}
		for _, c := range cases {
			_, err := s.CreateUser(context.Background(), admin, c.n)
			var e *baove.Error
			if !asError(err, &e) || e.Code != baove.EINVALID || e.Fields[0].Field != c.field {
				t.Errorf("%+v: %v, want EINVALID naming %s", c.n, err, c.field)
			}
		}
		mustCreate(t, s, planner("lan", "11"))
		approver := planner("vinh", "01")
		approver.Role = access.Approver
		if u := mustCreate(t, s, approver); u.Role != access.Approver || u.Province != "01" {
			t.Errorf("approver created as %+v", u)
		}
		if _, err := s.CreateUser(context.Background(), admin, planner("LAN", "01")); baove.ErrorCode(err) != baove.ECONFLICT {
			t.Errorf("taken username: %v, want ECONFLICT", err)
		}
	})
}

func TestUsers_OnlyAdministratorsManageThem(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newClock().store(db)
		u := mustCreate(t, s, planner("lan", "11"))
		c := access.Caller{UserID: u.ID, Username: "lan", Role: access.Reviewer}
		if _, err := s.CreateUser(context.Background(), c, planner("mai", "11")); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("reviewer creating a user: %v", err)
		}
		if _, err := s.Users(context.Background(), c); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("reviewer listing users: %v", err)
		}
	})
}

func TestUpdateUser_NeverLeavesNoAdministrator(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newClock().store(db)
		root := mustCreate(t, s, access.NewUser{Username: "root", Role: access.Admin, Password: "long enough!"})
		yes := true
		if _, err := s.UpdateUser(context.Background(), admin, root.ID, access.UserPatch{Disabled: &yes}); baove.ErrorCode(err) != baove.ECONFLICT {
			t.Fatalf("disabling the only administrator: %v, want ECONFLICT", err)
		}
		reviewer := access.Reviewer
		if _, err := s.UpdateUser(context.Background(), admin, root.ID, access.UserPatch{Role: &reviewer}); baove.ErrorCode(err) != baove.ECONFLICT {
			t.Fatalf("demoting the only administrator: %v, want ECONFLICT", err)
		}
	})
}

func TestAudit_RecordsUserChangesWithActorBeforeAndAfter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := newClock().store(db)
		u := mustCreate(t, s, planner("lan", "11"))
		name := "Nguyễn Thị Lan"
		if _, err := s.UpdateUser(ctx, admin, u.ID, access.UserPatch{FullName: &name}); err != nil {
			t.Fatal(err)
		}
		entries, err := audit.NewStore(db).List(ctx, admin, audit.Filter{Entity: "user"})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || entries[0].Action != "user.update" || entries[1].Action != "user.create" {
			t.Fatalf("entries %+v, want user.update then user.create", entries)
		}
		e := entries[0]
		if e.Actor.Name != "system:test" || !contains(string(e.Before), `"full_name":""`) || !contains(string(e.After), name) {
			t.Errorf("update entry: actor %q before %s after %s", e.Actor.Name, e.Before, e.After)
		}
		if contains(string(e.After), "argon2") {
			t.Error("the audit trail holds a password hash")
		}
	})
}
