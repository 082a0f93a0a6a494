package api_test

import (
	"fmt"
	"strings"
	"testing"

	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

func TestAuth_MissingOrBadTokenIs401WithWWWAuthenticate(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		e.tokens["bad"] = "not-a-token"
		for _, as := range []string{"", "bad"} {
			e.expectProblem(as, "GET", "/api/v1/me", nil, 401)
			res := e.do(as, "GET", "/api/v1/provinces", nil, nil)
			if res.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("401 as %q lacks WWW-Authenticate", as)
			}
		}
		// Authentication comes before input validation: no hints to strangers.
		e.expectProblem("", "GET", "/api/v1/provinces/abc", nil, 401)
	})
}

func TestAuth_LoginMeLogout(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		var me api.User
		e.do("planner.dienbien", "GET", "/api/v1/me", nil, &me)
		if me.Username != "planner.dienbien" || me.Role != "planner" || me.ProvinceCode != "11" {
			t.Fatalf("me = %+v", me)
		}
		if res := e.do("planner.dienbien", "POST", "/api/v1/auth/logout", nil, nil); res.StatusCode != 204 {
			t.Fatalf("logout: %d", res.StatusCode)
		}
		e.expectProblem("planner.dienbien", "GET", "/api/v1/me", nil, 401)
	})
}

func TestAuth_SixthFailureFromOneAddressIs429EvenForTheRightPassword(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		wrong := map[string]string{"username": "finance.hcm", "password": "not the password"}
		unknown := map[string]string{"username": "nobody.here", "password": "not the password"}
		a := e.expectProblem("", "POST", "/api/v1/auth/login", wrong, 401)
		b := e.expectProblem("", "POST", "/api/v1/auth/login", unknown, 401)
		if a.Detail != b.Detail {
			t.Errorf("wrong password says %q, unknown user %q: they must not differ", a.Detail, b.Detail)
		}
		for range 3 {
			e.expectProblem("", "POST", "/api/v1/auth/login", wrong, 401)
		}
		e.expectProblem("", "POST", "/api/v1/auth/login", wrong, 429)
		right := map[string]string{"username": "finance.hcm", "password": "demo-password"}
		res, _ := e.raw("", "POST", "/api/v1/auth/login", right)
		if res.StatusCode != 429 || res.Header.Get("Retry-After") == "" {
			t.Fatalf("right password after 5 failures from its address: %d, Retry-After %q; want 429 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
		}
	})
}

func TestUsers_DisablingRevokesTokensAtOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		var me api.User
		e.do("finance.dienbien", "GET", "/api/v1/me", nil, &me)
		path := fmt.Sprintf("/api/v1/users/%d", me.ID)
		if res := e.do("admin", "PATCH", path, map[string]any{"disabled": true}, nil); res.StatusCode != 200 {
			t.Fatalf("disable: %d", res.StatusCode)
		}
		e.expectProblem("finance.dienbien", "GET", "/api/v1/me", nil, 401)
		e.expectProblem("", "POST", "/api/v1/auth/login", map[string]string{"username": "finance.dienbien", "password": "demo-password"}, 401)
	})
}

func TestUsers_PlannerWithoutProvinceIs422NamingTheField(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		p := e.expectProblem("admin", "POST", "/api/v1/users",
			map[string]string{"username": "new.planner", "role": "planner", "password": "long enough!"}, 422)
		if len(p.Errors) != 1 || p.Errors[0].Location != "province_code" {
			t.Fatalf("problem %+v, want one error on province_code", p)
		}
		var u api.User
		res := e.do("admin", "POST", "/api/v1/users",
			map[string]string{"username": "new.planner", "role": "planner", "province_code": "12", "password": "long enough!"}, &u)
		if res.StatusCode != 201 || u.ProvinceCode != "12" {
			t.Fatalf("create: %d %+v", res.StatusCode, u)
		}
		e.expectProblem("admin", "POST", "/api/v1/users",
			map[string]string{"username": "new.planner", "role": "planner", "province_code": "12", "password": "long enough!"}, 409)
	})
}

func TestUsers_AnApproverBelongsToOneProvince(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		p := e.expectProblem("admin", "POST", "/api/v1/users",
			map[string]string{"username": "lanh.dao", "role": "approver", "password": "long enough!"}, 422)
		if len(p.Errors) != 1 || p.Errors[0].Location != "province_code" {
			t.Fatalf("an approver without a province: %+v, want one error on province_code", p)
		}
		var u api.User
		res := e.do("admin", "POST", "/api/v1/users", map[string]string{"username": "lanh.dao", "full_name": "Giàng A Páo",
			"role": "approver", "province_code": "11", "password": "long enough!"}, &u)
		if res.StatusCode != 201 || u.Role != "approver" || u.ProvinceCode != "11" {
			t.Fatalf("create an approver: %d %+v", res.StatusCode, u)
		}
		var me api.User
		e.do("approver.hanoi", "GET", "/api/v1/me", nil, &me)
		if me.Role != "approver" || me.ProvinceCode != "01" {
			t.Fatalf("the demo's approver of Hà Nội: %+v", me)
		}
	})
}

func TestAudit_ShowsEachAPIChangeWithActorBeforeAndAfter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		var me api.User
		e.do("planner.hcm", "GET", "/api/v1/me", nil, &me)
		e.do("admin", "PATCH", fmt.Sprintf("/api/v1/users/%d", me.ID), map[string]any{"full_name": "Lê Ngọc Mai (trưởng nhóm)"}, nil)
		var trail struct{ Items []api.AuditEntry }
		e.do("reviewer", "GET", fmt.Sprintf("/api/v1/audit?entity=user&entity_id=%d", me.ID), nil, &trail)
		if len(trail.Items) == 0 {
			t.Fatal("no audit entries for the user")
		}
		got := trail.Items[0]
		if got.Action != "user.update" || got.Actor != "admin" || got.RequestID == "" || got.ProvinceCode != "79" ||
			!strings.Contains(string(got.Before), `"full_name":"Lê Ngọc Mai"`) || !strings.Contains(string(got.After), "trưởng nhóm") {
			t.Fatalf("newest entry %+v, before %s, after %s", got, got.Before, got.After)
		}
		// Planners read their own province's trail only.
		e.do("planner.dienbien", "GET", "/api/v1/audit?province_code=79", nil, &trail)
		if len(trail.Items) != 0 {
			t.Fatalf("planner of 11 reads %d entries of 79", len(trail.Items))
		}
	})
}
