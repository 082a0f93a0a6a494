package upload

import (
	"archive/zip"
	"bytes"
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
	return newXMLPart(rc, int64(f.UncompressedSize64), limit), nil
}

// newXMLPart reads the XML of rc, a part whose zip header declares it
// unpacks to declared bytes, reading at most limit bytes.
func newXMLPart(rc io.ReadCloser, declared, limit int64) *xmlPart {
	return &xmlPart{s: newScanner(rc, declared, limit, maxToken), rc: rc, maxDepth: maxDepth, maxElements: maxElements}
}

// lyingSize is the error of a part that unpacks to more than its header
// declares, or whose content does not match its checksum.
func lyingSize() error {
	return baove.InvalidKey("file", "upload.damaged_zip", nil, nil)
}

func tokenTooLong() error {
	return tooLarge("upload.xml_too_long", size(maxToken))
}

// xmlPart reads one part of a workbook token by token. The scanner checks
// as it reads that the part neither passes its limit nor unpacks to more
// than its zip header declares (which archive/zip also checks), and that
// no token is longer than maxToken (a sheet of a billion spaces would
// otherwise be one text of a gigabyte); xmlPart that its elements match,
// nest at most maxDepth deep and number at most maxElements.
type xmlPart struct {
	s                     *scanner
	rc                    io.Closer
	open                  []byte // the names of the open elements, one after the other
	ends                  []int  // where each ends in open, innermost last
	elements              int
	maxDepth, maxElements int
}

// next returns the part's next token, valid until the following call, or
// io.EOF at its end. Names keep their prefix and are matched by their
// local part. A token past maxToken, elements nested deeper than maxDepth,
// more than maxElements elements or a part past its limit is ETOOLARGE,
// and XML that does not parse EINVALID.
func (x *xmlPart) next() (*token, error) {
	t, err := x.s.next()
	if errors.Is(err, io.EOF) && len(x.ends) > 0 {
		return nil, notXLSX() // cut short
	} else if err != nil {
		return nil, readError(err)
	}
	if x.s.tooLong() {
		return nil, tokenTooLong()
	}
	switch t.kind {
	case startElement:
		if x.open = append(x.open, t.name...); len(x.ends) >= x.maxDepth {
			return nil, tooLarge("upload.xml_too_deep", i18n.Args{"max": i18n.Count(maxDepth)})
		}
		x.ends = append(x.ends, len(x.open))
		if x.elements++; x.elements > x.maxElements {
			return nil, tooLarge("upload.xml_too_many", i18n.Args{"max": i18n.Count(maxElements)})
		}
	case endElement: // the scanner leaves matching tags to its caller, as RawToken did
		if !bytes.Equal(t.name, x.innermost()) {
			return nil, notXLSX()
		}
		x.ends = x.ends[:len(x.ends)-1]
		x.open = x.open[:len(x.open)-len(t.name)]
	}
	return t, nil
}

// innermost returns the name of the innermost open element, or nil.
func (x *xmlPart) innermost() []byte {
	if len(x.ends) == 0 {
		return nil
	}
	from := 0
	if len(x.ends) > 1 {
		from = x.ends[len(x.ends)-2]
	}
	return x.open[from:]
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
	return x.rc.Close()
}

func notXLSX() error {
	return baove.InvalidKey("file", "upload.not_xlsx", nil, nil)
}
