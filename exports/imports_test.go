package exports_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// exports renders and parses files for any layer to use; it must not reach
// into the database or the HTTP layer (STYLE.md). This checks the
// package's own imports; excelize itself imports net/http, for content
// types, which is no breach of the rule.
func TestExports_ImportsNoDatabaseOrHTTPPackage(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if path == "net/http" || strings.Contains(path, "uptrace/bun") || strings.Contains(path, "huma") ||
				path == "baove/database" || path == "baove/api" {
				t.Errorf("%s imports %s", name, path)
			}
		}
	}
}
