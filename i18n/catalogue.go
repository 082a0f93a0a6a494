package i18n

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

//go:embed catalogue
var files embed.FS

// catalogues holds every message by language, then key.
var catalogues = mustLoad()

func mustLoad() map[Lang]map[string]string {
	out := map[Lang]map[string]string{}
	for _, lang := range Langs {
		c, err := load(files, "catalogue/"+string(lang))
		if err != nil {
			panic(err)
		}
		out[lang] = c
	}
	return out
}

// load reads every *.txt file under dir into one catalogue; a malformed
// line or a key defined twice is an error.
func load(fsys fs.FS, dir string) (map[string]string, error) {
	out := map[string]string{}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".txt" {
			continue
		}
		name := path.Join(dir, e.Name())
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		err = parse(f, name, out)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func parse(r fs.File, name string, out map[string]string) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, text, ok := strings.Cut(line, "=")
		key, text = strings.TrimSpace(key), strings.TrimSpace(text)
		if !ok || key == "" || strings.ContainsAny(key, " \t{}") {
			return fmt.Errorf("i18n: %s:%d: not a line of the form key = text", name, n)
		}
		if _, dup := out[key]; dup {
			return fmt.Errorf("i18n: %s:%d: %s is defined twice", name, n, key)
		}
		out[key] = text
	}
	return sc.Err()
}

// Keys returns every key of lang's catalogue.
func Keys(lang Lang) []string {
	out := make([]string, 0, len(catalogues[lang]))
	for k := range catalogues[lang] {
		out = append(out, k)
	}
	return out
}

// Placeholders returns the argument names key's message in lang uses.
func Placeholders(lang Lang, key string) []string {
	var names []string
	tpl := catalogues[lang][key]
	for {
		open := strings.IndexByte(tpl, '{')
		if open < 0 {
			return names
		}
		end := strings.IndexByte(tpl[open:], '}')
		if end < 0 {
			return names
		}
		name, _, _ := strings.Cut(tpl[open+1:open+end], "|")
		names = append(names, name)
		tpl = tpl[open+end+1:]
	}
}

// LoadDir reads a catalogue directory of fsys as the service does at start;
// tests use it to check the format.
func LoadDir(fsys fs.FS, dir string) (map[string]string, error) { return load(fsys, dir) }
