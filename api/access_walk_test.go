package api_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"baove/access"
	"baove/api"
	"baove/database"
	"baove/database/dbtest"
)

// secret marks data of the victim province (Hà Nội, 01). No answer to a
// user of another province, or to a role the rule excludes, may contain it.
const secret = "BÍ-MẬT-HÀ-NỘI-7f3c"

// volatile tables change on logins, not on the operations walked; the unit
// tables change only through `baove units import`, never through the API,
// and are left out of snapshots for speed (14,000 rows).
var volatile = []string{"audit_log", "sessions", "login_failures", "login_alerts", "bun_migrations", "bun_migration_locks",
	"provinces", "communes", "commune_successions", "unit_lists"}

// walker is one caller of the walk.
type walker struct {
	username string // "" is anonymous
	role     access.Role
	province string
}

var walkers = []walker{
	{"", "", ""},
	{"admin", access.Admin, ""},
	{"reviewer", access.Reviewer, ""},
	{"planner.hanoi", access.Planner, "01"},
	{"approver.hanoi", access.Approver, "01"},
	{"finance.hanoi", access.Finance, "01"},
	{"planner.dienbien", access.Planner, "11"},
	{"approver.dienbien", access.Approver, "11"},
	{"finance.dienbien", access.Finance, "11"},
}

// operation is what the walk reads of each operation in the OpenAPI document.
type operation struct {
	method, path string
	rule         api.Rule
	query        map[string]any // parameters the walk sends: required ones and province_code
	body         map[string]any
}

// TestAccess_EveryOperationHoldsItsRule walks every operation of the OpenAPI
// document and calls it as anonymous, as each role, and as users of another
// province, on data of Hà Nội. Where the operation's declared rule forbids
// the call, the answer must be 401/403/404, must contain nothing of Hà Nội's
// data, and the database must not change. Where the rule allows it, the
// answer must not be 401/403 (nor 404: the fixtures exist). New operations
// are walked without anyone adding them here; one whose path needs a fixture
// the walk does not know fails until it gets one.
func TestAccess_EveryOperationHoldsItsRule(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		fixtures := plantSecrets(t, e)
		ops := readOperations(t, e)
		// Every forbidden call first, on untouched data; then the allowed
		// ones, reads before writes, deletions last.
		ops = slices.DeleteFunc(ops, func(o operation) bool { return o.rule.Public })
		for _, o := range ops {
			for _, w := range walkers {
				if !o.allows(w) {
					e.expectForbidden(o, w, fixtures)
				}
			}
		}
		for _, o := range ops {
			for _, w := range walkers {
				if o.allows(w) {
					e.expectAllowed(o, w, fixtures)
				}
			}
		}
	})
}

// TestAccess_AuditTrailIsScopedLikeItsData reads the trail of the walk's
// planted data as every walker: an administrator reads accounts, units and
// catalogues but not the payment (its amount, its voucher) or the plans; a
// planner or finance officer of another province reads nothing of Hà Nội's;
// a reviewer reads everything.
func TestAccess_AuditTrailIsScopedLikeItsData(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		plantSecrets(t, e)
		for _, w := range walkers[1:] {
			var trail struct{ Items []api.AuditEntry }
			res, _ := e.raw(w.username, "GET", "/api/v1/audit?limit=500", nil)
			decode(t, res.body, &trail)
			entities := map[string]bool{}
			for _, it := range trail.Items {
				entities[it.Entity] = true
				if w.role.Provincial() && it.ProvinceCode != w.province {
					t.Errorf("%s reads an entry of province %q: %+v", w.username, it.ProvinceCode, it)
				}
				if w.role == access.Admin && !slices.Contains(access.AdminEntities, it.Entity) {
					t.Errorf("admin reads a %s entry: %s", it.Entity, it.Action)
				}
			}
			if w.role.Provincial() && w.province != "01" && strings.Contains(string(res.body), secret) {
				t.Errorf("%s reads Hà Nội's data in the trail", w.username)
			}
			money := entities["disbursement"] && entities["allocation"] && entities["plan"]
			if wantMoney := w.role == access.Reviewer || w.province == "01"; money != wantMoney {
				t.Errorf("%s reads payments, allocations and plans in the trail: %v, want %v", w.username, money, wantMoney)
			}
		}
		var asked struct{ Items []api.AuditEntry }
		e.do("admin", "GET", "/api/v1/audit?entity=disbursement", nil, &asked)
		if len(asked.Items) != 0 {
			t.Errorf("admin reads %d payments through the trail", len(asked.Items))
		}
	})
}

