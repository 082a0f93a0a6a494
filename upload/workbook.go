package upload

import (
	"errors"
	"io"
	"path"
	"strings"
)

// book is what reading needs of a workbook: the parts of its first sheet
// and of its shared strings ("" when it has none), and its date system.
type book struct {
	sheet, sharedStrings string
	date1904             bool
}

// Default part names, for packages whose relationships do not say.
const (
	defaultWorkbook      = "xl/workbook.xml"
	defaultSharedStrings = "xl/sharedStrings.xml"
)

// book finds the first sheet as a spreadsheet lists it, through the
// package's relationships. It never reads the styles, themes or drawings.
func (a *archive) book() (book, error) {
	wb := defaultWorkbook
	if a.has("_rels/.rels") {
		rels, err := a.relationships("_rels/.rels", "")
		if err != nil {
			return book{}, err
		}
		if target := rels.ofType("/officeDocument"); target != "" {
			wb = target
		}
	}
	first, date1904, err := a.workbook(wb)
	if err != nil {
		return book{}, err
	}
	rels, err := a.relationships(path.Join(path.Dir(wb), "_rels", path.Base(wb)+".rels"), path.Dir(wb))
	if err != nil {
		return book{}, err
	}
	b := book{sheet: rels.byID[first], sharedStrings: rels.ofType("/sharedStrings"), date1904: date1904}
	if b.sharedStrings == "" && a.has(defaultSharedStrings) {
		b.sharedStrings = defaultSharedStrings
	}
	if b.sheet == "" {
		return book{}, notXLSX()
	}
	return b, nil
}

// workbook returns the relationship id of the workbook's first sheet and
// whether its dates count from 1904.
func (a *archive) workbook(name string) (first string, date1904 bool, err error) {
	err = a.eachElement(name, func(e *token) {
		switch {
		case e.is("workbookPr"):
			v := string(e.attr("date1904"))
			date1904 = v == "1" || v == "true"
		case e.is("sheet"):
			if first == "" {
				first = string(e.attr("id"))
			}
		}
	})
	return first, date1904, err
}

// rels are a part's relationships: their targets by id, and by type.
type rels struct {
	byID   map[string]string
	byType map[string]string // the first target of each type
}

// ofType returns the first target whose type ends in suffix, or "".
func (r rels) ofType(suffix string) string {
	for typ, target := range r.byType {
		if strings.HasSuffix(typ, suffix) {
			return target
		}
	}
	return ""
}

// relationships reads a relationships part, resolving each target against
// dir, the folder of the part it belongs to.
func (a *archive) relationships(name, dir string) (rels, error) {
	r := rels{byID: map[string]string{}, byType: map[string]string{}}
	err := a.eachElement(name, func(e *token) {
		if !e.is("Relationship") || string(e.attr("TargetMode")) == "External" {
			return
		}
		target := string(e.attr("Target"))
		if strings.HasPrefix(target, "/") {
			target = target[1:]
		} else {
			target = path.Join(dir, target)
		}
		r.byID[string(e.attr("Id"))] = target
		if typ := string(e.attr("Type")); r.byType[typ] == "" {
			r.byType[typ] = target
		}
	})
	return r, err
}

// eachElement calls fn with every start element of a small part.
func (a *archive) eachElement(name string, fn func(*token)) error {
	x, err := a.xml(name, maxSmallPart)
	if err != nil {
		return err
	}
	defer x.Close()
	for {
		t, err := x.next()
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		if t.kind == startElement {
			fn(t)
		}
	}
}
