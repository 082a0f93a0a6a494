package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"baove/database"
	"baove/database/dbtest"
)

// hostile is a string no request may carry: as it is sent in a path or a
// query (raw bytes, escaped by the client) and as JSON text (escapes or raw
// bytes placed into the body as they are).
type hostile struct {
	name, raw, json string
}

var hostiles = []hostile{
	{"NUL", "a\x00b", `a\u0000b`},
	{"ESC (another C0 control)", "a\x1bb", `a\u001bb`},
	{"invalid UTF-8", "a\xff\xfeb", "a\xff\xfeb"},
	{"a lone surrogate", "", `a\udc00b`}, // JSON only: a path or query carries bytes, not UTF-16
}

// refusedAmounts are amounts the JSON API refuses: each means another
// amount somewhere (a file, a locale, a float) or none.
var refusedAmounts = []string{"25.000", "1.500.000", "1,000", "1e3", "1.5e1", "5.", "100.0", "00100", "+5", " 5", "5 ",
	"-0", "0x10", "１２", "", "1000000000000000"}

// slot is one string a request carries from outside: a path, query or
// header parameter or a string field of the JSON body.
type slot struct {
	in, name string // "path", "query", "header" or "body"; the parameter's name
	body     []any  // for the body: the path to the field, e.g. items, 0, note
}

// location is how a problem names the slot: path.code, body.items[0].note.
func (s slot) location() string {
	if s.in != "body" {
		return s.in + "." + s.name
	}
	var b strings.Builder
	b.WriteString("body")
	for _, step := range s.body {
		if i, ok := step.(int); ok {
			fmt.Fprintf(&b, "[%d]", i)
		} else {
			b.WriteString("." + step.(string))
		}
	}
	return b.String()
}

// target is an operation as the attack walk reads it from the OpenAPI
// document: its access rule, its slots, and a minimal valid request.
type target struct {
	operation
	slots []slot
	json  bool // takes a JSON body
}

// TestAttack_HostileTextAndMoneyNeverAnswer500 walks every operation of the
// OpenAPI document and sends, in each path, query and header parameter and
// each string field of the JSON body (nested ones included), a NUL, another
// control character and invalid UTF-8 (and a lone surrogate in JSON), as
// anonymous and as a user the operation allows. No answer is a 500; a caller
// who passes authentication gets 422 naming the parameter; nothing changes
// in the database. Every refused spelling of an amount goes to every
// operation that takes one, with the same expectations. Headers carry a NUL
// or a control character only through a raw connection: the HTTP server
// refuses them with 400 before any handler (see the test below).
func TestAttack_HostileTextAndMoneyNeverAnswer500(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		fixtures := plantSecrets(t, e)
		sent := 0
		for _, o := range readTargets(t, e) {
			before := dbtest.Snapshot(t, db, volatile...)
			for _, as := range []string{"", allowedUser(o.operation)} {
				for _, s := range o.slots {
					for _, h := range hostiles {
						sent += e.attack(o, s, h, as, fixtures)
					}
				}
			}
			if o.hasAmount() {
				for _, amount := range refusedAmounts {
					e.sendAmount(o, amount, fixtures)
					sent++
				}
			}
			if after := dbtest.Snapshot(t, db, volatile...); after != before {
				t.Errorf("%s %s: hostile requests changed the database", o.method, o.path)
			}
		}
		t.Logf("%d hostile requests", sent)
	})
}

// attack sends h in slot s of operation o as the user as ("" anonymous),
// and returns 1, or 0 when h cannot go into s.
func (e *env) attack(o target, s slot, h hostile, as string, fx map[string]string) int {
	e.t.Helper()
	raw := h.raw
	switch {
	case s.in == "header" && h.name != "invalid UTF-8":
		return 0 // the only hostile bytes a client can put into a header; see TestAttack_ControlCharactersInHeadersAre400
	case raw == "" && s.in != "body":
		return 0
	}
	path, headers := o.hostileURL(e.t, fx, s, raw), map[string]string{}
	var body any
	switch {
	case s.in == "header":
		headers[s.name] = raw
	case s.in == "body":
		body = o.hostileBody(s, h.json)
	case o.json:
		body = o.body
	}
	if s.in != "header" || s.name != "Content-Type" {
		headers["Content-Type"] = "application/json"
	}
	res, _ := e.send(as, o.method, path, body, headers)
	e.expectRefused(fmt.Sprintf("%s %s with %s in %s as %q", o.method, o.path, h.name, s.location(), as), o, as, res, s.location())
	return 1
}

// expectRefused checks an answer to a hostile request: never a 500; 401 for
// an anonymous caller where the rule wants one, else 422 naming location.
func (e *env) expectRefused(what string, o target, as string, res response, location string) {
	e.t.Helper()
	if as == "" && !o.rule.Public {
		if res.StatusCode != 401 {
			e.t.Errorf("%s: %d, want 401: %s", what, res.StatusCode, res.body)
		}
		return
	}
	var p problem
	json.Unmarshal(res.body, &p)
	named := false
	for _, d := range p.Errors {
		named = named || d.Location == location
	}
	if res.StatusCode != 422 || !named {
		e.t.Errorf("%s: %d, want 422 naming %s: %s", what, res.StatusCode, location, res.body)
	}
}