// allows tells whether the operation's rule lets w call it on Hà Nội's data.
func (o operation) allows(w walker) bool {
	switch {
	case o.rule.Public:
		return true
	case w.username == "":
		return false
	case len(o.rule.Roles) > 0 && !slices.Contains(o.rule.Roles, w.role):
		return false
	case o.rule.Province && w.role.Provincial() && w.province != "01":
		return false
	}
	return true
}

func (e *env) expectForbidden(o operation, w walker, fx map[string]string) {
	e.t.Helper()
	path := o.url(e.t, fx)
	before := dbtest.Snapshot(e.t, e.db, volatile...)
	res, _ := e.raw(w.username, o.method, path, o.body)
	want := []int{403, 404}
	if w.username == "" {
		want = []int{401}
	}
	if !slices.Contains(want, res.StatusCode) {
		e.t.Errorf("%s %s as %q: %d, want one of %v (rule %+v): %s", o.method, path, w.username, res.StatusCode, want, o.rule, res.body)
	}
	if strings.Contains(string(res.body), secret) {
		e.t.Errorf("%s %s as %q returned Hà Nội's data", o.method, path, w.username)
	}
	if after := dbtest.Snapshot(e.t, e.db, volatile...); after != before {
		e.t.Errorf("%s %s as %q changed the database although refused", o.method, path, w.username)
	}
}

func (e *env) expectAllowed(o operation, w walker, fx map[string]string) {
	e.t.Helper()
	path := o.url(e.t, fx)
	res, _ := e.raw(w.username, o.method, path, o.body)
	if slices.Contains([]int{401, 403, 404}, res.StatusCode) || (o.method == "GET" && res.StatusCode >= 300) {
		e.t.Errorf("%s %s as %q: %d although the rule allows it (rule %+v): %s", o.method, path, w.username, res.StatusCode, o.rule, res.body)
	}
	if w.role.Provincial() && w.province != "01" && strings.Contains(string(res.body), secret) {
		e.t.Errorf("%s %s as %q returned Hà Nội's data", o.method, path, w.username)
	}
	if o.method != "GET" {
		for _, u := range walkers[1:] { // a write may have revoked tokens (a password, a role)
			e.relogin(u.username)
		}
	}
}

// relogin logs a user in again when their token stopped working.
func (e *env) relogin(username string) {
	if res, _ := e.raw(username, "GET", "/api/v1/me", nil); res.StatusCode == 401 {
		e.login(username)
	}
}

