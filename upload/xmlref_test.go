package upload

// The reader as it was before its XML scanner replaced encoding/xml, kept
// as the reference that the scanner and the readers above it are compared
// with (xmldiff_test.go, xmlfuzz_test.go). Only the limits became fields,
// so that a test can make them small; nothing else may change here.

import (
	"bufio"
	"encoding/xml"
	"errors"
	"io"

	"baove/i18n"
)

// refXML returns the reference reader of the XML part name.
func refXML(a *archive, name string, limit int64) (*refXMLPart, error) {
	f, ok := a.parts[partKey(name)]
	if !ok {
		return nil, notXLSX()
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, tooLarge("upload.too_large_part", size(limit))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, notXLSX()
	}
	return refNewPart(rc, int64(f.UncompressedSize64), limit), nil
}

// refNewPart reads the part rc, which declares it unpacks to declared
// bytes, within limit and the package's limits.
func refNewPart(rc io.ReadCloser, declared, limit int64) *refXMLPart {
	p := &refPartReader{rc: rc, r: bufio.NewReader(rc), declared: declared, limit: limit, maxToken: maxToken}
	return &refXMLPart{r: p, d: xml.NewDecoder(p), maxDepth: maxDepth, maxElements: maxElements}
}

type refPartReader struct {
	rc       io.ReadCloser
	r        *bufio.Reader
	n, since int64
	declared int64
	limit    int64
	maxToken int64
}

func (p *refPartReader) ReadByte() (byte, error) {
	b, err := p.r.ReadByte()
	if err != nil {
		return 0, err
	}
	p.n++
	p.since++
	switch {
	case p.n > p.declared:
		return 0, lyingSize()
	case p.n > p.limit:
		return 0, tooLarge("upload.too_large_part", size(p.limit))
	case p.since > p.maxToken:
		return 0, tokenTooLong()
	}
	return b, nil
}

func (p *refPartReader) Read(b []byte) (int, error) {
	for i := range b {
		c, err := p.ReadByte()
		if err != nil {
			return i, err
		}
		b[i] = c
	}
	return len(b), nil
}

type refXMLPart struct {
	r                     *refPartReader
	d                     *xml.Decoder
	open                  []xml.Name
	elements              int
	maxDepth, maxElements int
}

func (x *refXMLPart) next() (xml.Token, error) {
	x.r.since = 0
	t, err := x.d.RawToken()
	if errors.Is(err, io.EOF) && len(x.open) > 0 {
		return nil, notXLSX()
	} else if err != nil {
		return nil, readError(err)
	}
	if x.r.since > x.r.maxToken {
		return nil, tokenTooLong()
	}
	switch t := t.(type) {
	case xml.StartElement:
		if x.open = append(x.open, t.Name); len(x.open) > x.maxDepth {
			return nil, tooLarge("upload.xml_too_deep", i18n.Args{"max": i18n.Count(maxDepth)})
		}
		if x.elements++; x.elements > x.maxElements {
			return nil, tooLarge("upload.xml_too_many", i18n.Args{"max": i18n.Count(maxElements)})
		}
	case xml.EndElement:
		if len(x.open) == 0 || x.open[len(x.open)-1] != t.Name {
			return nil, notXLSX()
		}
		x.open = x.open[:len(x.open)-1]
	}
	return t, nil
}

func (x *refXMLPart) Close() error {
	return x.r.rc.Close()
}

func refAttr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