// sendAmount sends a refused amount to an operation that takes one.
func (e *env) sendAmount(o target, amount string, fx map[string]string) {
	e.t.Helper()
	body := clone(o.body)
	body["amount"] = amount
	as := allowedUser(o.operation)
	res, _ := e.raw(as, o.method, o.url(e.t, fx), body)
	e.expectRefused(fmt.Sprintf("%s %s with amount %q", o.method, o.path, amount), o, as, res, "amount")
	if res.StatusCode == 422 && len(amount) < 16 && !strings.Contains(string(res.body), `e.g. \"1500000\"`) {
		e.t.Errorf("%s %s with amount %q does not say how to write an amount: %s", o.method, o.path, amount, res.body)
	}
}

func (o target) hasAmount() bool {
	return slices.ContainsFunc(o.slots, func(s slot) bool { return s.in == "body" && len(s.body) == 1 && s.body[0] == "amount" })
}

// hostileURL is the operation's URL with raw in slot s when it is a path or
// query parameter.
func (o target) hostileURL(t *testing.T, fx map[string]string, s slot, raw string) string {
	query := map[string]any{}
	for k, v := range o.query {
		query[k] = v
	}
	if s.in == "query" {
		query[s.name] = raw
	}
	o.query = nil
	filled, template := strings.Split(o.url(t, fx), "/"), strings.Split(o.path, "/")
	for i, seg := range template {
		if s.in == "path" && strings.Contains(seg, "{"+s.name+"}") {
			filled[i] = strings.Replace(seg, "{"+s.name+"}", url.PathEscape(raw), 1) // keeps a suffix such as ".pdf"
		}
	}
	q := url.Values{}
	for k, v := range query {
		q.Set(k, fmt.Sprint(v))
	}
	if len(q) == 0 {
		return strings.Join(filled, "/")
	}
	return strings.Join(filled, "/") + "?" + q.Encode()
}

// hostileBody is the operation's minimal body with the field of slot s set
// to the JSON text js (escapes or raw bytes, placed as they are).
func (o target) hostileBody(s slot, js string) []byte {
	const mark = "HOSTILE-9b1e"
	body := clone(o.body)
	var at any = body
	for i, step := range s.body {
		last := i == len(s.body)-1
		switch node := at.(type) {
		case map[string]any:
			if last {
				node[step.(string)] = mark
			} else {
				at = node[step.(string)]
			}
		case []any:
			if last {
				node[step.(int)] = mark
			} else {
				at = node[step.(int)]
			}
		}
	}
	b, _ := json.Marshal(body)
	return bytes.Replace(b, []byte(mark), []byte(js), 1)
}

// clone deep-copies a JSON value built of maps and slices.
func clone(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	out := map[string]any{}
	json.Unmarshal(b, &out)
	return out
}

// readTargets reads every operation of the OpenAPI document with its slots
// and a minimal body holding, besides the required fields, every string
// field (nested objects and arrays get one element).
func readTargets(t *testing.T, e *env) []target {
	t.Helper()
	var doc map[string]any
	e.do("", "GET", "/openapi.json", nil, &doc)
	schemas := dig(doc, "components", "schemas")
	var out []target
	for _, o := range readOperations(t, e) {
		spec := dig(doc, "paths", o.path, strings.ToLower(o.method))
		tg := target{operation: o, slots: []slot{{in: "header", name: "Accept-Language"}}}
		for _, p := range asSlice(spec["parameters"]) {
			p := p.(map[string]any)
			tg.slots = append(tg.slots, slot{in: p["in"].(string), name: p["name"].(string)})
		}
		if ref, ok := dig(spec, "requestBody", "content", "application/json", "schema")["$ref"].(string); ok {
			tg.json = true
			if tg.body == nil {
				tg.body = map[string]any{}
			}
			tg.slots = append(tg.slots, stringFields(schemas, ref, tg.body, nil)...)
		}
		out = append(out, tg)
	}
	return out
}

// stringFields returns a slot for each string field of the referenced
// schema, at any depth, filling body with a value for each field on the
// way (one element for an array of objects).
func stringFields(schemas map[string]any, ref string, body map[string]any, prefix []any) []slot {
	s := schemas[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
	props, _ := s["properties"].(map[string]any)
	var out []slot
	for name, raw := range props {
		p := raw.(map[string]any)
		at := append(slices.Clone(prefix), name)
		switch item := dig(p, "items"); {
		case p["type"] == "string" || slices.Contains(asSlice(p["type"]), any("string")):
			if _, ok := body[name]; !ok {
				body[name] = exampleValue(schemas, p)
			}
			out = append(out, slot{in: "body", body: at})
		case item["$ref"] != nil: // an array, maybe nullable
			elem := example(schemas, item["$ref"].(string))
			body[name] = []any{elem}
			out = append(out, stringFields(schemas, item["$ref"].(string), elem, append(at, 0))...)
		case p["$ref"] != nil:
			sub := example(schemas, p["$ref"].(string))
			body[name] = sub
			out = append(out, stringFields(schemas, p["$ref"].(string), sub, at)...)
		}
	}
	return out
}
