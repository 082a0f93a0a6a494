package i18n_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/shopspring/decimal"

	"baove/i18n"
)

func TestCatalogues_HoldTheSameKeysWithTheSameArguments(t *testing.T) {
	vi, en := i18n.Keys(i18n.VI), i18n.Keys(i18n.EN)
	for _, k := range vi {
		if !i18n.Has(i18n.EN, k) {
			t.Errorf("%s is in the Vietnamese catalogue only", k)
			continue
		}
		a, b := i18n.Placeholders(i18n.VI, k), i18n.Placeholders(i18n.EN, k)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(slices.Compact(a), slices.Compact(b)) {
			t.Errorf("%s: arguments %v in Vietnamese, %v in English", k, a, b)
		}
	}
	for _, k := range en {
		if !i18n.Has(i18n.VI, k) {
			t.Errorf("%s is in the English catalogue only", k)
		}
	}
}

func TestText_WritesNumbersAsEachLanguageDoes(t *testing.T) {
	args := i18n.Args{"max": i18n.Count(1234567)}
	if got := i18n.Text(i18n.VI, "field.too_long", args); got != "tối đa 1.234.567 ký tự" {
		t.Errorf("vi: %q", got)
	}
	if got := i18n.Text(i18n.EN, "field.too_long", args); got != "at most 1,234,567 characters" {
		t.Errorf("en: %q", got)
	}
	d := decimal.RequireFromString("1234.5")
	if got := i18n.Decimal(i18n.VI, d, 2); got != "1.234,50" {
		t.Errorf("vi decimal: %q", got)
	}
	if got := i18n.Decimal(i18n.EN, d, 2); got != "1,234.50" {
		t.Errorf("en decimal: %q", got)
	}
}

func TestText_UnknownKeyShowsTheKey(t *testing.T) {
	if got := i18n.Text(i18n.VI, "no.such.key", nil); got != "no.such.key" {
		t.Fatalf("got %q", got)
	}
}

func TestNegotiate_FollowsPreferenceAndFallsBack(t *testing.T) {
	cases := map[string]i18n.Lang{
		"":                        i18n.EN,
		"vi":                      i18n.VI,
		"vi-VN,vi;q=0.9,en;q=0.8": i18n.VI,
		"fr, en-GB;q=0.5":         i18n.EN,
		"en;q=0.2, vi;q=0.7":      i18n.VI,
		"de":                      i18n.EN,
		"vi;q=0":                  i18n.EN,
	}
	for header, want := range cases {
		if got := i18n.Negotiate(header, i18n.EN); got != want {
			t.Errorf("Negotiate(%q) = %s, want %s", header, got, want)
		}
	}
}

func TestPlural_ChoosesTheFormByCount(t *testing.T) {
	if !strings.Contains(i18n.Render(i18n.EN, "{n} {n|activity|activities}", i18n.Args{"n": 1}), "1 activity") {
		t.Error("one")
	}
	if got := i18n.Render(i18n.EN, "{n} {n|activity|activities}", i18n.Args{"n": 3}); got != "3 activities" {
		t.Errorf("other: %q", got)
	}
}

func TestLoad_RefusesMalformedLinesAndDuplicates(t *testing.T) {
	for name, body := range map[string]string{
		"no equals": "just text\n",
		"twice":     "a = one\na = two\n",
		"bad key":   "a b = c\n",
	} {
		fsys := fstest.MapFS{"c/x.txt": {Data: []byte(body)}}
		if _, err := i18n.LoadDir(fsys, "c"); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestText_WritesYearsAndIdsAsTheyAre(t *testing.T) {
	if got := i18n.Render(i18n.EN, "{year}, line {id}", i18n.Args{"year": 2026, "id": int64(12345)}); got != "2026, line 12345" {
		t.Fatalf("got %q", got)
	}
}

func TestPlural_CountsGroupAndChooseTheForm(t *testing.T) {
	if got := i18n.Render(i18n.EN, "{n} {n|row|rows}", i18n.Args{"n": i18n.Count(1)}); got != "1 row" {
		t.Errorf("one: %q", got)
	}
	if got := i18n.Render(i18n.EN, "{n} {n|row|rows}", i18n.Args{"n": i18n.Count(12500)}); got != "12,500 rows" {
		t.Errorf("many: %q", got)
	}
}