// plantSecrets writes the marker into Hà Nội's data (the ministry's comment
// on its plan included) and returns the path
// fixtures: for each path segment, the value of the parameter after it.
func plantSecrets(t *testing.T, e *env) map[string]string {
	t.Helper()
	var me api.User
	e.do("planner.hanoi", "GET", "/api/v1/me", nil, &me)
	e.do("admin", "PATCH", fmt.Sprintf("/api/v1/users/%d", me.ID), map[string]any{"full_name": secret}, nil)
	var plan api.Plan
	e.do("planner.hanoi", "POST", "/api/v1/plans", map[string]any{"province_code": "01", "year": 2026, "title": secret}, &plan)
	var act api.Activity
	e.do("planner.hanoi", "POST", fmt.Sprintf("/api/v1/plans/%d/activities", plan.ID),
		map[string]any{"task_area": "1.3", "title": secret}, &act)
	e.do("planner.hanoi", "GET", fmt.Sprintf("/api/v1/plans/%d", plan.ID), nil, &plan)
	e.doIfMatch("planner.hanoi", "PUT", fmt.Sprintf("/api/v1/plans/%d/targets/CP_COMMUNE_WORKER", plan.ID), plan.ETag,
		map[string]any{"value": "100"})
	var line api.BudgetLine
	e.do("planner.hanoi", "POST", fmt.Sprintf("/api/v1/plans/%d/budget-lines", plan.ID),
		map[string]any{"activity_id": act.ID, "funding_source": "central", "amount": "1000000", "description": secret}, &line)
	paid, alloc := plantPayment(t, e)
	var comment api.Comment
	e.do("reviewer", "POST", fmt.Sprintf("/api/v1/plans/%d/comments", plan.ID),
		map[string]any{"kind": "revision_requested", "text": secret}, &comment)
	if plan.ID == 0 || act.ID == 0 || line.ID == 0 || comment.ID == 0 {
		t.Fatal("could not plant Hà Nội's plan")
	}
	for path, body := range map[string]map[string]any{
		"/api/v1/provinces/01/indicator-values/CP_ABUSE_CASES/2026-Q1": {"value": 7, "note": secret},
		"/api/v1/communes/00004/staffing/2026": {"full_time": 1, "part_time": 0, "collaborators": 3, "villages": 5,
			"villages_with_collaborator": 3, "note": secret},
	} {
		if res := e.do("planner.hanoi", "PUT", path, body, nil); res.StatusCode != 200 {
			t.Fatalf("plant the marker with PUT %s: %d", path, res.StatusCode)
		}
	}
	scan := plantAttachments(t, e, plan.ID, alloc.ID, paid.ID)
	return map[string]string{
		"allocations":      fmt.Sprint(alloc.ID),
		"attachments":      fmt.Sprint(scan),
		"2026":             "COORDINATION_ACTIVITY", // {check} follows {year} of a compliance path
		"reporting":        "2026-Q3",
		"due-dates":        "CP_ABUSE_CASES",
		"budget-lines":     fmt.Sprint(line.ID),
		"disbursements":    fmt.Sprint(paid.ID),
		"budget":           "2025",
		"provinces":        "01",
		"communes":         "00004",
		"users":            fmt.Sprint(me.ID),
		"task-areas":       "1.3",
		"plans":            fmt.Sprint(plan.ID),
		"activities":       fmt.Sprint(act.ID),
		"comments":         fmt.Sprint(comment.ID),
		"targets":          "CP_COMMUNE_WORKER",
		"indicator-values": "CP_ABUSE_CASES",
		"CP_ABUSE_CASES":   "2026-Q1", // {period} follows {indicator_code}, already filled in
		"staffing":         "2026",
		"progress":         "2026",
		"compliance":       "2026",
		"reports":          "2025",
		"national":         "2025",
	}
}

// plantAttachments attaches a scan carrying the secret (in its bytes, name
// and title) to Hà Nội's plan, allocation, payment and a compliance check,
// each as who may, and returns the plan's.
func plantAttachments(t *testing.T, e *env, plan, alloc, paid int64) int64 {
	t.Helper()
	query := "?title=" + url.QueryEscape(secret) + "&file_name=" + url.QueryEscape(secret+".pdf")
	var first api.Attachment
	for path, as := range map[string]string{fmt.Sprintf("/api/v1/plans/%d/attachments", plan): "planner.hanoi",
		fmt.Sprintf("/api/v1/allocations/%d/attachments", alloc):                 "reviewer",
		fmt.Sprintf("/api/v1/disbursements/%d/attachments", paid):                "finance.hanoi",
		"/api/v1/provinces/01/compliance/2026/COORDINATION_ACTIVITY/attachments": "planner.hanoi"} {
		res, _ := e.sendRaw(as, "POST", path+query, []byte("%PDF-1.4\n"+secret+"\n%%EOF\n"), "application/pdf")
		if res.StatusCode != 201 {
			t.Fatalf("plant a scan with POST %s: %d %s", path, res.StatusCode, res.body)
		}
		if strings.HasPrefix(path, "/api/v1/plans/") {
			decode(t, res.body, &first)
		}
	}
	return first.ID
}

