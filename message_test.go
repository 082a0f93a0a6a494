package baove_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"baove/i18n"
)

// TestMessages_AreCatalogueKeys keeps every message a user can read in the
// catalogue: no non-test code outside the command-line tool (cmd) builds an
// application error from English text, whether by a baove.Errorf or
// baove.Invalid of old, an Add of three arguments given text (a problem
// list's or an upload checker's), or an Error, FieldError or CellError
// literal with a Message.
func TestMessages_AreCatalogueKeys(t *testing.T) {
	for _, f := range sources(t) {
		for _, at := range englishMessages(f.file) {
			t.Errorf("%s: an English message: use a catalogue key (baove.E, baove.InvalidKey, AddKey)", f.fset.Position(at))
		}
	}
}

// TestMessages_KeysAreInBothCatalogues fails when code names a message key
// (baove.E, baove.InvalidKey, AddKey, an error's Key) that the Vietnamese or
// the English catalogue lacks; a key built as "prefix."+name needs some key
// under that prefix.
func TestMessages_KeysAreInBothCatalogues(t *testing.T) {
	n := 0
	for _, f := range sources(t) {
		for _, k := range messageKeys(f.file) {
			n++
			if k.text {
				t.Errorf("%s: %q is text, not a catalogue key", f.fset.Position(k.at), k.key)
				continue
			}
			for _, lang := range i18n.Langs {
				if !inCatalogue(lang, k) {
					t.Errorf("%s: the %s catalogue lacks %s", f.fset.Position(k.at), lang, k)
				}
			}
		}
	}
	if n < 200 {
		t.Fatalf("found %d message keys in the sources; the scan is broken", n)
	}
}

// source is a parsed non-test Go file.
type source struct {
	fset *token.FileSet
	file *ast.File
}

// sources parses the repository's non-test, non-generated Go files outside
// cmd.
func sources(t *testing.T) []source {
	t.Helper()
	fset := token.NewFileSet()
	var out []source
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if skippedDir(path) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, "_templ.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		out = append(out, source{fset, f})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// skippedDir reports whether the directory at path holds no code whose
// messages reach a page or an API caller: the command-line tool, test data
// and anything hidden.
func skippedDir(path string) bool {
	base := filepath.Base(path)
	switch {
	case path == ".":
		return false
	case strings.HasPrefix(base, ".") || base == "testdata" || base == "node_modules":
		return true
	}
	first, _, _ := strings.Cut(filepath.ToSlash(path), "/")
	return first == "cmd"
}

// englishMessages returns where f builds an application error from text.
func englishMessages(f *ast.File) []token.Pos {
	var out []token.Pos
	inBaove := f.Name.Name == "baove"
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			if englishCall(x, inBaove) {
				out = append(out, x.Pos())
			}
		case *ast.CompositeLit:
			if pos, ok := messageField(x, inBaove); ok {
				out = append(out, pos)
			}
		}
		return true
	})
	return out
}

// englishCall reports whether call is baove.Errorf (but for EINTERNAL),
// baove.Invalid, or an Add of three arguments given text.
func englishCall(call *ast.CallExpr, inBaove bool) bool {
	name, pkg := callee(call.Fun)
	fromBaove := pkg == "baove" || (pkg == "" && inBaove)
	switch {
	case fromBaove && name == "Errorf":
		return len(call.Args) == 0 || !isName(call.Args[0], "EINTERNAL")
	case fromBaove && name == "Invalid":
		return true
	case name == "Add" && pkg != "" && len(call.Args) == 3:
		return textual(call.Args[1]) || textual(call.Args[2])
	}
	return false
}

// messageField returns where a literal of baove.Error, baove.FieldError or
// upload.CellError sets Message.
func messageField(lit *ast.CompositeLit, inBaove bool) (token.Pos, bool) {
	name, pkg := callee(lit.Type)
	if !(name == "Error" && (pkg == "baove" || inBaove && pkg == "") || name == "FieldError" || name == "CellError") {
		return 0, false
	}
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok && isName(kv.Key, "Message") {
			return kv.Pos(), true
		}
	}
	return 0, false
}

// callee returns the name an expression ends with and the package or
// receiver it is selected from ("" for a bare name).
func callee(e ast.Expr) (name, from string) {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name, ""
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			return x.Sel.Name, id.Name
		}
		return x.Sel.Name, "?"
	}
	return "", ""
}

func isName(e ast.Expr, name string) bool {
	n, _ := callee(e)
	return n == name
}

// textual reports whether e is text: a string literal, text joined to one,
// fmt.Sprintf or an error's Error().
func textual(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.BasicLit:
		return x.Kind == token.STRING
	case *ast.BinaryExpr:
		return textual(x.X) || textual(x.Y)
	case *ast.CallExpr:
		name, pkg := callee(x.Fun)
		return (pkg == "fmt" && name == "Sprintf") || (name == "Error" && len(x.Args) == 0)
	}
	return false
}

// messageKey is a key named in code: the whole key, or the prefix of one
// built at run time; text when the literal is not a key at all.
type messageKey struct {
	at     token.Pos
	key    string
	prefix bool
	text   bool
}

func (k messageKey) String() string {
	if k.prefix {
		return k.key + "…"
	}
	return k.key
}

// keyRE is the form of a message key: "plan.not_found".
var keyRE = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.([a-z0-9_]+)?$`)

// messageKeys returns the keys f names: the key argument of E, InvalidKey
// and AddKey, and the Key of an Error, FieldError or CellError literal.
func messageKeys(f *ast.File) []messageKey {
	var out []messageKey
	add := func(e ast.Expr) {
		if k, ok := keyOf(e); ok {
			out = append(out, k)
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			name, _ := callee(x.Fun)
			switch {
			case (name == "E" || name == "InvalidKey") && len(x.Args) > 1:
				add(x.Args[1])
			case name == "AddKey" && len(x.Args) == 4:
				if k, ok := keyOf(x.Args[1]); (ok && !k.text) || !isLiteral(x.Args[2]) {
					add(x.Args[1]) // a problem list's AddKey(field, key, args, value)
				} else {
					add(x.Args[2]) // an upload checker's AddKey(row, field, key, args)
				}
			}
		case *ast.CompositeLit:
			if name, _ := callee(x.Type); name == "Error" || name == "FieldError" || name == "CellError" {
				for _, e := range x.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok && isName(kv.Key, "Key") {
						add(kv.Value)
					}
				}
			}
		}
		return true
	})
	return out
}

func isLiteral(e ast.Expr) bool {
	lit, ok := e.(*ast.BasicLit)
	return ok && lit.Kind == token.STRING
}

// keyOf returns the key a string literal is, or the prefix a literal
// starts a concatenation with ("plan.cannot."+action); a literal that is
// not of a key's form is text.
func keyOf(e ast.Expr) (messageKey, bool) {
	prefix := false
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD {
		e, prefix = b.X, true
	}
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return messageKey{}, false
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		return messageKey{}, false
	}
	return messageKey{lit.Pos(), s, prefix, !keyRE.MatchString(s)}, true
}

// inCatalogue reports whether lang's catalogue holds k, or for a prefix
// some key that starts with it.
func inCatalogue(lang i18n.Lang, k messageKey) bool {
	if !k.prefix {
		return i18n.Has(lang, k.key)
	}
	for _, key := range i18n.Keys(lang) {
		if strings.HasPrefix(key, k.key) {
			return true
		}
	}
	return false
}
