package web_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"baove/i18n"
)

// keyRE finds the catalogue keys the pages use: every string literal
// "web.…" in the package's Go and templ sources (T(ctx, "web.signin.title"),
// the keys of nav.go and role.go).
var keyRE = regexp.MustCompile(`"(web(?:\.[a-z0-9_]+)+)"`)

// usedKeys returns the keys the sources of web and its packages use, by
// file; generated *_templ.go files are left out, as their .templ says the
// same.
func usedKeys(t *testing.T) map[string]string {
	t.Helper()
	used := map[string]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, "_templ.go") ||
			!(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".templ")) {
			return err
		}
		b, err := os.ReadFile(path)
		for _, m := range keyRE.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = path
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 20 {
		t.Fatalf("found %d keys in the pages' sources; the scan is broken", len(used))
	}
	return used
}

func TestCatalogue_HoldsEveryKeyThePagesUseInBothLanguages(t *testing.T) {
	for key, file := range usedKeys(t) {
		for _, lang := range i18n.Langs {
			if !i18n.Has(lang, key) {
				t.Errorf("%s uses %s, which the %s catalogue lacks", file, key, lang)
			}
		}
	}
}

func TestCatalogue_HoldsNoPageKeyThatNothingUses(t *testing.T) {
	used := usedKeys(t)
	keys := i18n.Keys(i18n.VI)
	slices.Sort(keys)
	for _, key := range keys {
		if _, ok := used[key]; strings.HasPrefix(key, "web.") && !ok {
			t.Errorf("the catalogue holds %s, which no page uses", key)
		}
	}
}