// plantPayment has Hà Nội's approver issue its 2025 plan with a central
// line, allocates central funds and records a payment, all carrying the
// secret.
func plantPayment(t *testing.T, e *env) (api.Disbursement, api.Allocation) {
	t.Helper()
	var plan api.Plan
	e.do("planner.hanoi", "POST", "/api/v1/plans", map[string]any{"province_code": "01", "year": 2025, "title": secret}, &plan)
	base := fmt.Sprintf("/api/v1/plans/%d", plan.ID)
	var act api.Activity
	e.do("planner.hanoi", "POST", base+"/activities", map[string]any{"task_area": "1.3", "title": secret}, &act)
	var line api.BudgetLine
	e.do("planner.hanoi", "POST", base+"/budget-lines", map[string]any{"activity_id": act.ID, "funding_source": "central", "amount": "5000000"}, &line)
	e.do("planner.hanoi", "GET", base, nil, &plan)
	e.doIfMatch("planner.hanoi", "PUT", base+"/targets/CP_COMMUNE_WORKER", plan.ETag, map[string]any{"value": "100"})
	e.do("planner.hanoi", "POST", base+"/submit", nil, nil)
	e.do("approver.hanoi", "POST", base+"/approve", map[string]any{"document_no": secret, "issued_on": "2026-11-28",
		"signer_name": secret, "signer_title": "Phó Chủ tịch"}, nil)
	var alloc api.Allocation
	e.do("reviewer", "POST", "/api/v1/allocations", map[string]any{"province_code": "01", "year": 2025, "amount": "5000000",
		"decision_no": secret, "decided_on": "2025-01-10"}, &alloc)
	var paid api.Disbursement
	res := e.do("finance.hanoi", "POST", fmt.Sprintf("/api/v1/budget-lines/%d/disbursements", line.ID),
		map[string]any{"amount": "1000000", "paid_on": "2025-03-01", "voucher_no": "PC-01", "description": secret}, &paid)
	if res.StatusCode != 201 || alloc.ID == 0 {
		t.Fatalf("plant a payment: %d", res.StatusCode)
	}
	return paid, alloc
}

var paramRE = regexp.MustCompile(`\{[a-z_]+\}`)

