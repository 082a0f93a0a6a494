package upload

// The readers of a workbook's parts as they were over encoding/xml (see
// xmlref_test.go): the reference for xmldiff_test.go. Nothing may change
// here but the part a reader reads, given rather than opened.

import (
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"baove/i18n"
	"baove/vn"
)

// refReadXLSX is readXLSX over the reference readers.
func refReadXLSX(data []byte, maxBytes int64) ([]rawRow, bool, error) {
	a, err := openArchive(data, unzipLimit(maxBytes))
	if err != nil {
		return nil, false, err
	}
	b, err := refBook(a)
	if err != nil {
		return nil, false, err
	}
	var t tally
	var shared []string
	if b.sharedStrings != "" {
		x, err := refXML(a, b.sharedStrings, maxSharedPart)
		if err != nil {
			return nil, false, err
		}
		defer x.Close()
		if shared, err = refSharedStrings(x, &t); err != nil {
			return nil, false, err
		}
	}
	x, err := refXML(a, b.sheet, maxPart)
	if err != nil {
		return nil, false, err
	}
	defer x.Close()
	rows, err := refSheetRows(x, shared, &t)
	return rows, b.date1904, err
}

// --- workbook.go

func refBook(a *archive) (book, error) {
	wb := defaultWorkbook
	if a.has("_rels/.rels") {
		rels, err := refRelationships(a, "_rels/.rels", "")
		if err != nil {
			return book{}, err
		}
		if target := rels.ofType("/officeDocument"); target != "" {
			wb = target
		}
	}
	first, date1904, err := refWorkbook(a, wb)
	if err != nil {
		return book{}, err
	}
	rels, err := refRelationships(a, path.Join(path.Dir(wb), "_rels", path.Base(wb)+".rels"), path.Dir(wb))
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

func refWorkbook(a *archive, name string) (first string, date1904 bool, err error) {
	err = refEachElement(a, name, func(e xml.StartElement) {
		switch e.Name.Local {
		case "workbookPr":
			v := refAttr(e, "date1904")
			date1904 = v == "1" || v == "true"
		case "sheet":
			if first == "" {
				first = refAttr(e, "id")
			}
		}
	})
	return first, date1904, err
}

func refRelationships(a *archive, name, dir string) (rels, error) {
	r := rels{byID: map[string]string{}, byType: map[string]string{}}
	err := refEachElement(a, name, func(e xml.StartElement) {
		if e.Name.Local != "Relationship" || refAttr(e, "TargetMode") == "External" {
			return
		}
		target := refAttr(e, "Target")
		if strings.HasPrefix(target, "/") {
			target = target[1:]
		} else {
			target = path.Join(dir, target)
		}
		r.byID[refAttr(e, "Id")] = target
		if typ := refAttr(e, "Type"); r.byType[typ] == "" {
			r.byType[typ] = target
		}
	})
	return r, err
}

func refEachElement(a *archive, name string, fn func(xml.StartElement)) error {
	x, err := refXML(a, name, maxSmallPart)
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
		if e, ok := t.(xml.StartElement); ok {
			fn(e)
		}
	}
}

// --- strings.go

func refSharedStrings(x *refXMLPart, t *tally) ([]string, error) {
	var out []string
	var s refRichText
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "si" {
			s = refRichText{}
		}
		if end, ok := tok.(xml.EndElement); ok && end.Name.Local == "si" {
			text, err := s.text()
			if err != nil {
				return nil, err
			}
			if out = append(out, text); len(out) > maxCells {
				return nil, tooLarge("upload.too_many_strings", i18n.Args{"max": i18n.Count(maxCells)})
			}
			if err := t.addText(len(text)); err != nil {
				return nil, err
			}
			continue
		}
		if err := s.take(tok); err != nil {
			return nil, err
		}
	}
}

type refRichText struct {
	buf      []byte
	inText   bool
	phonetic int
}

func (r *refRichText) take(tok xml.Token) error {
	switch tok := tok.(type) {
	case xml.StartElement:
		switch tok.Name.Local {
		case "t":
			r.inText = r.phonetic == 0
		case "rPh":
			r.phonetic++
		}
	case xml.EndElement:
		switch tok.Name.Local {
		case "t":
			r.inText = false
		case "rPh":
			r.phonetic--
		}
	case xml.CharData:
		if r.inText {
			return r.add(tok)
		}
	}
	return nil
}

func (r *refRichText) add(b []byte) error {
	if len(r.buf)+len(b) > 7*maxCellText {
		return tooLongCell()
	}
	r.buf = append(r.buf, b...)
	return nil
}

func (r *refRichText) text() (string, error) {
	s := vn.NFC(unescape(string(r.buf)))
	if utf8.RuneCountInString(s) > maxCellText {
		return "", tooLongCell()
	}
	return s, nil
}
