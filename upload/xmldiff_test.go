package upload

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"baove"
)

// The scanner and the readers over it are compared with the reference,
// encoding/xml and the readers as they were over it (xmlref_test.go):
// token by token, and row by row.

// partLimits are the limits of a part being read, small in the fuzz tests
// so that every limit is met.
type partLimits struct {
	declared, limit, maxToken int64
	maxDepth, maxElements     int
	failAt                    int // the part fails to unpack after failAt bytes, when not negative
}

// fullLimits are the limits a sheet is read within.
func fullLimits(data []byte) partLimits {
	return partLimits{declared: int64(len(data)), limit: maxPart, maxToken: maxToken, maxDepth: maxDepth, maxElements: maxElements, failAt: -1}
}

// damaged reads data, then fails as a zip whose checksum is wrong after
// failAt bytes (or at the end).
type damaged struct {
	r      *bytes.Reader
	failAt int
	read   int
}

func (d *damaged) Read(p []byte) (int, error) {
	if d.failAt >= 0 {
		if d.read >= d.failAt {
			return 0, zip.ErrChecksum
		}
		p = p[:min(len(p), d.failAt-d.read)]
	}
	n, err := d.r.Read(p)
	d.read += n
	return n, err
}

func (d *damaged) Close() error { return nil }

func source(data []byte, l partLimits) io.ReadCloser {
	return &damaged{r: bytes.NewReader(data), failAt: l.failAt}
}

// newPart returns the scanner's reader of data within l.
func newPart(data []byte, l partLimits) *xmlPart {
	x := newXMLPart(source(data, l), l.declared, l.limit)
	x.s.maxToken, x.maxDepth, x.maxElements = l.maxToken, l.maxDepth, l.maxElements
	return x
}

// newRefPart returns the reference reader of data within l.
func newRefPart(data []byte, l partLimits) *refXMLPart {
	x := refNewPart(source(data, l), l.declared, l.limit)
	x.r.maxToken, x.maxDepth, x.maxElements = l.maxToken, l.maxDepth, l.maxElements
	return x
}

// tokens returns the tokens the scanner reads from data, one a line, and
// how it stops.
func tokens(data []byte, l partLimits) string {
	x := newPart(data, l)
	var out strings.Builder
	for {
		t, err := x.next()
		if err != nil {
			return out.String() + "stop: " + describe(err)
		}
		switch t.kind {
		case startElement:
			fmt.Fprintf(&out, "start %q", t.name)
			for _, a := range t.attrs {
				fmt.Fprintf(&out, " %q=%q", a.local, a.value)
			}
		case endElement:
			fmt.Fprintf(&out, "end %q", t.name)
		case charData:
			fmt.Fprintf(&out, "text %q", t.text)
		default:
			out.WriteString("other")
		}
		out.WriteByte('\n')
	}
}

// refTokens returns the tokens the reference reads, as tokens does.
func refTokens(data []byte, l partLimits) string {
	x := newRefPart(data, l)
	var out strings.Builder
	for {
		t, err := x.next()
		if err != nil {
			return out.String() + "stop: " + describe(err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			fmt.Fprintf(&out, "start %q", qualified(t.Name))
			for _, a := range t.Attr {
				fmt.Fprintf(&out, " %q=%q", a.Name.Local, a.Value)
			}
		case xml.EndElement:
			fmt.Fprintf(&out, "end %q", qualified(t.Name))
		case xml.CharData:
			fmt.Fprintf(&out, "text %q", []byte(t))
		default:
			out.WriteString("other")
		}
		out.WriteByte('\n')
	}
}

func qualified(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// describe names an error by what a user would be told: its code and
// message key, or its text.
func describe(err error) string {
	var e *baove.Error
	switch {
	case errors.Is(err, io.EOF):
		return "EOF"
	case errors.As(err, &e) && len(e.Fields) > 0:
		return fmt.Sprintf("%s %s %v", e.Code, e.Fields[0].Key, e.Fields[0].Args)
	case errors.As(err, &e):
		return fmt.Sprintf("%s %s %v", e.Code, e.Key, e.Args)
	}
	return err.Error()
}

// rows returns what the scanner's readers read of a sheet and its shared
// strings (none when shared is nil), as lines.
func rows(sheet, shared []byte) string {
	var t tally
	var strs []string
	if shared != nil {
		var err error
		if strs, err = readShared(newPart(shared, fullLimits(shared)), &t); err != nil {
			return "shared strings: " + describe(err)
		}
	}
	got, err := readSheet(newPart(sheet, fullLimits(sheet)), strs, &t)
	return showRows(got, err)
}

// refRows returns what the reference readers read, as rows does.
func refRows(sheet, shared []byte) string {
	var t tally
	var strs []string
	if shared != nil {
		var err error
		if strs, err = refSharedStrings(newRefPart(shared, fullLimits(shared)), &t); err != nil {
			return "shared strings: " + describe(err)
		}
	}
	got, err := refSheetRows(newRefPart(sheet, fullLimits(sheet)), strs, &t)
	return showRows(got, err)
}

func showRows(rows []rawRow, err error) string {
	var out strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&out, "%d:", r.number)
		for _, c := range r.cells {
			fmt.Fprintf(&out, " %q", c.text)
			if c.number {
				out.WriteString("#")
			}
		}
		out.WriteByte('\n')
	}
	if err != nil {
		out.WriteString("error: " + describe(err))
	}
	return out.String()
}

// diffLines returns the first line where got and want differ, with some
// context, for a failure's message.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		if i >= len(g) || i >= len(w) || g[i] != w[i] {
			line := func(l []string) string {
				if i < len(l) {
					return l[i]
				}
				return "(nothing)"
			}
			return fmt.Sprintf("line %d:\n  scanner:   %.300s\n  reference: %.300s", i+1, line(g), line(w))
		}
	}
	return ""
}
