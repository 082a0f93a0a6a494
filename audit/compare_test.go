package audit_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"baove/audit"
)

func TestFields_SetsBeforeAndAfterSideBySideFieldByField(t *testing.T) {
	e := audit.Entry{
		Before: json.RawMessage(`{"title":"Kế hoạch","amount":1000000,"lines":[{"id":1,"note":"a"}],"tags":[],"gone":null}`),
		After: json.RawMessage(`{"title":"Kế hoạch 2026","amount":1000000,` +
			`"lines":[{"id":1,"note":"b"},{"id":2}],"tags":[],"new":true}`),
	}
	var got []string
	for _, f := range e.Fields() {
		got = append(got, fmt.Sprintf("%s %s|%s|%s", f.Change, f.Path, f.Before, f.After))
	}
	want := []string{
		"changed title|Kế hoạch|Kế hoạch 2026",
		"same amount|1000000|1000000",
		"same lines[0].id|1|1",
		"changed lines[0].note|a|b",
		"same tags|[]|[]",
		"removed gone|null|",
		"added lines[1].id||2",
		"added new||true",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("fields:\n%q\nwant\n%q", got, want)
	}
}

func TestFields_OfACreationAreAllAddedAndOfAnythingElseItsText(t *testing.T) {
	created := audit.Entry{After: json.RawMessage(`{"username":"a","role":"admin"}`)}
	if f := created.Fields(); len(f) != 2 || f[0].Change != audit.Added || f[1].Path != "role" {
		t.Errorf("a creation: %+v", f)
	}
	odd := audit.Entry{Before: json.RawMessage(`"text"`), After: json.RawMessage(`{broken`)}
	if f := odd.Fields(); len(f) != 1 || f[0].Path != "" || f[0].Before != "text" || f[0].After != "{broken" {
		t.Errorf("a scalar and a broken state: %+v", f)
	}
}
