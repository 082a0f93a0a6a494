package plans

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"baove"
	"baove/i18n"
)

func fields(err error) map[string]baove.FieldError {
	out := map[string]baove.FieldError{}
	if e, ok := err.(*baove.Error); ok {
		for _, f := range e.Fields {
			out[f.Field] = f
		}
	}
	return out
}

func TestIssuanceCheck_NamesEveryMissingFieldInBothLanguages(t *testing.T) {
	today := baove.NewDate(2026, 11, 28)
	err := Issuance{}.check(today, today)
	got := fields(err)
	for _, f := range []string{"document_no", "issued_on", "signer_name", "signer_title"} {
		fe, ok := got[f]
		if !ok {
			t.Errorf("an empty issuance does not name %s: %v", f, err)
			continue
		}
		vi, en := fe.Text(i18n.VI), fe.Text(i18n.EN)
		if vi == "" || en == "" || vi == en || strings.Contains(vi, "plan.issue") {
			t.Errorf("%s: %q / %q, want a message in each language", f, vi, en)
		}
	}
}

func TestIssuanceCheck_TheDateFallsBetweenSubmissionAndToday(t *testing.T) {
	today, submitted := baove.NewDate(2026, 11, 28), baove.NewDate(2026, 3, 2)
	is := Issuance{DocumentNo: "99/KH-UBND", SignerName: "Nguyễn Văn An", SignerTitle: "Phó Chủ tịch"}
	for _, c := range []struct {
		on  baove.Date
		key string
	}{
		{submitted, ""}, {today, ""}, {baove.NewDate(2026, 6, 1), ""},
		{today.AddDays(1), "plan.issue.date_future"},
		{submitted.AddDays(-1), "plan.issue.date_before_submission"},
	} {
		is.IssuedOn = c.on
		got := fields(is.check(today, submitted))["issued_on"].Key
		if got != c.key {
			t.Errorf("issued on %s: %q, want %q", c.on, got, c.key)
		}
	}
}

func TestIssuanceCheck_FieldsAreOneLineAndBounded(t *testing.T) {
	today := baove.NewDate(2026, 11, 28)
	is := Issuance{DocumentNo: strings.Repeat("9", MaxDocumentNo+1), IssuedOn: today, SignerName: "Nguyễn\nVăn An",
		SignerTitle: "Phó Chủ tịch\x00"}
	got := fields(is.check(today, today))
	want := map[string]string{"document_no": "field.too_long", "signer_name": "text.line_break", "signer_title": "text.control"}
	for f, key := range want {
		if got[f].Key != key {
			t.Errorf("%s: %q, want %q", f, got[f].Key, key)
		}
	}
	if keys := slices.Sorted(maps.Keys(got)); len(keys) != len(want) {
		t.Errorf("problems with %v, want only %d", keys, len(want))
	}
}

func TestIssuance_WithoutANumberSaysSo(t *testing.T) {
	is := Issuance{IssuedOn: baove.NewDate(2025, 2, 14)}
	if vi, en := is.DocumentNoText(i18n.VI), is.DocumentNoText(i18n.EN); vi != "chưa có số" || en != "no number" {
		t.Errorf("no number: %q / %q", vi, en)
	}
	is.DocumentNo = "35/KH-UBND"
	if got := is.DocumentNoText(i18n.VI); got != "35/KH-UBND" {
		t.Errorf("numbered: %q", got)
	}
}