// url fills the path's parameters from the fixtures and the operation's
// query parameters that name a province with Hà Nội.
func (o operation) url(t *testing.T, fx map[string]string) string {
	segs := strings.Split(o.path, "/")
	for i, s := range segs {
		if param := paramRE.FindString(s); param != "" {
			v, ok := fx[segs[i-1]]
			if !ok {
				t.Fatalf("%s %s: the walk has no fixture for {…} after /%s/; add one to plantSecrets", o.method, o.path, segs[i-1])
			}
			segs[i] = strings.Replace(s, param, v, 1) // keeps a suffix such as ".pdf"
		}
	}
	u := strings.Join(segs, "/")
	q := url.Values{}
	for name, v := range o.query {
		q.Set(name, fmt.Sprint(v))
	}
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// readOperations reads every operation from the served OpenAPI document,
// with a request body built from each schema's required fields and examples.
func readOperations(t *testing.T, e *env) []operation {
	t.Helper()
	var doc map[string]any
	e.do("", "GET", "/openapi.json", nil, &doc)
	schemas := dig(doc, "components", "schemas")
	var ops []operation
	for path, item := range doc["paths"].(map[string]any) {
		for method, raw := range item.(map[string]any) {
			spec := raw.(map[string]any)
			o := operation{method: strings.ToUpper(method), path: path}
			ruleJSON, _ := json.Marshal(spec["x-baove-access"])
			if err := json.Unmarshal(ruleJSON, &o.rule); err != nil || spec["x-baove-access"] == nil {
				t.Fatalf("%s %s declares no x-baove-access rule", method, path)
			}
			o.query = map[string]any{}
			for _, p := range asSlice(spec["parameters"]) {
				p := p.(map[string]any)
				switch {
				case p["in"] == "query" && p["name"] == "province_code":
					o.query["province_code"] = "01" // the victim province
				case p["in"] == "query" && p["required"] == true:
					o.query[p["name"].(string)] = exampleValue(schemas, p["schema"].(map[string]any))
				}
			}
			if ref, ok := dig(spec, "requestBody", "content", "application/json", "schema")["$ref"].(string); ok {
				o.body = example(schemas, ref)
			}
			ops = append(ops, o)
		}
	}
	order := map[string]int{"GET": 0, "POST": 1, "PUT": 1, "PATCH": 1, "DELETE": 2}
	sort.Slice(ops, func(i, j int) bool {
		a, b := ops[i], ops[j]
		if order[a.method] != order[b.method] {
			return order[a.method] < order[b.method]
		}
		if a.method == "DELETE" && len(a.path) != len(b.path) {
			return len(a.path) > len(b.path) // parts before the whole
		}
		return a.path+a.method < b.path+b.method
	})
	return ops
}

// example builds a value of the referenced schema from its required
// properties, using each property's example, default or first enum value.
func example(schemas map[string]any, ref string) map[string]any {
	s := schemas[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
	props, _ := s["properties"].(map[string]any)
	out := map[string]any{}
	for _, name := range asSlice(s["required"]) {
		out[name.(string)] = exampleValue(schemas, props[name.(string)].(map[string]any))
	}
	if _, ok := out["province_code"]; ok {
		out["province_code"] = "01" // the victim province
	}
	return out
}

func exampleValue(schemas map[string]any, p map[string]any) any {
	if ref, ok := p["$ref"].(string); ok {
		return example(schemas, ref)
	}
	for _, k := range []string{"examples", "example", "default", "enum"} {
		if v, ok := p[k]; ok {
			if list, ok := v.([]any); ok && len(list) > 0 {
				return list[0]
			}
			return v
		}
	}
	switch p["type"] {
	case "integer", "number":
		return 1
	case "boolean":
		return false
	case "array":
		return []any{}
	case "object":
		return map[string]any{}
	}
	if p["format"] == "date" {
		return "2026-03-02"
	}
	return "x"
}

func dig(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		next, _ := m[k].(map[string]any)
		if next == nil {
			return map[string]any{}
		}
		m = next
	}
	return m
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// TestProvinces_AnUnknownProvinceIsNotFoundOnEveryOperation is issue 13's
// eighth case: GET /provinces/99/budget/2027 answered 200 with zeros where
// every other /provinces/99/… answered 404. Every operation on a province
// that the reviewer may read answers 404 for province 99.
func TestProvinces_AnUnknownProvinceIsNotFoundOnEveryOperation(t *testing.T) {
	e := newEnv(t, dbtest.MustOpenDB(t, database.SQLite))
	fixtures := plantSecrets(t, e)
	fixtures["provinces"] = "99"
	for _, o := range readOperations(t, e) {
		if o.method != "GET" || !strings.HasPrefix(o.path, "/api/v1/provinces/{code}") || !o.allows(walker{"reviewer", access.Reviewer, ""}) {
			continue
		}
		path := o.url(t, fixtures)
		if res, _ := e.raw("reviewer", o.method, path, o.body); res.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404: %s", path, res.StatusCode, res.body)
		}
	}
}
