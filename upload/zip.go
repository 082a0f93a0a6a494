package upload

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"baove"
	"baove/i18n"
)

// archive is an XLSX file's zip, its parts found by name without regard
// to case, as the package format names them.
type archive struct {
	parts map[string]*zip.File
}

// openArchive opens the zip in data. Before anything is unpacked, it
// refuses a part that declares more than maxPart bytes, or parts that
// declare more than limit bytes together.
func openArchive(data []byte, limit int64) (*archive, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, notXLSX()
	}
	a := &archive{parts: make(map[string]*zip.File, len(z.File))}
	var total uint64
	for _, f := range z.File {
		if f.UncompressedSize64 > maxPart {
			return nil, tooLarge("upload.too_large_part", size(maxPart))
		}
		total += f.UncompressedSize64
		if total > uint64(limit) {
			return nil, tooLarge("upload.too_large_unzipped", size(limit))
		}
		a.parts[partKey(f.Name)] = f
	}
	return a, nil
}

func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(name, "/"))
}

// has reports whether the zip holds the part name.
func (a *archive) has(name string) bool {
	_, ok := a.parts[partKey(name)]
	return ok
}

// xml returns a reader of the XML part name that unpacks at most limit
// bytes; a missing part is EINVALID.
func (a *archive) xml(name string, limit int64) (*xmlPart, error) {
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
	p := &partReader{rc: rc, r: bufio.NewReader(rc), declared: int64(f.UncompressedSize64), limit: limit}
	return &xmlPart{r: p, d: xml.NewDecoder(p)}, nil
}

// partReader unpacks one part, checking as it reads that the part neither
// passes its limit nor unpacks to more than its zip header declares (which
// archive/zip also checks), and that no XML token is longer than maxToken:
// the XML decoder reads it byte by byte and buffers a whole token, so a
// sheet of a billion spaces would otherwise be one text of a gigabyte.
type partReader struct {
	rc       io.ReadCloser
	r        *bufio.Reader
	n, since int64 // bytes read, and read since the last mark
	declared int64
	limit    int64
}

// lyingSize is the error of a part that unpacks to more than its header
// declares, or whose content does not match its checksum.
func lyingSize() error {
	return baove.InvalidKey("file", "upload.damaged_zip", nil, nil)
}

// ReadByte implements io.ByteReader, which the XML decoder reads through.
func (p *partReader) ReadByte() (byte, error) {
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
	case p.since > maxToken:
		return 0, tokenTooLong()
	}
	return b, nil
}

// Read implements io.Reader through ReadByte.
func (p *partReader) Read(b []byte) (int, error) {
	for i := range b {
		c, err := p.ReadByte()
		if err != nil {
			return i, err
		}
		b[i] = c
	}
	return len(b), nil
}

func tokenTooLong() error {
	return tooLarge("upload.xml_too_long", size(maxToken))
}

// xmlPart reads one part of a workbook token by token.
type xmlPart struct {
	r        *partReader
	d        *xml.Decoder
	open     []xml.Name // the elements open, innermost last
	elements int
}

// next returns the part's next token, valid until the following call, or
// io.EOF at its end. Names keep their prefix and are matched by their
// local part. A token past maxToken, elements nested deeper than maxDepth,
// more than maxElements elements or a part past its limit is ETOOLARGE, and XML that does not parse
// EINVALID.
func (x *xmlPart) next() (xml.Token, error) {
	x.r.since = 0
	t, err := x.d.RawToken()
	if errors.Is(err, io.EOF) && len(x.open) > 0 {
		return nil, notXLSX() // cut short
	} else if err != nil {
		return nil, readError(err)
	}
	if x.r.since > maxToken { // the decoder returns the text it read before the error
		return nil, tokenTooLong()
	}
	switch t := t.(type) {
	case xml.StartElement:
		if x.open = append(x.open, t.Name); len(x.open) > maxDepth {
			return nil, tooLarge("upload.xml_too_deep", i18n.Args{"max": i18n.Count(maxDepth)})
		}
		if x.elements++; x.elements > maxElements {
			return nil, tooLarge("upload.xml_too_many", i18n.Args{"max": i18n.Count(maxElements)})
		}
	case xml.EndElement:
		// RawToken leaves the matching of tags to its caller.
		if len(x.open) == 0 || x.open[len(x.open)-1] != t.Name {
			return nil, notXLSX()
		}
		x.open = x.open[:len(x.open)-1]
	}
	return t, nil
}

// readError passes io.EOF and application errors through, reports a part
// that unpacks to more or less than it declares, or not to its checksum,
// as a damaged zip, and any other failure as a file that cannot be read.
func readError(err error) error {
	var appErr *baove.Error
	if errors.Is(err, io.EOF) || errors.As(err, &appErr) {
		return err
	}
	if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) || errors.Is(err, io.ErrUnexpectedEOF) {
		return lyingSize()
	}
	return notXLSX()
}

// Close closes the part.
func (x *xmlPart) Close() error {
	return x.r.rc.Close()
}

// attr returns the value of the attribute of e whose local name is name.
func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func notXLSX() error {
	return baove.Invalid("file", "not a readable XLSX file", nil)
}
